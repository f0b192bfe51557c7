"""Queue.join() needs one task_done() per item; forget one and the program hangs."""
import faulthandler
import linecache
import os
import queue
import re
import subprocess
import sys
import threading

HANG = 2  # seconds a program may stay blocked before we call it stuck


def worker_buggy(jobs, results):
    while True:
        n = jobs.get(timeout=30)
        results.append(n * n)  # BUG: no jobs.task_done(), so join() never returns


def worker_fixed(jobs, results):
    while True:
        n = jobs.get(timeout=30)
        try:
            results.append(n * n)
        finally:
            jobs.task_done()  # once per get(), even if the work raised


def main(worker):
    jobs, results = queue.Queue(), []
    threading.Thread(target=worker, args=(jobs, results), daemon=True).start()
    for n in range(5):
        jobs.put(n)
    # If this program is still here in HANG s, print every thread's stack and exit.
    faulthandler.dump_traceback_later(HANG, exit=True)
    jobs.join()  # Queue.join() has no timeout: the watchdog above is ours
    faulthandler.cancel_dump_traceback_later()
    print(f"all jobs done: {sorted(results)}")


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
        main(worker_buggy)
    elif sys.argv[1:] == ["fixed"]:
        main(worker_fixed)
    else:
        buggy = run("buggy")
        print(f"buggy: exit status {buggy.returncode}, stuck for {HANG} s;"
              " every thread was at:")
        for where in where_stuck(buggy.stderr):
            print(f"  {where}")
        fixed = run("fixed")
        print(f"fixed: exit status {fixed.returncode}: {fixed.stdout.strip()}")
