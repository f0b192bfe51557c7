"""With the interpreter's default start method: a global the child needs, then the fix."""
import multiprocessing
import subprocess
import sys


def fixed_worker(jobs, done):
    total = 0
    while True:
        n = jobs.get(timeout=10)
        if n is None:
            break
        total += n
    done.put(total)


def worker():
    # BUG: `jobs` and `done` are globals that only the parent's __main__
    # block creates. A forked child inherits them; any other child does not.
    fixed_worker(jobs, done)


def buggy_program():
    global jobs, done
    jobs, done = multiprocessing.Queue(), multiprocessing.Queue()
    child = multiprocessing.Process(target=worker)   # the default method
    child.start()
    for n in (1, 2, 3, None):
        jobs.put(n)
    child.join(30)
    # Second bug: neither child.exitcode nor `done` is looked at.
    print("jobs handed out, worker joined")


def fixed_program(ctx):
    jobs, done = ctx.Queue(), ctx.Queue()
    child = ctx.Process(target=fixed_worker, args=(jobs, done))
    child.start()
    for n in (1, 2, 3, None):
        jobs.put(n)
    total = done.get(timeout=10)
    child.join(10)
    return total, child.exitcode


if __name__ == "__main__":
    if "--buggy" in sys.argv:
        buggy_program()
    else:
        default = multiprocessing.get_start_method()
        print(f"default start method: {default}")
        # The buggy program runs as a reader would run it, from a shell.
        run = subprocess.run(
            [sys.executable, __file__, "--buggy"],
            capture_output=True, text=True, timeout=60,
        )
        last = run.stderr.strip().splitlines()[-1:] or ["(nothing)"]
        print(f"buggy: exit status {run.returncode}, stdout: {run.stdout.strip()}")
        print(f"buggy: stderr ends: {last[0]}")
        total, exitcode = fixed_program(multiprocessing.get_context(default))
        print(f"fixed: total {total}, child exit code {exitcode}")
