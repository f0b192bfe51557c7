"""The feeder thread drops an item it cannot pickle, but JoinableQueue still counts it."""
import multiprocessing
import re
import subprocess
import sys
import threading
from multiprocessing.reduction import ForkingPickler


def consumer(tasks, results):
    got = []
    while True:
        item = tasks.get(timeout=30)
        try:
            if item is None:
                results.put(got)
                return
            got.append(item)
        finally:
            tasks.task_done()


def join_within(q, seconds):
    """JoinableQueue.join() takes no timeout, so wait for it from a helper thread."""
    waiter = threading.Thread(target=q.join, daemon=True)
    waiter.start()
    waiter.join(seconds)
    return not waiter.is_alive()


def run(ctx, put, items):
    tasks, results = ctx.JoinableQueue(), ctx.Queue()
    worker = ctx.Process(target=consumer, args=(tasks, results))
    worker.start()
    for item in items:
        try:
            put(tasks, item)
        except Exception as exc:
            print(f"put({type(item).__name__}) raised {type(exc).__name__}")
    tasks.put(None)
    print("consumer got:", results.get(timeout=30))
    worker.join(30)
    assert worker.exitcode == 0, worker.exitcode
    print("join() returned within 3 s:", join_within(tasks, 3))
    tasks.close()
    results.close()


def put_checked(q, item):
    ForkingPickler.dumps(item)  # what the feeder thread would do, but here, in the caller
    q.put(item)


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    items = ["a", lambda: None, threading.Lock(), "b"]
    if "--plain-put" in sys.argv:
        run(ctx, lambda q, item: q.put(item), items)
    else:
        # A plain put() lets the feeder thread print tracebacks on stderr,
        # so run that as a separate program and show both of its outputs.
        done = subprocess.run(
            [sys.executable, __file__, "--plain-put"],
            capture_output=True, text=True, timeout=60,
        )
        print("plain put():")
        print(done.stdout.rstrip())
        errors = []  # the exception that ends each traceback on stderr
        for line in done.stderr.splitlines():
            if re.match(r"[\w.]+(Error|Exception): ", line):
                errors.append(line.split(":")[0])
            elif line.startswith(("The above exception", "During handling")):
                errors.pop()  # a cause (3.14+ chains one): keep the last only
        print(f"its stderr, from the feeder thread: {', '.join(errors)}")
        print(f"exit status: {done.returncode}")
        print("put_checked(), which pickles before put():")
        run(ctx, put_checked, items)
