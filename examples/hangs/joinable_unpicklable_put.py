"""JoinableQueue counts an item it fails to pickle, so join() waits for it for ever."""
import linecache
import multiprocessing
import os
import pickle
import re
import signal
import subprocess
import sys
import threading


HANG = 2  # seconds a program may stay blocked before we call it stuck


def consume(jobs, done):
    while True:
        item = jobs.get(timeout=30)
        if item is not None:
            done.put(item)
        jobs.task_done()
        if item is None:
            break


def buggy():
    jobs, done = multiprocessing.JoinableQueue(), multiprocessing.Queue()
    # daemon, so that when Ctrl-C ends this program it ends the child too
    consumer = multiprocessing.Process(target=consume, args=(jobs, done), daemon=True)
    consumer.start()
    for item in ("a", threading.Lock(), "b"):
        jobs.put(item)  # BUG: the lock cannot be pickled; put() does not say so
    print("waiting for every item to be done", flush=True)
    jobs.join()


def fixed():
    jobs, done = multiprocessing.JoinableQueue(), multiprocessing.Queue()
    consumer = multiprocessing.Process(target=consume, args=(jobs, done))
    consumer.start()
    sent = []
    for item in ("a", threading.Lock(), "b"):
        try:
            pickle.dumps(item)  # fail here, in the caller, not in the feeder thread
        except TypeError as e:
            print(f"refused {type(item).__name__}: {type(e).__name__}")
            continue
        jobs.put(item)
        sent.append(item)
    jobs.put(None)  # no more jobs
    got = sorted(done.get(timeout=30) for _ in sent)
    consumer.join(30)
    print(f"consumer did {got}, exit code {consumer.exitcode}")


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
        status, out, err = run_until_stuck("buggy", sign=b"cannot pickle")
        print(f"buggy: still waiting after {HANG} s; Ctrl-C found it at")
        print(f"  {interrupted_at(err)}")
        # The queue's feeder thread printed the pickling error and carried on.
        feeder = re.search(r"^(\w+Error): cannot pickle '_thread\.lock' object",
                           err, re.MULTILINE)
        print("  earlier on stderr, from the feeder thread:",
              feeder[1] if feeder else "nothing")
        print(f"  exit status {status} (killed by signal {signal.Signals(-status).name})")
        fixed_run = subprocess.run([sys.executable, __file__, "fixed"],
                                   capture_output=True, text=True, timeout=60)
        print(f"fixed: exit status {fixed_run.returncode}:")
        print("  " + fixed_run.stdout.strip().replace("\n", "\n  "))
