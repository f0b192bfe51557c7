"""ProcessPoolExecutor with an explicit mp_context; as_completed order varies, so sort."""
import concurrent.futures
import multiprocessing


def cube(n):
    return n, n ** 3


if __name__ == "__main__":
    # mp_context pins the start method instead of inheriting the default,
    # which changed to forkserver on Linux in Python 3.14.
    ctx = multiprocessing.get_context()
    with concurrent.futures.ProcessPoolExecutor(max_workers=3,
                                                mp_context=ctx) as pool:
        # map(): answers in input order; timeout covers the whole iteration.
        in_order = list(pool.map(cube, range(6), timeout=30))

        # submit() + as_completed(): answers in completion order.
        futures = [pool.submit(cube, n) for n in range(6)]
        done = [f.result() for f in
                concurrent.futures.as_completed(futures, timeout=30)]
    # Leaving the with-block called shutdown(wait=True): workers have exited.

    print("map:         ", in_order)
    print("as_completed:", sorted(done), "(sorted)")
