"""`if q.qsize() > 0: q.get()` fails: the answer is out of date before it is used."""
import multiprocessing
import queue


def consumer(name, jobs, results, go, both_checked, a_done):
    if not go.wait(timeout=10):
        raise TimeoutError("no job was put")
    size = jobs.qsize()
    if size > 0:                           # the copied check ...
        # Force a schedule that can happen by chance: both check, then A
        # takes the job, then B tries.
        both_checked.wait(timeout=10)
        if name == "B" and not a_done.wait(timeout=10):
            raise TimeoutError("A never took its turn")
        try:
            outcome = f"get() returned {jobs.get(timeout=2)!r}"   # ... and the act
        except queue.Empty:                # without a timeout, B would hang here
            outcome = "get() found nothing in 2 s: queue.Empty"
        a_done.set()
    else:
        outcome = "nothing to do"
    results.put((name, f"qsize() said {size}, {outcome}"))


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    jobs, results = ctx.Queue(), ctx.Queue()
    go, both_checked, a_done = ctx.Event(), ctx.Barrier(2), ctx.Event()
    consumers = [ctx.Process(target=consumer,
                             args=(name, jobs, results, go, both_checked, a_done))
                 for name in ("A", "B")]
    for c in consumers:
        c.start()                          # start children before the first put()
    jobs.put("job 1")                      # one job, two consumers
    jobs.close()                           # the parent puts nothing more,
    jobs.join_thread()                     # and the job is now in the pipe
    go.set()
    lines = sorted(results.get(timeout=20) for _ in consumers)
    for c in consumers:
        c.join(timeout=10)
    for name, line in lines:
        print(f"consumer {name}: {line}")
    print("exit codes:", [c.exitcode for c in consumers])
