"""RQ on Redis: enqueue jobs, run a burst worker, read results and a failure."""
import os

import redis
from rq import Queue, SimpleWorker

PREFIX = "beyond-rq-"  # queue, job ids and worker name: all our keys carry it
CLEANING_LOCK = "rq:clean_groups"  # a worker sets this shared key (10 min TTL)


def square(n):
    return n * n


def parse_price(text):
    return round(float(text), 2)  # raises ValueError on bad input


def remove_keys(r, lock_was_there):
    """Delete every key this example made, so runs can be repeated."""
    ours = list(r.scan_iter(match=f"rq:*{PREFIX}*"))
    if ours:
        r.delete(*ours)
    r.srem("rq:queues", f"rq:queue:{PREFIX}jobs")
    if not lock_was_there:
        r.delete(CLEANING_LOCK)


if __name__ == "__main__":
    # RQ refuses functions from __main__: a worker elsewhere could not import
    # them. So import this very file under its own name. That works from any
    # directory because Python puts the script's folder first on sys.path.
    import rq_burst_worker as tasks

    url = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    with redis.Redis.from_url(url) as r:
        lock_was_there = bool(r.exists(CLEANING_LOCK))
        remove_keys(r, lock_was_there)
        try:
            jobs = Queue(f"{PREFIX}jobs", connection=r)
            squares = [
                jobs.enqueue(tasks.square, n, job_id=f"{PREFIX}square-{n}")
                for n in (3, 4)
            ]
            price = jobs.enqueue(tasks.parse_price, "12.5O", job_id=f"{PREFIX}price")
            print("enqueued:", [j.func_name for j in squares + [price]])

            # burst=True: process what is queued, then return instead of waiting.
            # SimpleWorker runs jobs in this process (no fork per job), so the
            # functions are found in sys.modules. CRITICAL keeps its log of
            # the failing job's traceback off stderr; the result holds it.
            worker = SimpleWorker([jobs], connection=r, name=f"{PREFIX}worker")
            worked = worker.work(burst=True, logging_level="CRITICAL")
            print("worker did something:", worked)

            for job in squares:
                print(job.id, job.get_status().value, job.return_value())
            failure = price.latest_result()
            print(price.id, price.get_status().value, failure.type.name)
            print("  ", failure.exc_string.strip().splitlines()[-1])
            print("left in queue:", len(jobs))
        finally:
            remove_keys(r, lock_was_there)
        print("keys left behind:", len(list(r.scan_iter(match=f"*{PREFIX}*"))))
