"""Two fixes for lost visits: a lock around `+=`, or a key per visitor, summed."""
import multiprocessing

VISITORS, VISITS = 3, 200


def visit_with_lock(hits, lock, start):
    start.wait(timeout=10)
    for _ in range(VISITS):
        # The lock makes the read and the write one step. Both are round
        # trips to the manager (I/O), so wait for the lock with a timeout.
        got_it = lock.acquire(timeout=10)
        try:
            if not got_it:
                raise TimeoutError("the lock was held for 10 s")
            hits["/home"] += 1
        finally:
            if got_it:
                lock.release()


def visit_own_key(hits, name, start):
    start.wait(timeout=10)
    for _ in range(VISITS):
        hits[name] += 1      # only this process writes this key: nothing to lose


def run_visitors(ctx, target, arg_tuples):
    visitors = [ctx.Process(target=target, args=args) for args in arg_tuples]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join(timeout=60)
    return [visitor.exitcode for visitor in visitors]


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    lock, start = ctx.Lock(), ctx.Barrier(VISITORS)   # passed, never global
    with ctx.Manager() as manager:
        hits = manager.dict({"/home": 0})
        codes = run_visitors(ctx, visit_with_lock, [(hits, lock, start)] * VISITORS)
        print(f"lock around +=:       {hits['/home']} of {VISITORS * VISITS} visits")

        names = [f"visitor {n}" for n in range(VISITORS)]
        per_visitor = manager.dict({name: 0 for name in names})
        codes += run_visitors(ctx, visit_own_key,
                              [(per_visitor, name, start) for name in names])
        total = sum(per_visitor.values())
        print(f"a key per visitor:    {total} of {VISITORS * VISITS} visits")
        print("visitor exit codes:", codes)
