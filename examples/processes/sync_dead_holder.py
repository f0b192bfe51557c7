"""A process killed while holding a Lock, even a manager's, leaves it locked for good."""
import multiprocessing


def hold(lock, holding, never):
    if not lock.acquire(timeout=10):
        raise TimeoutError("lock already held")
    holding.set()
    never.wait(timeout=30)      # killed long before this returns


def kill_while_holding(ctx, lock):
    holding, never = ctx.Event(), ctx.Event()
    child = ctx.Process(target=hold, args=(lock, holding, never))
    child.start()
    if not holding.wait(timeout=10):
        raise TimeoutError("the child never took the lock")
    child.kill()                # SIGKILL: no finally, no atexit, nothing
    child.join(timeout=10)
    # Without a timeout this acquire() would wait for ever.
    return child.exitcode, lock.acquire(timeout=1)


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager:
        for name, lock in [("ctx.Lock()", ctx.Lock()),
                           ("ctx.RLock()", ctx.RLock()),
                           ("manager.Lock()", manager.Lock()),
                           ("manager.RLock()", manager.RLock())]:
            exitcode, got_it = kill_while_holding(ctx, lock)
            print(f"{name:16} holder's exit code {exitcode}, "
                  f"acquire(timeout=1) afterwards: {got_it}")
