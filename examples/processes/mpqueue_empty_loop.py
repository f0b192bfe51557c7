"""`while not q.empty()` can stop before the first item; reading to a sentinel cannot."""
import multiprocessing
import queue

DONE = None   # the sentinel


class HeldBack:
    """Pickling waits for `release`: it keeps the producer's items out of the pipe."""

    def __init__(self, text, release):
        self.text, self.release = text, release

    def __reduce__(self):
        if not self.release.wait(timeout=10):
            raise TimeoutError("never released")
        return (str, (self.text,))


def produce(q, sent, release):
    for n in (1, 2, 3):
        q.put(HeldBack(f"item {n}", release))
    q.put(DONE)
    sent.set()     # every put() has returned


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    q, sent, release = ctx.Queue(), ctx.Event(), ctx.Event()
    producer = ctx.Process(target=produce, args=(q, sent, release))
    producer.start()
    if not sent.wait(timeout=10):
        raise TimeoutError("the producer never finished its put() calls")

    print("qsize() =", q.qsize(), " empty() =", q.empty())
    naive = []
    while not q.empty():           # wrong: empty() only looks at the pipe
        naive.append(q.get(timeout=10))
    print("while not q.empty() collected:", naive)

    release.set()
    items = []
    while True:                    # right: stop on the producer's own signal
        item = q.get(timeout=10)   # and never wait for ever
        if item is DONE:
            break
        items.append(item)
    print("up to the sentinel collected: ", items)
    producer.join(timeout=10)
    print("producer exit code:", producer.exitcode)
