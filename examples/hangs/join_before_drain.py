"""Joining a child before reading what it put on a multiprocessing.Queue hangs both."""
import linecache
import multiprocessing
import os
import re
import signal
import subprocess
import sys

HANG = 2  # seconds a program may stay blocked before we call it stuck
N = 1000


def produce(results, n):
    for i in range(n):
        results.put(b"x" * 1000)  # a megabyte in all: far more than a pipe holds


def buggy():
    results = multiprocessing.Queue()
    # daemon, so that when Ctrl-C ends this program it ends the child too
    producer = multiprocessing.Process(target=produce, args=(results, N), daemon=True)
    producer.start()
    print("waiting for the producer", flush=True)
    producer.join()  # BUG: it cannot exit until its data is read, and nobody reads
    got = [results.get(timeout=10) for _ in range(N)]
    print(f"got {len(got)} items")


def fixed():
    results = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(results, N))
    producer.start()
    got = [results.get(timeout=30) for _ in range(N)]  # drain first...
    producer.join(30)  # ...then join
    print(f"got {len(got)} items, producer exit code {producer.exitcode}")


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
        status, out, err = run_until_stuck("buggy")
        print(f"buggy: still waiting after {HANG} s; Ctrl-C found it at")
        print(f"  {interrupted_at(err)}")
        print(f"  exit status {status} (killed by signal {signal.Signals(-status).name})")
        fixed_run = subprocess.run([sys.executable, __file__, "fixed"],
                                   capture_output=True, text=True, timeout=60)
        print(f"fixed: exit status {fixed_run.returncode}: {fixed_run.stdout.strip()}")
