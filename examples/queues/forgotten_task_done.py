"""A task_done() skipped on an error path hangs join(); a timeout exposes it."""
import queue
import threading


def join_with_timeout(q, timeout):
    """Queue.join() with a timeout: True once every task is done, False on timeout."""
    with q.all_tasks_done:
        return q.all_tasks_done.wait_for(lambda: not q.unfinished_tasks, timeout)


def process(job):
    if job == "bad":
        raise ValueError(f"cannot process {job!r}")


def careless_worker(jobs):
    while True:
        job = jobs.get(timeout=5)
        if job is None:
            jobs.task_done()
            return
        try:
            process(job)
            jobs.task_done()  # skipped when process() raises
        except ValueError:
            pass  # error handled... but the task is never marked done


def careful_worker(jobs):
    while True:
        job = jobs.get(timeout=5)
        try:
            if job is None:
                return
            process(job)
        except ValueError:
            pass  # report it somewhere; the task still counts as finished
        finally:
            jobs.task_done()


def run(worker):
    jobs = queue.Queue()
    t = threading.Thread(target=worker, args=(jobs,))
    t.start()
    for job in ("ok", "bad", "ok", None):  # None: stop after the real jobs
        jobs.put(job, timeout=1)
    t.join(timeout=5)  # the worker has seen every job once this returns
    assert not t.is_alive()
    finished = join_with_timeout(jobs, timeout=0.5)
    with jobs.mutex:
        left = jobs.unfinished_tasks  # an implementation detail, read for the report
    return finished, left


if __name__ == "__main__":
    for worker in (careless_worker, careful_worker):
        finished, left = run(worker)
        print(f"{worker.__name__}: join() within 0.5 s: {finished};",
              f"unfinished tasks: {left}")
