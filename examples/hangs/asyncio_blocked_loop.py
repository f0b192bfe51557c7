"""A blocking call in a coroutine stops the loop, so the task that ends it never runs."""
import asyncio
import faulthandler
import linecache
import os
import queue
import re
import subprocess
import sys

HANG = 2  # seconds a program may stay blocked before we call it stuck


async def producer(jobs):
    await asyncio.sleep(0)  # gives way to the loop once, as real I/O would
    jobs.put_nowait("job")


async def consumer_buggy(jobs):
    return jobs.get()  # BUG: a thread queue's blocking get() inside a coroutine


async def consumer_fixed(jobs):
    return await asyncio.wait_for(jobs.get(), timeout=30)  # awaits: the loop runs on


async def main(make_queue, consumer):
    jobs = make_queue()  # in the loop: on 3.9 an asyncio.Queue binds to a loop when made
    # If this program is still here in HANG s, print every thread's stack and exit.
    faulthandler.dump_traceback_later(HANG, exit=True)
    got, _ = await asyncio.gather(consumer(jobs), producer(jobs))
    faulthandler.cancel_dump_traceback_later()
    print(f"consumer got {got!r}")


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
        asyncio.run(main(queue.Queue, consumer_buggy))
    elif sys.argv[1:] == ["fixed"]:
        asyncio.run(main(asyncio.Queue, consumer_fixed))
    else:
        buggy = run("buggy")
        print(f"buggy: exit status {buggy.returncode}, stuck for {HANG} s;"
              " every thread was at:")
        for where in where_stuck(buggy.stderr):
            print(f"  {where}")
        fixed = run("fixed")
        print(f"fixed: exit status {fixed.returncode}: {fixed.stdout.strip()}")
