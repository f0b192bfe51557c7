"""The tutorial job server: a manager that serves a queue through a lambda."""
import multiprocessing
import queue
from multiprocessing.managers import BaseManager

job_queue = queue.Queue()


class JobServer(BaseManager):
    pass


# The copied line: spawn and forkserver must pickle this registry.
JobServer.register("get_job_queue", callable=lambda: job_queue)


def serve_one_job(ctx):
    server = JobServer(ctx=ctx)
    try:
        server.start()
    except Exception as exc:   # raised here, before any server process exists
        # The message goes on to say why, in words that vary by version.
        head = str(exc).split(" at 0x")[0]
        return f"start() raised {type(exc).__name__}: {head}>"
    try:
        jobs = server.get_job_queue()
        jobs.put("resize photo.jpg")
        return f"served, got back {jobs.get(timeout=10)!r}"
    finally:
        server.shutdown()


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        print(f"{method:<10}", serve_one_job(multiprocessing.get_context(method)))
