"""A method holding the lock calls one that takes it: RLock allows it, Lock does not."""
import threading


class Tally:
    """A total that several threads may update."""

    def __init__(self, lock):
        self._lock = lock
        self.total = 0

    def add(self, n):
        with self._lock:
            self.total += n

    def add_all(self, numbers):
        # Holds the lock for the whole batch, and add() takes it again.
        with self._lock:
            for n in numbers:
                self.add(n)


def nested_acquire(lock):
    """Take the lock, then try again from the same thread."""
    with lock:
        again = lock.acquire(timeout=0.1)  # a Lock would block here for ever
        if again:
            lock.release()
        return again


if __name__ == "__main__":
    print("Lock,  second acquire by the holder:", nested_acquire(threading.Lock()))
    print("RLock, second acquire by the holder:", nested_acquire(threading.RLock()))

    tally = Tally(threading.RLock())
    workers = [
        threading.Thread(target=tally.add_all, args=(range(1, 101),)) for _ in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=5)
        assert not w.is_alive()
    print("Tally with an RLock, 4 batches of 1..100:", tally.total)
