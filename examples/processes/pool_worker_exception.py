"""An exception raised in a pool worker is re-raised in the parent by get() / result()."""
import concurrent.futures
import multiprocessing


def invert(x):
    return 1 / x


if __name__ == "__main__":
    ctx = multiprocessing.get_context()

    with ctx.Pool(2) as pool:
        results = [pool.apply_async(invert, (x,)) for x in (4, 0, 2)]
        for x, result in zip((4, 0, 2), results):
            try:
                print("Pool     1/{} = {}".format(x, result.get(timeout=10)))
            except ZeroDivisionError as exc:
                # The worker's traceback comes along as the __cause__.
                print("Pool     1/{} raised {}: {} (cause: {})".format(
                    x, type(exc).__name__, exc, type(exc.__cause__).__name__))

    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as ex:
        futures = [ex.submit(invert, x) for x in (4, 0, 2)]
        for x, future in zip((4, 0, 2), futures):
            try:
                print("Executor 1/{} = {}".format(x, future.result(timeout=10)))
            except ZeroDivisionError as exc:
                print("Executor 1/{} raised {}: {} (cause: {})".format(
                    x, type(exc).__name__, exc, type(exc.__cause__).__name__))
    # One failed task does not stop the others, nor break the pool.
