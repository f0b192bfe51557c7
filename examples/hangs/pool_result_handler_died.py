"""An exception the parent cannot unpickle kills a pool's result handler; map() hangs."""
import linecache
import multiprocessing
import os
import re
import signal
import subprocess
import sys

HANG = 2  # seconds a program may stay blocked before we call it stuck


class JobFailedBuggy(Exception):
    def __init__(self, job, reason):
        # BUG: args becomes one string, but unpickling calls cls(*args) with it
        # alone, and __init__ needs two arguments.
        super().__init__(f"job {job}: {reason}")


class JobFailedFixed(Exception):
    def __init__(self, job, reason):
        super().__init__(job, reason)  # args holds what __init__ needs
        self.job, self.reason = job, reason

    def __str__(self):
        return f"job {self.job}: {self.reason}"


def check_buggy(n):
    if n == 3:
        raise JobFailedBuggy(n, "odd one out")
    return n


def check_fixed(n):
    if n == 3:
        raise JobFailedFixed(n, "odd one out")
    return n


def buggy():
    with multiprocessing.Pool(2) as pool:
        print("waiting for the results", flush=True)
        print(pool.map(check_buggy, range(5)))  # BUG: the error never arrives


def fixed():
    with multiprocessing.Pool(2) as pool:
        try:
            pool.map_async(check_fixed, range(5)).get(timeout=30)
        except JobFailedFixed as e:
            print(f"map() raised {type(e).__name__}: {e}")


def run_until_stuck(mode, sign=b"waiting"):
    """Run this file in `mode`. Once `sign` is in its output and it still runs
    HANG s later, press Ctrl-C for it (send SIGINT), and return what it printed."""
    proc = subprocess.Popen([sys.executable, __file__, mode],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    signed = False
    for _ in range(30):
        try:
            out, err = proc.communicate(timeout=HANG)
            return proc.returncode, out, err  # it finished: not stuck after all
        except subprocess.TimeoutExpired as stuck:
            if signed:
                break
            signed = sign in (stuck.output or b"") + (stuck.stderr or b"")
    os.kill(proc.pid, signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()  # Ctrl-C was not enough
        raise
    return proc.returncode, out, err


def interrupted_at(err):
    """The last line of this file in the KeyboardInterrupt traceback."""
    tb = err[:err.index("\nKeyboardInterrupt")]
    tb = tb[tb.rindex("Traceback (most recent call last):"):]
    me = os.path.basename(__file__)
    calls = re.findall(r'File "(.+?)", line (\d+), in (\S+)', tb)
    line, func = [(ln, fn) for path, ln, fn in calls
                  if os.path.basename(path) == me][-1]
    code = linecache.getline(__file__, int(line)).split("  #")[0].strip()
    return f"line {line} in {func}: {code}"


if __name__ == "__main__":
    if sys.argv[1:] == ["buggy"]:
        buggy()
    elif sys.argv[1:] == ["fixed"]:
        fixed()
    else:
        status, out, err = run_until_stuck("buggy", sign=b"_handle_results")
        print(f"buggy: still waiting after {HANG} s; Ctrl-C found it at")
        print(f"  {interrupted_at(err)}")
        # The thread's own traceback went to stderr long before; find what killed it.
        died = re.search(r"^Exception in thread .*\n((?:[ T].*\n)*)(\w+): ",
                         err, re.MULTILINE)
        if died and "_handle_results" in died[1]:
            print("  earlier on stderr: the pool's result-handler thread died of a",
                  died[2])
        # Leaving the with block, terminate() then refuses a pool in this state.
        last = err.strip().splitlines()[-1]
        print(f"  then the with block's terminate() raised {last.split(':')[0]}")
        print(f"  exit status {status}")
        fixed_run = subprocess.run([sys.executable, __file__, "fixed"],
                                   capture_output=True, text=True, timeout=60)
        print(f"fixed: exit status {fixed_run.returncode}: {fixed_run.stdout.strip()}")
