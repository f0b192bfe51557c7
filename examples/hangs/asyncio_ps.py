"""Python 3.14's asyncio ps and pstree list the tasks of a program, even a blocked one."""
import asyncio
import os
import re
import select
import subprocess
import sys


async def fetch(ready):
    await ready.wait()


async def read_command(ready):
    print("ready", flush=True)
    sys.stdin.readline()  # BUG: a blocking call; no other task can run meanwhile
    ready.set()


async def stuck_program():
    ready = asyncio.Event()
    async with asyncio.TaskGroup() as group:
        group.create_task(fetch(ready), name="fetch-1")
        group.create_task(fetch(ready), name="fetch-2")
        group.create_task(read_command(ready), name="reader")


def read_line(stream, timeout=30):
    if not select.select([stream], [], [], timeout)[0]:
        raise TimeoutError(f"no line within {timeout} s")
    return stream.readline()


def inspect(command, pid):
    """Run `python -m asyncio <command> PID` and return what it printed."""
    run = subprocess.run([sys.executable, "-m", "asyncio", command, str(pid)],
                         capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        return f"exit status {run.returncode}: {run.stderr.strip()}"
    return run.stdout


def ps_rows(table):
    """Task name, coroutine stack and awaiter name of each row of `ps`
    (the thread and task ids vary from run to run)."""
    rows = []
    for line in table.splitlines()[2:]:
        # Columns: tid, task id, name, stack, [awaiter chain, awaiter name,] awaiter id.
        # A long cell can fill its column and run into the next with one space.
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) >= 5:
            awaiter = cells[-2].split()[-1] if len(cells) >= 6 else ""
            rows.append(f"{cells[2]:<8} {cells[3]:<50} {awaiter}".rstrip())
    return sorted(rows)


def short_paths(tree):
    """pstree with stdlib paths cut to module names and their line numbers dropped."""
    me = os.path.basename(__file__)
    def shorten(m):
        name = os.path.basename(m[1])
        return f"{name}:{m[2]}" if name == me else f"asyncio/{name}"
    return re.sub(r"(\S+\.py):(\d+)", shorten, tree).rstrip()


if __name__ == "__main__":
    if sys.argv[1:] == ["stuck"]:
        asyncio.run(stuck_program())
    else:
        proc = subprocess.Popen([sys.executable, __file__, "stuck"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True)
        read_line(proc.stdout)  # the loop is now blocked in read_command
        ps, tree = inspect("ps", proc.pid), inspect("pstree", proc.pid)
        proc.communicate("go\n", timeout=30)
        print(f"python -m asyncio ps PID (the program's loop blocked at the time):")
        print(f"  {'task':<8} {'coroutine stack (innermost first)':<50} awaited by")
        for row in ps_rows(ps):
            print(f"  {row}")
        print("python -m asyncio pstree PID:")
        print(short_paths(tree))
        print(f"the program, given its line, exit status {proc.returncode}")
