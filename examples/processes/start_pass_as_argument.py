"""The fix: pass the child every queue it uses as an argument; check its exit code."""
import multiprocessing


def worker(jobs, results):
    # Both queues arrive as arguments, so this works whether the child is a
    # fork of the parent or a fresh interpreter that re-imported this file.
    while True:
        n = jobs.get(timeout=10)
        if n is None:
            break
        results.put((n, n * n))


if __name__ == "__main__":
    ctx = multiprocessing.get_context()  # whatever the platform's default is
    jobs, results = ctx.Queue(), ctx.Queue()
    child = ctx.Process(target=worker, args=(jobs, results))
    child.start()  # before the first put(), which starts a feeder thread
    numbers = (1, 2, 3)
    for n in numbers + (None,):
        jobs.put(n)
    # Read every result before join(): see "drain before join" on the queues page.
    squares = dict(results.get(timeout=10) for _ in numbers)
    child.join(10)
    print(f"squares: {squares}")
    print(f"child exit code: {child.exitcode}")
