"""Leaving a Pool's with-block calls terminate(): a task still running is killed, not awaited."""
import multiprocessing


def wait_for(go):
    return "finished" if go.wait(timeout=30) else "gave up"


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager:
        go = manager.Event()
        with ctx.Pool(1) as pool:
            pending = pool.apply_async(wait_for, (go,))
            # Bug: nothing waits for `pending` before the block ends.
        go.set()                      # too late: the worker is gone
        print("ready after the with-block:", pending.ready())
        try:
            pending.get(timeout=1)
        except multiprocessing.TimeoutError:
            print("get() times out: the result will never arrive")

        with ctx.Pool(1) as pool:
            pending = pool.apply_async(wait_for, (go,))
            # Fix: collect every result inside the block (with a timeout).
            print("collected inside the block:", pending.get(timeout=10))
