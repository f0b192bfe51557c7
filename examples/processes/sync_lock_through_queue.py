"""A multiprocessing Lock cannot cross a queue: SimpleQueue raises, Queue drops it."""
import multiprocessing
import queue
import subprocess
import sys


def queue_program():
    ctx = multiprocessing.get_context()
    q = ctx.Queue()
    q.put(ctx.Lock())          # returns at once: pickling happens later
    print("put() returned")
    try:
        q.get(timeout=2)
    except queue.Empty:
        print("get(timeout=2): queue.Empty, the lock never arrived")
    q.close()
    q.join_thread()


if __name__ == "__main__":
    if "--queue" in sys.argv:
        queue_program()
        sys.exit(0)

    ctx = multiprocessing.get_context()
    # A SimpleQueue pickles in put() itself, so the error is raised there.
    simple = ctx.SimpleQueue()
    try:
        simple.put(ctx.Lock())
    except RuntimeError as exc:
        print("SimpleQueue.put():", exc)
    finally:
        simple.close()

    # A Queue pickles in its feeder thread: put() succeeds, the feeder
    # prints the error to stderr and drops the item. Run that as its own
    # program to see both streams.
    run = subprocess.run([sys.executable, __file__, "--queue"],
                         capture_output=True, text=True, timeout=60)
    print("Queue program, exit status:", run.returncode)
    for line in run.stdout.splitlines():
        print("  stdout:", line)
    print("  stderr ends:", run.stderr.strip().splitlines()[-1])
