"""A child that put data on a queue exits only once it is read: drain, then join."""
import multiprocessing


def produce(q):
    q.put(b"x" * 1_000_000)  # far more than a pipe buffer holds (64 KiB on Linux)
    # Returning is not exiting: the child first waits for its feeder thread,
    # which blocks until the parent reads the other end of the pipe.


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    q = ctx.Queue()
    child = ctx.Process(target=produce, args=(q,))
    child.start()

    child.join(1)  # the wrong order, bounded by a timeout instead of hanging
    print(f"join before draining: alive after 1 s = {child.is_alive()}, "
          f"exit code {child.exitcode}")

    data = q.get(timeout=10)  # drain first ...
    child.join(10)  # ... then join
    print(f"join after draining {len(data):,} bytes: exit code {child.exitcode}")
