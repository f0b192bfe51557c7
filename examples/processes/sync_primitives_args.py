"""Lock, RLock, Semaphore, Condition, Event, Barrier: passed to children as arguments."""
import multiprocessing

WORKERS = 4


def worker(n, go, barrier, slots, busy, busy_lock, most_busy,
           total, total_lock, finished, done):
    # Event: nobody starts before the parent says so.
    if not go.wait(timeout=10):
        raise TimeoutError("no go signal")
    # Barrier: everyone has arrived before anyone goes on.
    barrier.wait(timeout=10)
    # Semaphore(2): at most two workers inside this block at once.
    if not slots.acquire(timeout=10):
        raise TimeoutError("no free slot")
    try:
        with busy_lock:                       # Lock: a short critical section
            busy.value += 1
            most_busy.value = max(most_busy.value, busy.value)
        with busy_lock:
            busy.value -= 1
    finally:
        slots.release()
    add_twice(total, total_lock, n)
    # Condition: report this worker finished, wake whoever waits for all.
    with done:
        finished.value += 1
        done.notify_all()


def add_twice(total, total_lock, n):
    # RLock: the same process may take it again while it holds it.
    with total_lock:
        add_once(total, total_lock, n)
        add_once(total, total_lock, n)


def add_once(total, total_lock, n):
    with total_lock:
        total.value += n


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    go = ctx.Event()
    barrier = ctx.Barrier(WORKERS)
    slots = ctx.Semaphore(2)
    busy_lock = ctx.Lock()
    total_lock = ctx.RLock()
    done = ctx.Condition()
    # lock=False: the primitives above do the locking.
    busy, most_busy, total, finished = (ctx.Value("i", 0, lock=False) for _ in range(4))

    children = [
        ctx.Process(target=worker,
                    args=(n, go, barrier, slots, busy, busy_lock, most_busy,
                          total, total_lock, finished, done))
        for n in range(1, WORKERS + 1)
    ]
    for child in children:
        child.start()
    go.set()
    with done:
        all_done = done.wait_for(lambda: finished.value == WORKERS, timeout=30)
    for child in children:
        child.join(timeout=30)
    print("exit codes:", [child.exitcode for child in children])
    print("all finished:", all_done)
    print("never more than 2 inside the semaphore:", 1 <= most_busy.value <= 2)
    print("sum of 2 * n for n = 1..4:", total.value)
