"""A bounded FIFO buffer built from one Lock and two Conditions, as queue.Queue is."""
import collections
import threading


class BoundedBuffer:
    """put() waits while full, get() waits while empty, both with a timeout."""

    def __init__(self, capacity):
        self._items = collections.deque()
        self._capacity = capacity
        self.most_held = 0
        lock = threading.Lock()
        # Two conditions on the same lock: a put wakes only getters, a get
        # wakes only putters.
        self._not_empty = threading.Condition(lock)
        self._not_full = threading.Condition(lock)

    def put(self, item, timeout):
        with self._not_full:
            if not self._not_full.wait_for(
                lambda: len(self._items) < self._capacity, timeout
            ):
                raise TimeoutError("buffer still full after %s s" % timeout)
            self._items.append(item)
            self.most_held = max(self.most_held, len(self._items))
            self._not_empty.notify()

    def get(self, timeout):
        with self._not_empty:
            if not self._not_empty.wait_for(lambda: len(self._items) > 0, timeout):
                raise TimeoutError("buffer still empty after %s s" % timeout)
            item = self._items.popleft()
            self._not_full.notify()
            return item


def produce(buf, count):
    for i in range(count):
        buf.put(i, timeout=5)


def consume(buf, count, received):
    for _ in range(count):
        received.append(buf.get(timeout=5))


if __name__ == "__main__":
    buf = BoundedBuffer(capacity=2)
    received = []
    producer = threading.Thread(target=produce, args=(buf, 10))
    consumer = threading.Thread(target=consume, args=(buf, 10, received))
    producer.start()
    consumer.start()
    for t in (producer, consumer):
        t.join(timeout=10)
        assert not t.is_alive()
    print("received in order:", received)
    print("never held more than 2:", buf.most_held <= 2)

    # Nobody consumes now: a third put must give up, not block for ever.
    buf.put("a", timeout=1)
    buf.put("b", timeout=1)
    try:
        buf.put("c", timeout=0.1)
    except TimeoutError as exc:
        print("third put on a full buffer: TimeoutError:", exc)
