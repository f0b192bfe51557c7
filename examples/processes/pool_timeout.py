"""AsyncResult.get(timeout=...) gives up waiting, but the task keeps running."""
import multiprocessing


def wait_for(go):
    # Cannot finish before the parent sets the event: the timeout below
    # is certain, not a matter of luck.
    return "finished" if go.wait(timeout=30) else "gave up"


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    # The manager first: under fork it must not start after the pool's
    # threads exist.
    with ctx.Manager() as manager, ctx.Pool(1) as pool:
        go = manager.Event()
        pending = pool.apply_async(wait_for, (go,))
        try:
            pending.get(timeout=0.2)
        except multiprocessing.TimeoutError:
            print("multiprocessing.TimeoutError; ready() =", pending.ready())
        go.set()
        print("waiting again:", pending.get(timeout=10))

    # Not the built-in TimeoutError: `except TimeoutError` misses it.
    print("multiprocessing.TimeoutError subclasses TimeoutError:",
          issubclass(multiprocessing.TimeoutError, TimeoutError))
