"""A queue reached as a global works under fork and silently fails under spawn."""
import multiprocessing
import subprocess
import sys


def worker():
    # BUG: `jobs` is not a parameter. It exists only because the parent's
    # __main__ block created it; a spawned child never ran that block.
    while True:
        n = jobs.get(timeout=10)
        if n is None:
            break


def buggy_program():
    global jobs
    ctx = multiprocessing.get_context("spawn")
    jobs = ctx.Queue()
    child = ctx.Process(target=worker)
    child.start()
    for n in (1, 2, 3, None):
        jobs.put(n)
    child.join(30)
    # Second bug: child.exitcode is never looked at.
    print("jobs handed out, worker joined")


if __name__ == "__main__":
    if "--buggy" in sys.argv:
        buggy_program()
    else:
        # Run the buggy program as a reader would, from a shell, and look
        # separately at its exit status, its stdout and its stderr.
        run = subprocess.run(
            [sys.executable, __file__, "--buggy"],
            capture_output=True, text=True, timeout=60,
        )
        print(f"exit status: {run.returncode}")
        print(f"stdout:      {run.stdout.strip()}")
        print(f"stderr ends: {run.stderr.strip().splitlines()[-1]}")
