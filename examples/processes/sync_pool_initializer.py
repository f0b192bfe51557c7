"""A pool refuses a Lock as a task argument; give it to each worker with initializer."""
import multiprocessing

# Set once in each worker by share(); each worker process has its own copy.
_lock = None
_counter = None


def share(lock, counter):
    global _lock, _counter
    _lock, _counter = lock, counter


def add(n):
    if not _lock.acquire(timeout=10):
        raise TimeoutError("lock still held after 10 s")
    try:
        _counter.value += n      # the whole read-modify-write, under the lock
    finally:
        _lock.release()


def uses_lock_argument(lock):
    return "never runs"


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    lock = ctx.Lock()
    counter = ctx.Value("i", 0, lock=False)   # `lock` guards it

    with ctx.Pool(2) as pool:
        try:
            # Task arguments are pickled onto the pool's task queue.
            pool.apply_async(uses_lock_argument, (lock,)).get(timeout=10)
        except RuntimeError as exc:
            print("as a task argument:", exc)

    # initargs reach each worker as it starts, which is inheritance.
    with ctx.Pool(2, initializer=share, initargs=(lock, counter)) as pool:
        pool.map_async(add, range(1, 101)).get(timeout=30)
    print("sum of 1..100 through initializer:", counter.value)
