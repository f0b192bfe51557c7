"""A child sending more than a pipe holds cannot exit, so join() before recv() hangs."""
import linecache
import multiprocessing
import os
import re
import signal
import subprocess
import sys

HANG = 2  # seconds a program may stay blocked before we call it stuck


def report(conn):
    conn.send(b"x" * 1_000_000)  # blocks until the other end has read it all
    conn.close()


def buggy():
    receiver, sender = multiprocessing.Pipe(duplex=False)
    # daemon, so that when Ctrl-C ends this program it ends the child too
    child = multiprocessing.Process(target=report, args=(sender,), daemon=True)
    child.start()
    sender.close()
    print("waiting for the child", flush=True)
    child.join()  # BUG: the child is still in send(), waiting for us to recv()
    print(f"got {len(receiver.recv())} bytes")


def fixed():
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=report, args=(sender,))
    child.start()
    sender.close()
    if not receiver.poll(30):
        raise TimeoutError("nothing from the child within 30 s")
    data = receiver.recv()  # read first...
    child.join(30)  # ...then join
    print(f"got {len(data)} bytes, child exit code {child.exitcode}")


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
