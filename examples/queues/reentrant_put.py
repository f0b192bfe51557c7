"""A callback run inside Queue.put() cannot use that queue; a SimpleQueue is safe."""
import queue
import weakref


class Resource:
    """Anything with a finalizer, e.g. a connection that logs when it is collected."""


class Job:
    """A PriorityQueue entry whose comparison drops the last reference to a Resource."""

    def __init__(self, priority, holder):
        self.priority = priority
        self.holder = holder

    def __lt__(self, other):
        self.holder.clear()  # the Resource dies now, while put() holds the lock
        return self.priority < other.priority


def on_collect(jobs, log):
    # We are inside jobs.put() in this same thread. Its lock is not reentrant,
    # so another jobs.put() here would wait forever; probe it with a timeout.
    free = jobs.mutex.acquire(timeout=0.1)
    if free:
        jobs.mutex.release()
    log.put(f"finalizer: could take the PriorityQueue's lock: {free}")
    log.put("finalizer: SimpleQueue.put() from here worked")


if __name__ == "__main__":
    jobs = queue.PriorityQueue()
    log = queue.SimpleQueue()
    holder = [Resource()]
    weakref.finalize(holder[0], on_collect, jobs, log)

    jobs.put(Job(2, []), timeout=1)
    # heappush compares Job(1) < Job(2) inside put(): the finalizer fires there.
    jobs.put(Job(1, holder), timeout=1)
    while not log.empty():  # one thread only: nothing can change log between the calls
        print(log.get(timeout=1))
    print("put() returned; jobs queued:", jobs.qsize())
