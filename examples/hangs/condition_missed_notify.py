"""Condition.wait() with no predicate misses an earlier notify() and waits for ever."""
import faulthandler
import linecache
import os
import re
import subprocess
import sys
import threading

HANG = 2  # seconds a program may stay blocked before we call it stuck


def consumer_buggy(cond, items, notified, out):
    notified.wait(30)  # forces the unlucky timing: the notify comes first
    with cond:
        cond.wait()  # BUG: waits for a *future* notify; the item is already there
        out.append(items.pop())


def consumer_fixed(cond, items, notified, out):
    notified.wait(30)  # the same unlucky timing
    with cond:
        # Wait for the state, not for the signal: if it is already true, no wait.
        if not cond.wait_for(lambda: items, timeout=30):
            raise TimeoutError("no item within 30 s")
        out.append(items.pop())


def main(consumer):
    cond, items, out = threading.Condition(), [], []
    notified = threading.Event()
    t = threading.Thread(target=consumer, args=(cond, items, notified, out))
    t.start()
    with cond:
        items.append("job")
        cond.notify()  # nobody is waiting yet: this notify is lost
    notified.set()
    # If this program is still here in HANG s, print every thread's stack and exit.
    faulthandler.dump_traceback_later(HANG, exit=True)
    t.join()
    faulthandler.cancel_dump_traceback_later()
    print(f"consumer got {out}")


def where_stuck(dump):
    """The innermost line of this file in each thread of a faulthandler dump."""
    me = os.path.basename(__file__)
    found = []
    for block in dump.split("\n\n"):
        for path, line, func in re.findall(r'File "(.+?)", line (\d+) in (\S+)', block):
            if os.path.basename(path) == me:
                code = linecache.getline(__file__, int(line)).split("  #")[0].strip()
                found.append(f"line {line} in {func}: {code}")
                break
    return sorted(found)


def run(mode):
    return subprocess.run([sys.executable, __file__, mode],
                          capture_output=True, text=True, timeout=30)


if __name__ == "__main__":
    if sys.argv[1:] == ["buggy"]:
        main(consumer_buggy)
    elif sys.argv[1:] == ["fixed"]:
        main(consumer_fixed)
    else:
        buggy = run("buggy")
        print(f"buggy: exit status {buggy.returncode}, stuck for {HANG} s;"
              " every thread was at:")
        for where in where_stuck(buggy.stderr):
            print(f"  {where}")
        fixed = run("fixed")
        print(f"fixed: exit status {fixed.returncode}: {fixed.stdout.strip()}")
