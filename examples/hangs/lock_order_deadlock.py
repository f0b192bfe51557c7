"""Two threads take two locks in opposite orders; each waits for ever for the other."""
import faulthandler
import linecache
import os
import re
import subprocess
import sys
import threading

HANG = 2  # seconds a program may stay blocked before we call it stuck


def transfer_buggy(first, second, both_hold_one):
    with first:
        both_hold_one.wait(30)  # forces the bad interleaving: each holds one lock
        with second:  # BUG: the other thread holds it and waits for ours
            pass


def transfer_fixed(first, second, start):
    start.wait(30)  # the same start line for both threads
    # Every thread takes the locks in one global order, whatever it was given.
    low, high = sorted((first, second), key=id)
    with low:
        with high:
            pass


def run_two(target, a, b):
    barrier = threading.Barrier(3)  # the two threads, and this one
    threads = [
        threading.Thread(target=target, args=(a, b, barrier)),
        threading.Thread(target=target, args=(b, a, barrier)),
    ]
    for t in threads:
        t.start()
    barrier.wait(30)
    # If this program is still here in HANG s, print every thread's stack and exit.
    faulthandler.dump_traceback_later(HANG, exit=True)
    for t in threads:
        t.join()
    faulthandler.cancel_dump_traceback_later()
    print("both threads finished")


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
        run_two(transfer_buggy, threading.Lock(), threading.Lock())
    elif sys.argv[1:] == ["fixed"]:
        run_two(transfer_fixed, threading.Lock(), threading.Lock())
    else:
        buggy = run("buggy")
        print(f"buggy: exit status {buggy.returncode}, stuck for {HANG} s;"
              " every thread was at:")
        for where in where_stuck(buggy.stderr):
            print(f"  {where}")
        fixed = run("fixed")
        print(f"fixed: exit status {fixed.returncode}: {fixed.stdout.strip()}")
