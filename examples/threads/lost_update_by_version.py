"""How many of 800,000 unlocked increments four threads lose on the Python running it."""
import platform
import sys
import threading

THREADS = 4
ROUNDS = 200_000


class Counter:
    def __init__(self):
        self.n = 0


def plus_one(n):
    return n + 1


def bare(c, start):
    start.wait(timeout=10)
    for _ in range(ROUNDS):
        c.n += 1


def with_call(c, start):
    start.wait(timeout=10)
    for _ in range(ROUNDS):
        c.n = plus_one(c.n)


def lost(body):
    c = Counter()
    start = threading.Event()
    threads = [threading.Thread(target=body, args=(c, start)) for _ in range(THREADS)]
    for t in threads:
        t.start()
    start.set()
    for t in threads:
        t.join(timeout=120)
        assert not t.is_alive()
    return THREADS * ROUNDS - c.n


if __name__ == "__main__":
    sys.setswitchinterval(1e-6)  # ask for a thread switch every microsecond
    print(f"Python {platform.python_version()}")
    for label, body in (("c.n += 1", bare), ("c.n = plus_one(c.n)", with_call)):
        n = lost(body)
        total = THREADS * ROUNDS
        print(f"{label:<20} lost {n:>7,} of {total:,} ({n / total:.0%})")
