"""Unpicklable exceptions: in a worker they fail the task; in the parent they hang."""
import multiprocessing
import re
import subprocess
import sys
import threading


class HoldsLock(Exception):
    """Pickling fails in the worker: a lock cannot be pickled."""

    def __init__(self, message):
        super().__init__(message)
        self.lock = threading.Lock()


class NeedsTwoArguments(Exception):
    """Pickles, but unpickling calls NeedsTwoArguments(message) and fails."""

    def __init__(self, code, reason):
        super().__init__(f"{code}: {reason}")


def raise_holds_lock(x):
    raise HoldsLock("with a lock")


def raise_needs_two(x):
    raise NeedsTwoArguments(x, "bad input")


def square(x):
    return x * x


def attempt(result, timeout=30):
    try:
        return repr(result.get(timeout=timeout))
    except multiprocessing.TimeoutError:
        return f"nothing within {timeout} s (multiprocessing.TimeoutError)"
    except Exception as exc:
        return f"{type(exc).__name__}"


def unpicklable_in_the_worker(ctx):
    with ctx.Pool(2) as pool:
        print("HoldsLock task:        ",
              attempt(pool.apply_async(raise_holds_lock, (1,))))
        print("next task:             ", attempt(pool.apply_async(square, (3,))))


def unpicklable_in_the_parent(ctx):
    """Run as its own program: it hangs its pool and ends in an error."""
    try:
        # One worker runs the tasks in order, so the bad result always comes first.
        with ctx.Pool(1) as pool:
            print("NeedsTwoArguments task:",
                  attempt(pool.apply_async(raise_needs_two, (1,)), 2))
            print("next task:             ", attempt(pool.apply_async(square, (3,)), 2))
    except AssertionError as exc:
        # Its message: "Cannot have cache with result_handler not alive".
        print(f"leaving the with block: {type(exc).__name__}")


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    if "--needs-two" in sys.argv:
        unpicklable_in_the_parent(ctx)
    else:
        unpicklable_in_the_worker(ctx)
        # The other case kills a thread of the pool and prints its traceback
        # on stderr, so run it as a separate program and look at both outputs.
        done = subprocess.run(
            [sys.executable, __file__, "--needs-two"],
            capture_output=True, text=True, timeout=60,
        )
        print(done.stdout.strip())
        errors = [line.split(":")[0] for line in done.stderr.splitlines()
                  if re.match(r"\w+Error: ", line)]
        print(f"its stderr: a thread of the pool died with {', '.join(errors)}")
        print(f"exit status: {done.returncode}")
