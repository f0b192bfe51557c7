"""A pool of worker threads; join() tells the main thread when every job is finished."""
import queue
import threading

WORKERS = 3
STOP = object()  # a sentinel nobody else can put


def join_with_timeout(q, timeout):
    """Queue.join() with a timeout: True once every task is done, False on timeout."""
    with q.all_tasks_done:
        return q.all_tasks_done.wait_for(lambda: not q.unfinished_tasks, timeout)


def worker(jobs, results):
    while True:
        job = jobs.get(timeout=5)
        try:
            if job is STOP:
                return
            results.put((job, job * job))
        finally:
            jobs.task_done()  # in finally: a failed job must still count as finished


if __name__ == "__main__":
    jobs = queue.Queue()
    results = queue.SimpleQueue()
    threads = [threading.Thread(target=worker, args=(jobs, results))
               for _ in range(WORKERS)]
    for t in threads:
        t.start()

    for n in range(10):
        jobs.put(n, timeout=1)
    if not join_with_timeout(jobs, timeout=5):
        raise SystemExit("workers did not finish in time")

    # Every job is done, so every result is in; they arrived in whatever
    # order the workers finished, so sort them before printing.
    print(sorted(results.get(timeout=1) for _ in range(10)))

    for _ in threads:
        jobs.put(STOP, timeout=1)  # one per worker: each worker takes exactly one
    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive(), f"{t.name} did not stop"
    print("all", WORKERS, "workers stopped")
