"""An exception raised in a Pool worker is re-raised in the parent by get()."""
import multiprocessing


def invert(x):
    return 1 / x


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Pool(2) as pool:
        inputs = (4, 0, 2)
        results = [pool.apply_async(invert, (x,)) for x in inputs]
        for x, result in zip(inputs, results):
            try:
                print("1/{} = {}".format(x, result.get(timeout=10)))
            except ZeroDivisionError as exc:
                # The worker's traceback comes along as the __cause__.
                print("1/{} raised {}: {} (cause: {})".format(
                    x, type(exc).__name__, exc, type(exc.__cause__).__name__))
    # One failed task does not stop the others, nor break the pool.
