"""Since 3.12, forking a process that has a thread running raises a DeprecationWarning."""
import multiprocessing
import sys
import threading
import warnings


def idle():
    pass


def fork_child(ctx):
    """Start and join one forked child; return the warnings raised by the fork."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        child = ctx.Process(target=idle)
        child.start()
    child.join(10)
    assert child.exitcode == 0, child.exitcode
    return [w for w in caught if issubclass(w.category, DeprecationWarning)]


if __name__ == "__main__":
    # fork exists on POSIX only: on Windows this program cannot run at all.
    ctx = multiprocessing.get_context("fork")
    expect_warning = sys.version_info >= (3, 12)

    q = ctx.Queue()
    print(f"threads before put(): {threading.active_count()}")
    warned = fork_child(ctx)
    print(f"fork before the first put() warns: {bool(warned)}")
    q.put("item")  # starts the queue's feeder thread in this process
    print(f"threads after put():  {threading.active_count()}")
    warned = fork_child(ctx)
    print(f"fork with the feeder thread alive warns as this version should: "
          f"{bool(warned) == expect_warning}")
    q.get(timeout=10)
    q.close()
    q.join_thread()  # stop the feeder thread before the program ends
