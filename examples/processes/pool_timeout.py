"""get(timeout=...) and result(timeout=...) give up waiting; the task keeps running."""
import concurrent.futures
import multiprocessing


def wait_for(go):
    # Cannot finish before the parent sets the event: the timeouts below
    # are certain, not a matter of luck.
    return "finished" if go.wait(timeout=30) else "gave up"


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager:
        go = manager.Event()
        with ctx.Pool(1) as pool:
            pending = pool.apply_async(wait_for, (go,))
            try:
                pending.get(timeout=0.2)
            except multiprocessing.TimeoutError:
                print("Pool: multiprocessing.TimeoutError; ready() =",
                      pending.ready())
            go.set()
            print("Pool: then", pending.get(timeout=10))
        # Not the built-in TimeoutError: `except TimeoutError` misses it.
        print("multiprocessing.TimeoutError subclasses TimeoutError:",
              issubclass(multiprocessing.TimeoutError, TimeoutError))

        go.clear()
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as ex:
            future = ex.submit(wait_for, go)
            try:
                future.result(timeout=0.2)
            except concurrent.futures.TimeoutError:
                print("Executor: concurrent.futures.TimeoutError; done() =",
                      future.done())
            go.set()
            print("Executor: then", future.result(timeout=10))
