"""ProcessPoolExecutor: result() re-raises a task's error; a dead worker breaks it."""
import concurrent.futures
import multiprocessing
import os


def invert(x):
    return 1 / x


def crash():
    os._exit(1)          # dies without raising: no exception to send back


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as pool:
        for x in (4, 0):
            try:
                print("1/{} = {}".format(x, pool.submit(invert, x).result(timeout=10)))
            except ZeroDivisionError as exc:
                print("1/{} raised {}: {} (cause: {})".format(
                    x, type(exc).__name__, exc, type(exc.__cause__).__name__))

        # A worker that dies takes the whole executor with it: the crashing
        # task and every later one fail with BrokenProcessPool.
        try:
            pool.submit(crash).result(timeout=10)
        except concurrent.futures.process.BrokenProcessPool:
            print("crash(): BrokenProcessPool")
        try:
            pool.submit(invert, 2)
        except concurrent.futures.process.BrokenProcessPool:
            print("submit() after that: BrokenProcessPool")
