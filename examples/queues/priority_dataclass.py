"""Order PriorityQueue entries by (priority, arrival) and never compare the payload."""
import itertools
import queue
from dataclasses import dataclass, field
from typing import Any


@dataclass(order=True)
class Job:
    priority: int
    seq: int  # breaks ties: first put, first out among equal priorities
    payload: Any = field(compare=False)  # any object, comparable or not


if __name__ == "__main__":
    q = queue.PriorityQueue()
    counter = itertools.count()  # one counter per queue: seq grows with every put()
    for priority, payload in [(2, {"job": "backup"}), (1, {"job": "resize"}),
                              (2, {"job": "email"}), (1, {"job": "thumbnail"})]:
        q.put(Job(priority, next(counter), payload), timeout=1)

    while not q.empty():  # this thread alone uses q, so empty() cannot go stale here
        job = q.get(timeout=1)
        print(job.priority, job.seq, job.payload)
