"""A multiprocessing.Queue pickles items in a feeder thread; a SimpleQueue has none."""
import multiprocessing
import threading


def thread_names():
    return sorted(t.name for t in threading.enumerate())


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    item = {"numbers": [1, 2, 3]}

    q = ctx.Queue()
    print(f"Queue, before put():      {thread_names()}")
    q.put(item)  # returns at once; the feeder thread pickles and writes later
    print(f"Queue, after put():       {thread_names()}")
    got = q.get(timeout=10)
    print(f"got an equal copy: {got == item}, the same object: {got is item}")
    q.close()
    q.join_thread()  # wait until the feeder thread has flushed and ended
    print(f"Queue, after close():     {thread_names()}")

    sq = ctx.SimpleQueue()
    sq.put(item)  # pickles and writes to the pipe in this call, no thread
    print(f"SimpleQueue, after put(): {thread_names()}")
    print(f"got an equal copy: {sq.get() == item}")  # data is already in the pipe
    sq.close()  # Python 3.9+
