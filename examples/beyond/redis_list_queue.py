"""Processes share a Redis list: RPUSH to enqueue, BLPOP with a timeout to dequeue."""
import json
import multiprocessing
import os

import redis

PREFIX = "beyond:list_queue:"  # every key this example makes starts with it
JOBS, RESULTS = PREFIX + "jobs", PREFIX + "results"


def consume(url, name):
    """Could run on any machine that reaches the Redis server."""
    with redis.Redis.from_url(url, decode_responses=True) as r:
        while True:
            # Blocks at most 5 s; returns (key, value) or None on timeout.
            popped = r.blpop([JOBS], timeout=5)
            if popped is None:
                raise SystemExit(f"{name}: no job for 5 s")
            job = json.loads(popped[1])
            if job is None:
                return  # the stop signal
            r.rpush(RESULTS, json.dumps([job, job * job, name]))


if __name__ == "__main__":
    url = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    ctx = multiprocessing.get_context()
    with redis.Redis.from_url(url, decode_responses=True) as r:
        r.delete(JOBS, RESULTS)  # start clean even if a previous run crashed
        # Workers get the URL, not a client: a connection must not be
        # shared across a fork, and cannot be pickled for spawn.
        consumers = [
            ctx.Process(target=consume, args=(url, f"c{i}")) for i in range(2)
        ]
        for c in consumers:
            c.start()
        try:
            r.rpush(JOBS, *[json.dumps(n) for n in range(1, 7)])
            r.rpush(JOBS, *[json.dumps(None)] * len(consumers))

            answers = []
            for _ in range(6):
                popped = r.blpop([RESULTS], timeout=5)
                if popped is None:
                    raise SystemExit("a result did not arrive within 5 s")
                answers.append(json.loads(popped[1]))
            for c in consumers:
                c.join(timeout=10)
                print(f"consumer exit code {c.exitcode}")
            for job, square, _ in sorted(answers):
                print(f"{job} -> {square}")
            print("jobs left in Redis:", r.llen(JOBS))
        finally:
            for c in consumers:
                if c.is_alive():
                    c.terminate()
                    c.join(timeout=5)
            r.delete(JOBS, RESULTS)
