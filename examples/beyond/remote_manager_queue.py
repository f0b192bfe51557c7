"""A BaseManager serves queues on a TCP port; clients with the authkey use them."""
import multiprocessing
import queue
import secrets
from multiprocessing.managers import BaseManager

# These exist in every process that imports this file, but only the manager's
# server process ever touches its copies, through the functions below.
_jobs = queue.Queue()
_results = queue.Queue()


def get_jobs():
    return _jobs


def get_results():
    return _results


class JobServer(BaseManager):
    """The serving side: knows how to make each shared object."""


# Module-level functions, not lambdas: under spawn and forkserver the
# registry is pickled to the server process, and a lambda cannot be.
JobServer.register("get_jobs", callable=get_jobs)
JobServer.register("get_results", callable=get_results)


class JobClient(BaseManager):
    """The connecting side: knows only the names, as a program elsewhere would."""


JobClient.register("get_jobs")
JobClient.register("get_results")


def worker(address, authkey):
    """A client: could run on any machine that can reach the address."""
    client = JobClient(address=address, authkey=authkey)
    client.connect()
    jobs, results = client.get_jobs(), client.get_results()
    while True:
        n = jobs.get(timeout=5)  # a proxy call: runs in the server, over TCP
        if n is None:
            break
        results.put((n, n * n), timeout=5)


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    authkey = secrets.token_bytes(32)
    # Port 0: the OS picks a free port; loopback: reachable from this machine only.
    server = JobServer(address=("127.0.0.1", 0), authkey=authkey, ctx=ctx)
    server.start()
    host, port = server.address  # the real port, learnt from the server
    assert port != 0
    print("serving on", host, "at a port the OS chose")

    workers = [
        ctx.Process(target=worker, args=(server.address, authkey)) for _ in range(2)
    ]
    for w in workers:
        w.start()

    jobs, results = server.get_jobs(), server.get_results()
    for n in range(1, 7):
        jobs.put(n, timeout=5)
    for _ in workers:
        jobs.put(None, timeout=5)  # one stop signal per worker

    answers = sorted(results.get(timeout=5) for _ in range(6))
    for w in workers:
        w.join(timeout=10)
        print("worker exit code", w.exitcode)
    print(answers)
    server.shutdown()
