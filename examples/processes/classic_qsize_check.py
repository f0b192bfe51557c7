"""`if q.qsize() > 0: q.get()` fails: the answer is out of date before it is used."""
import multiprocessing
import queue


def consumer(name, jobs, results, go, both_checked, wait_for, then_set):
    if not go.wait(timeout=10):
        raise TimeoutError("the parent never put the job")
    size = jobs.qsize()
    if size > 0:                           # the copied check ...
        # Force one schedule a busy machine produces by chance: both
        # consumers have checked, then A takes first and B after it.
        both_checked.wait(timeout=10)
        if wait_for is not None and not wait_for.wait(timeout=10):
            raise TimeoutError("A never took its turn")
        try:
            outcome = f"get() returned {jobs.get(timeout=2)!r}"   # ... and the act
        except queue.Empty:                # without a timeout, B would hang here
            outcome = "get() found nothing in 2 s: queue.Empty"
        finally:
            if then_set is not None:
                then_set.set()
    else:
        outcome = "nothing to do"
    results.put((name, f"qsize() said {size}, {outcome}"))


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    jobs, results = ctx.Queue(), ctx.Queue()
    go, both_checked, a_done = ctx.Event(), ctx.Barrier(2), ctx.Event()
    consumers = [
        ctx.Process(target=consumer,
                    args=("A", jobs, results, go, both_checked, None, a_done)),
        ctx.Process(target=consumer,
                    args=("B", jobs, results, go, both_checked, a_done, None)),
    ]
    for c in consumers:
        c.start()                          # start children before the first put()
    jobs.put("job 1")                      # one job, two consumers
    go.set()
    lines = sorted(results.get(timeout=20) for _ in consumers)
    for c in consumers:
        c.join(timeout=10)
    for name, line in lines:
        print(f"consumer {name}: {line}")
    print("exit codes:", [c.exitcode for c in consumers])
