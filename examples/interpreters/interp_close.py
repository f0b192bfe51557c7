"""Close an interpreter when idle, after its queue items are read, and before exit."""
import subprocess
import sys
import threading
from concurrent import interpreters
from concurrent.interpreters import _queues  # UNBOUND: not exported (3.14, 3.15)


def wait_for_go(started, go):
    started.put("started", timeout=5)
    go.get(timeout=10)


def leaky_program():
    interp = interpreters.create()
    interp.exec("x = 1")
    print("done")
    return interp  # never closed


if __name__ == "__main__":
    if "--leaky" in sys.argv:
        leftover = leaky_program()  # still referenced when the program ends
        sys.exit(0)

    # 1. close() refuses an interpreter that is running code in another thread.
    interp = interpreters.create()
    started, go = interpreters.create_queue(), interpreters.create_queue()
    t = interp.call_in_thread(wait_for_go, started, go)
    started.get(timeout=10)
    try:
        interp.close()
    except interpreters.InterpreterError as e:
        print(f"close() while it runs: {type(e).__name__}: {e}")
    go.put("go", timeout=5)
    t.join(timeout=10)
    assert not t.is_alive()
    interp.close()
    try:
        interp.close()
    except interpreters.InterpreterNotFoundError:
        print("close() twice: InterpreterNotFoundError (it is gone)")

    # 2. An item outlives the interpreter that put it only as a placeholder.
    q = interpreters.create_queue()
    interp = interpreters.create()
    interp.prepare_main(q=q)
    interp.exec("q.put('hello', timeout=5)\nq.put(42, timeout=5)")
    interp.close()
    items = [q.get(timeout=5) for _ in range(2)]
    shown = ["UNBOUND" if item is _queues.UNBOUND else item for item in items]
    print("items put by a closed interpreter:", shown)

    # 3. An interpreter still referenced at exit is finalized for you, with a warning.
    run = subprocess.run(
        [sys.executable, __file__, "--leaky"], capture_output=True, text=True, timeout=60
    )
    print(f"leaky program: exit status {run.returncode}, stdout {run.stdout.strip()!r}")
    print(f"its stderr:    {run.stderr.strip()}")
