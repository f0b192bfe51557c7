"""Leaving a Pool's with-block calls terminate(): a running task is killed."""
import multiprocessing


def square(n):
    return n * n


def wait_for(go):
    return "finished" if go.wait(timeout=30) else "gave up"


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager:
        go = manager.Event()
        with ctx.Pool(2) as pool:
            # Right: collect the result inside the block, with a timeout.
            print("collected inside the block:",
                  pool.apply_async(square, (7,)).get(timeout=10))
            # Bug: nothing waits for this one before the block ends.
            pending = pool.apply_async(wait_for, (go,))
        go.set()                      # too late: its worker is gone
        print("ready after the with-block:", pending.ready())
        try:
            pending.get(timeout=1)
        except multiprocessing.TimeoutError:
            print("get() times out: the result will never arrive")
