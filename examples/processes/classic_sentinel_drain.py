"""The fix: no qsize(); consumers read to a sentinel, the parent counts what it sent."""
import multiprocessing

CONSUMERS = 2
NO_MORE_JOBS = None


def consumer(jobs, results):
    while True:
        job = jobs.get(timeout=10)      # waits for the next job; a timeout is a bug
        if job is NO_MORE_JOBS:
            return
        results.put(f"{job} done")


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    jobs, results = ctx.Queue(), ctx.Queue()
    consumers = [ctx.Process(target=consumer, args=(jobs, results))
                 for _ in range(CONSUMERS)]
    for c in consumers:
        c.start()
    todo = [f"job {n}" for n in range(1, 6)]
    for job in todo + [NO_MORE_JOBS] * CONSUMERS:     # one sentinel per consumer
        jobs.put(job)
    # The parent knows how many jobs it sent, so it knows how many to read.
    done = sorted(results.get(timeout=10) for _ in todo)
    for c in consumers:
        c.join(timeout=10)
    print("\n".join(done))
    print("exit codes:", [c.exitcode for c in consumers])
