"""A bounded queue holds a fast producer back to the pace of its consumer."""
import queue
import threading

MAXSIZE = 2
ITEMS = 6


def produce(q, log):
    for n in range(ITEMS):
        try:
            q.put_nowait(n)
        except queue.Full:
            log.put(f"producer: queue full ({MAXSIZE} items), waits to put {n}")
            q.put(n, timeout=5)  # returns only once the consumer has freed a slot
        log.put(f"producer: put {n}")
    log.put("producer: done")


def print_until(log, last_words):
    """Print the producer's log up to the next line that starts with last_words."""
    while True:
        line = log.get(timeout=5)
        print(line)
        if line.startswith(last_words):
            return


if __name__ == "__main__":
    q = queue.Queue(maxsize=MAXSIZE)
    log = queue.SimpleQueue()  # the producer reports here; only this thread prints
    producer = threading.Thread(target=produce, args=(q, log))
    producer.start()

    # The consumer takes one item each time the producer has hit the limit,
    # so every step below is forced by the queue, not by timing.
    for _ in range(ITEMS - MAXSIZE):
        print_until(log, "producer: queue full")
        print(f"consumer: took {q.get(timeout=5)}")
    print_until(log, "producer: done")
    while True:
        try:
            print(f"consumer: took {q.get_nowait()}")
        except queue.Empty:
            break

    producer.join(timeout=5)
    assert not producer.is_alive()
