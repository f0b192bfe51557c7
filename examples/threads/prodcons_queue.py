"""The same producer and consumer with queue.Queue: the locking is the queue's job."""
import queue
import threading

DONE = object()  # a sentinel no real item can be equal to


def producer(items, q):
    for item in items:
        q.put(item, timeout=5)  # waits while the queue is full
    q.put(DONE, timeout=5)


def consumer(q, received):
    while True:
        item = q.get(timeout=5)  # raises queue.Empty instead of hanging
        if item is DONE:
            return
        received.append(item * item)


if __name__ == "__main__":
    q = queue.Queue(maxsize=3)
    received = []
    threads = [
        threading.Thread(target=producer, args=(range(10), q)),
        threading.Thread(target=consumer, args=(q, received)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
        assert not t.is_alive()
    print("received:", received)
