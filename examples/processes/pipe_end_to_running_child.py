"""A pipe end can be sent to a child that is already running; a lock or a queue cannot."""
import multiprocessing
from multiprocessing.reduction import ForkingPickler


def child(inbox):
    conn = inbox.get(timeout=10)  # a Connection, sent after this child started
    conn.send("hello through a pipe made after I started")
    conn.close()


def picklable(obj):
    """What a queue's feeder thread does with an item: pickle it."""
    try:
        ForkingPickler.dumps(obj)
        return "pickles"
    except RuntimeError as exc:
        return f"RuntimeError: {exc}"


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    inbox = ctx.Queue()
    worker = ctx.Process(target=child, args=(inbox,))
    worker.start()

    here, there = ctx.Pipe()  # made after start(): the child never inherited it
    inbox.put(there)
    if here.poll(10):
        print("parent received:", here.recv())
    worker.join(10)
    print("child exit code:", worker.exitcode)
    there.close()
    here.close()
    inbox.close()
    inbox.join_thread()

    # The same trip refused: pickling outside of starting a process.
    print("a lock: ", picklable(ctx.Lock()))
    other = ctx.Queue()
    print("a queue:", picklable(other))
    other.close()
