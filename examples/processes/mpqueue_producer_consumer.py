"""Several consumer processes share one queue and each stops at its own sentinel."""
import multiprocessing

STOP = None  # the sentinel: one per consumer, put after all the work


def consumer(jobs, results):
    done = 0
    while True:
        word = jobs.get(timeout=10)
        if word is STOP:
            break
        results.put((word, len(word)))
        done += 1
    results.put(("stopped", done))  # lets the parent count every item


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    jobs, results = ctx.Queue(), ctx.Queue()
    consumers = [ctx.Process(target=consumer, args=(jobs, results)) for _ in range(3)]
    for c in consumers:
        c.start()  # start every child before the first put()

    words = ["pipe", "lock", "feeder", "sentinel", "pickle", "queue", "fork"]
    for w in words:
        jobs.put(w)
    for _ in consumers:
        jobs.put(STOP)  # each consumer takes exactly one and stops

    # Drain before join: a consumer cannot exit while its results are unread.
    lengths, handled = {}, 0
    for _ in range(len(words) + len(consumers)):
        key, value = results.get(timeout=10)
        if key == "stopped":
            handled += value
        else:
            lengths[key] = value
    for c in consumers:
        c.join(10)

    print(f"lengths: {dict(sorted(lengths.items()))}")
    print(f"items handled in total: {handled} of {len(words)}")
    print(f"exit codes: {[c.exitcode for c in consumers]}")
