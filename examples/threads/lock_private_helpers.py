"""Instead of an RLock: public methods take a Lock, private helpers assume it held."""
import threading


class Tally:
    """A total that several threads may update."""

    def __init__(self):
        self._lock = threading.Lock()
        self.total = 0

    def _add_locked(self, n):
        # Caller must hold self._lock. Never takes it, so it can be reused.
        self.total += n

    def add(self, n):
        with self._lock:
            self._add_locked(n)

    def add_all(self, numbers):
        with self._lock:
            for n in numbers:
                self._add_locked(n)


if __name__ == "__main__":
    tally = Tally()
    numbers = range(1, 101)
    workers = [threading.Thread(target=tally.add_all, args=(numbers,)) for _ in range(4)]
    workers += [threading.Thread(target=tally.add, args=(1000,)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=5)
        assert not w.is_alive()
    print("4 batches of 1..100 and 2 x 1000:", tally.total)
