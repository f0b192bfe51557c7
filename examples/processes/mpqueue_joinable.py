"""JoinableQueue: each get() is matched by a task_done(); join() waits for them all."""
import multiprocessing
import threading


def consumer(tasks, results):
    while True:
        n = tasks.get(timeout=10)
        try:
            if n is None:
                return
            results.put(n * 10)
        finally:
            tasks.task_done()  # once per item taken, sentinel included, even on error


def join_within(q, seconds):
    """JoinableQueue.join() takes no timeout, so wait for it from a helper thread."""
    waiter = threading.Thread(target=q.join, daemon=True)
    waiter.start()
    waiter.join(seconds)
    return not waiter.is_alive()


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    tasks, results = ctx.JoinableQueue(), ctx.Queue()
    workers = [ctx.Process(target=consumer, args=(tasks, results)) for _ in range(2)]
    for w in workers:
        w.start()  # before any put(), and before any helper thread
    print(f"join() with nothing put yet returns at once: {join_within(tasks, 10)}")
    for n in range(1, 6):
        tasks.put(n)
    print(f"join() returned once all 5 items were marked done: {join_within(tasks, 10)}")

    for _ in workers:
        tasks.put(None)
    got = sorted(results.get(timeout=10) for _ in range(5))  # drain before joining
    for w in workers:
        w.join(10)
    print(f"results: {got}, exit codes: {[w.exitcode for w in workers]}")

    try:
        tasks.task_done()  # nothing is unfinished any more
    except ValueError as exc:
        print(f"one task_done() too many: ValueError: {exc}")
