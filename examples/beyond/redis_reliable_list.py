"""A Redis list queue that survives a crash: BLMOVE, LREM to ack, requeue what it held."""
import multiprocessing
import os

import redis

PREFIX = "beyond:reliable:"
PENDING = PREFIX + "pending"
RESULTS = PREFIX + "results"  # job -> answer; writing it twice is harmless
DELIVERIES = PREFIX + "deliveries"  # job -> how many times it was handed out


def processing(name):
    return f"{PREFIX}processing:{name}"


def take(r, name):
    """Atomically move the next job into this consumer's own processing list."""
    return r.blmove(PENDING, processing(name), timeout=5, src="LEFT", dest="RIGHT")


def crashing_consumer(url):
    with redis.Redis.from_url(url, decode_responses=True) as r:
        job = take(r, "crasher")
        r.hincrby(DELIVERIES, job, 1)
        r.hset(RESULTS, job, int(job) ** 2)  # the work is done...
    os._exit(1)  # ...but it dies before acknowledging it


def healthy_consumer(url):
    with redis.Redis.from_url(url, decode_responses=True) as r:
        while True:
            job = take(r, "healthy")
            if job is None:
                raise SystemExit("no job for 5 s")
            if job != "stop":
                r.hincrby(DELIVERIES, job, 1)
                # Idempotent: a redelivered job overwrites the same answer.
                r.hset(RESULTS, job, int(job) ** 2)
            # Acknowledge: only now is the job gone for good.
            r.lrem(processing("healthy"), 1, job)
            if job == "stop":
                return


def requeue(r, name):
    """Give back everything a dead consumer held, to the front of the queue."""
    moved = 0
    while r.lmove(processing(name), PENDING, src="RIGHT", dest="LEFT") is not None:
        moved += 1
    return moved


if __name__ == "__main__":
    url = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    ctx = multiprocessing.get_context()
    keys = [PENDING, RESULTS, DELIVERIES, processing("crasher"), processing("healthy")]
    with redis.Redis.from_url(url, decode_responses=True) as r:
        r.delete(*keys)
        try:
            r.rpush(PENDING, "1", "2", "3")

            crasher = ctx.Process(target=crashing_consumer, args=(url,))
            crasher.start()
            crasher.join(timeout=10)
            print("crashed consumer exit code", crasher.exitcode)
            assert crasher.exitcode == 1, "expected the simulated crash"
            print("held by the dead consumer:", r.lrange(processing("crasher"), 0, -1))
            print("still pending:", r.lrange(PENDING, 0, -1))

            # We know it is dead (we saw its exit code), so its jobs are safe
            # to hand out again. Without that knowledge, use a heartbeat key.
            print("requeued", requeue(r, "crasher"), "job")

            r.rpush(PENDING, "stop")
            healthy = ctx.Process(target=healthy_consumer, args=(url,))
            healthy.start()
            healthy.join(timeout=10)
            print("healthy consumer exit code", healthy.exitcode)

            deliveries = r.hgetall(DELIVERIES)
            results = r.hgetall(RESULTS)
            for job in sorted(results, key=int):
                print(f"job {job}: delivered {deliveries[job]}x, result {results[job]}")
            lists = (PENDING, processing("crasher"), processing("healthy"))
            left = sum(r.llen(k) for k in lists)
            print("jobs left anywhere:", left)
        finally:
            r.delete(*keys)
