"""The fix: a lock, passed to each visitor, held around each `hits[page] += 1`."""
import multiprocessing

VISITORS, VISITS = 3, 200


def visit(hits, lock, start):
    start.wait(timeout=10)                 # all visitors begin together
    for _ in range(VISITS):
        # Read and write as one step. The lock is a round trip away, in the
        # manager, so wait for it with a timeout.
        got_it = lock.acquire(timeout=10)
        try:
            if not got_it:
                raise TimeoutError("the lock was held for 10 s")
            hits["/home"] += 1
        finally:
            if got_it:
                lock.release()


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager, ctx.Pool(VISITORS) as pool:
        hits = manager.dict({"/home": 0})
        # Proxies, unlike a plain multiprocessing.Lock, can be task arguments.
        lock, start = manager.Lock(), manager.Barrier(VISITORS)
        pool.starmap_async(visit, [(hits, lock, start)] * VISITORS).get(timeout=60)
        print(f"{VISITORS * VISITS} visits, hits['/home'] = {hits['/home']}")
