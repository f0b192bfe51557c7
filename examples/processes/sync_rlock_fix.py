"""One adds, one subtracts on a manager dict: an RLock passed to both keeps it at zero."""
import multiprocessing

TIMES = 500


def change(shared, lock, step, start_together):
    start_together.wait(timeout=10)
    for _ in range(TIMES):
        # The lock covers the read and the write together; a timeout turns
        # a lock that is never released into an error instead of a hang.
        if not lock.acquire(timeout=10):
            raise TimeoutError("lock still held after 10 s")
        try:
            shared["number"] += step      # a read, then a write: two round trips
        finally:
            lock.release()


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    lock = ctx.RLock()         # ctx.Lock() would do: nothing here re-enters
    start_together = ctx.Barrier(2)
    with ctx.Manager() as manager:
        shared = manager.dict(number=0)
        children = [ctx.Process(target=change, args=(shared, lock, step, start_together))
                    for step in (+1, -1)]
        for child in children:
            child.start()
        for child in children:
            child.join(timeout=60)
        print("exit codes:", [child.exitcode for child in children])
        print(f"{TIMES} additions and {TIMES} subtractions later:", dict(shared))
