"""Worker interpreters, a thread each, take tasks from one queue and send results back."""
from concurrent import interpreters

WORKERS = 3
STOP = None  # the sentinel: shareable, so it crosses as is


def count_primes(limit):
    # CPU work: each interpreter has its own GIL, so workers never wait for each other.
    sieve = bytearray([1]) * limit
    sieve[:2] = b"\0\0"
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i :: i] = bytes(len(range(i * i, limit, i)))
    return sum(sieve)


def worker(tasks, results):
    me = interpreters.get_current().id
    while (limit := tasks.get(timeout=30)) is not STOP:
        results.put((limit, count_primes(limit), me), timeout=30)


if __name__ == "__main__":
    tasks, results = interpreters.create_queue(), interpreters.create_queue()
    pool = [interpreters.create() for _ in range(WORKERS)]
    try:
        threads = [interp.call_in_thread(worker, tasks, results) for interp in pool]
        limits = [10_000 * k for k in range(1, 9)]
        for limit in limits:
            tasks.put(limit, timeout=5)
        for _ in pool:
            tasks.put(STOP, timeout=5)
        # Take every result before closing: an item outlives the interpreter
        # that put it only as UNBOUND (see "Closing interpreters").
        done = [results.get(timeout=60) for _ in limits]
        for t in threads:
            t.join(timeout=30)
            assert not t.is_alive()
    finally:
        for interp in pool:
            interp.close()
    for limit, primes, _ in sorted(done):
        print(f"primes below {limit:>6}: {primes}")
    used = {interp_id for _, _, interp_id in done}
    print(f"{len(done)} tasks done by worker interpreters; "
          f"none by the main one (id 0): {0 not in used}")
