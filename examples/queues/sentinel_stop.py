"""Stop N consumers with N sentinels, each taken by exactly one consumer."""
import functools
import queue
import threading

CONSUMERS = 3
STOP = object()  # unique: no real item can be mistaken for it


def consume(q, done):
    # iter(callable, sentinel) calls get() until it returns STOP. partial()
    # adds the timeout, so a lost sentinel raises Empty instead of hanging.
    for item in iter(functools.partial(q.get, timeout=5), STOP):
        done.append(item.upper())  # this thread's own list: no sharing


if __name__ == "__main__":
    q = queue.Queue()
    done_by = [[] for _ in range(CONSUMERS)]
    threads = [threading.Thread(target=consume, args=(q, done)) for done in done_by]
    for t in threads:
        t.start()

    for word in ("red", "green", "blue", "cyan", "magenta", "yellow"):
        q.put(word, timeout=1)
    for _ in threads:
        q.put(STOP, timeout=1)  # one per consumer, after all the work (FIFO)

    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive(), f"{t.name} missed its sentinel"
    print("stopped:", sum(not t.is_alive() for t in threads), "of", CONSUMERS)
    print("results:", sorted(word for done in done_by for word in done))
    print("left in the queue:", q.qsize())
