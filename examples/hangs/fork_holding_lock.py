"""A forked child inherits a lock another thread held, and waits for it for ever."""
import linecache
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import threading
import warnings

HANG = 2  # seconds a program may stay blocked before we call it stuck

# Module-level state guarded by a lock, as in many libraries. A forked child
# gets this lock in whatever state it had in the parent at the moment of fork().
_cache_lock = threading.Lock()
_cache = {"answer": 42}


def lookup(key):
    with _cache_lock:  # in a forked child, nobody will ever release the copy
        if _cache[key] != 42:
            sys.exit(1)


def refresher(holding, release):
    with _cache_lock:
        holding.set()
        release.wait(30)  # holds the lock, as a slow refresh would


def start_child_while_locked(method):
    holding, release = threading.Event(), threading.Event()
    threading.Thread(target=refresher, args=(holding, release), daemon=True).start()
    holding.wait(30)  # forces the timing: the lock is held at fork()
    ctx = multiprocessing.get_context(method)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # daemon, so that when Ctrl-C ends this program it ends the child too
        child = ctx.Process(target=lookup, args=("answer",), daemon=True)
        child.start()
    warned = any(issubclass(w.category, DeprecationWarning) for w in caught)
    return child, release, warned


def buggy():
    child, release, warned = start_child_while_locked("fork")
    should_warn = sys.version_info >= (3, 12)  # os.fork() warns with threads from 3.12
    print(f"fork() warned as this version should: {warned == should_warn}")
    print("waiting for the child", flush=True)
    child.join()  # BUG: the child waits for a lock that no thread of its own holds
    release.set()


def fixed():
    # A spawned (or forkserver) child starts a fresh interpreter and imports
    # this module again: its _cache_lock is a new, free lock.
    child, release, warned = start_child_while_locked("spawn")
    child.join(30)
    release.set()
    print(f"spawned child exit code {child.exitcode}, DeprecationWarning: {warned}")


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
        print(f"  {out.splitlines()[0]}")
        print(f"  exit status {status} (killed by signal {signal.Signals(-status).name})")
        fixed_run = subprocess.run([sys.executable, __file__, "fixed"],
                                   capture_output=True, text=True, timeout=60)
        print(f"fixed: exit status {fixed_run.returncode}: {fixed_run.stdout.strip()}")
