"""The job server fixed: a module-level callable, and the queue's proxy passed on."""
import multiprocessing
import queue
from multiprocessing.managers import BaseManager


class JobServer(BaseManager):
    pass


def new_job_queue():
    # Runs in the server, once per call of server.JobQueue().
    return queue.Queue()


# A module-level function: pickle finds it by name, under every method.
JobServer.register("JobQueue", callable=new_job_queue)


def worker(jobs, done):
    while True:
        job = jobs.get(timeout=10)
        if job is None:                  # the parent's "no more jobs"
            break
        done.put(f"finished {job}")


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with JobServer(ctx=ctx) as server:
        jobs, done = server.JobQueue(), server.JobQueue()   # two calls, two queues
        child = ctx.Process(target=worker, args=(jobs, done))   # proxies as arguments
        child.start()
        for job in ("resize photo.jpg", "crop banner.png", None):
            jobs.put(job)
        for _ in range(2):
            print(done.get(timeout=10))
        child.join(timeout=10)
        print("worker exit code:", child.exitcode)
