"""terminate_workers() or kill_workers() stops a ProcessPoolExecutor with a stuck task."""
import concurrent.futures
import multiprocessing
import subprocess
import sys
import threading

_started = None


def remember(started):
    global _started
    _started = started


def stuck():
    _started.put("started")
    threading.Event().wait(60)        # stands for a call that never returns
    return "finished"


def quick():
    return "quick"


def never_ran(future):
    # A queued task is either cancelled, or (if it had already been handed
    # to the worker's call queue) failed with the pool: it never ran.
    if future.cancelled():
        return True
    error = future.exception(timeout=10)
    return isinstance(error, concurrent.futures.process.BrokenProcessPool)


def stop_pool(how):
    ctx = multiprocessing.get_context()
    started = ctx.Queue()
    # initargs reach each worker as it starts: the way to hand it a queue.
    with concurrent.futures.ProcessPoolExecutor(
        1, mp_context=ctx, initializer=remember, initargs=(started,)
    ) as pool:
        running = pool.submit(stuck)
        waiting = pool.submit(quick)      # queued behind the stuck task
        started.get(timeout=10)           # the stuck task really runs
        getattr(pool, how)()              # terminate_workers() or kill_workers()
        try:
            running.result(timeout=10)
            outcome = "result"
        except concurrent.futures.process.BrokenProcessPool:
            outcome = "BrokenProcessPool"
        try:
            pool.submit(quick)
            later = "accepted"
        except RuntimeError as exc:
            later = f"{type(exc).__name__}: {exc}"
    started.close()
    return outcome, never_ran(waiting), later


if __name__ == "__main__":
    if len(sys.argv) == 2:
        outcome, not_run, later = stop_pool(sys.argv[1])
        print(f"{sys.argv[1]}(): running task -> {outcome};"
              f" queued task never ran: {not_run}")
        print(f"  submit() afterwards -> {later}")
    else:
        # Each in a fresh process: one that has just used a pool may still
        # list its threads, and a second pool forking there would warn.
        for how in ("terminate_workers", "kill_workers"):
            run = subprocess.run([sys.executable, __file__, how],
                                 stdout=subprocess.PIPE, text=True, timeout=60)
            print(run.stdout, end="")
            if run.returncode != 0:
                print(f"{how}: exit status {run.returncode}")
