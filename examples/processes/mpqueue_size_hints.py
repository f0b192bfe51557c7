"""Just after put(), a multiprocessing.Queue can be empty() with qsize() 1."""
import multiprocessing
import threading


class HeldBack:
    """Pickling waits for `release`: it holds the queue's feeder thread."""

    def __init__(self, release):
        self.release = release

    def __reduce__(self):
        if not self.release.wait(timeout=10):
            raise TimeoutError("never released")
        return (str, ("the item",))


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    q = ctx.Queue()
    release = threading.Event()

    q.put(HeldBack(release))   # counted at once, written to the pipe later
    # The feeder thread is still pickling: nothing is in the pipe yet.
    print("after put():  qsize() =", q.qsize(), " empty() =", q.empty())

    release.set()
    print("get(timeout=10) ->", repr(q.get(timeout=10)))
    print("after get():  qsize() =", q.qsize(), " empty() =", q.empty())
    q.close()
    q.join_thread()
