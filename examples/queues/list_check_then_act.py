"""Check-then-act on a list races; Queue.get_nowait() checks and takes in one step."""
import queue
import threading


def take_from_list(items, both_checked, outcomes):
    if items:  # check ...
        both_checked.wait(timeout=5)  # both threads check before either acts
        try:
            outcomes.append(items.pop())  # ... then act on a check that may be stale
        except IndexError:
            outcomes.append("IndexError")


def take_from_queue(q, both_ready, outcomes):
    both_ready.wait(timeout=5)
    try:
        outcomes.append(q.get_nowait())  # check and take happen under the queue's lock
    except queue.Empty:
        outcomes.append("Empty")


def race(target, shared):
    barrier = threading.Barrier(2)
    outcomes = []  # list.append is atomic, and each thread appends once
    threads = [threading.Thread(target=target, args=(shared, barrier, outcomes))
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive(), "a thread did not finish"
    return sorted(outcomes)  # which thread wins varies; the set of outcomes does not


if __name__ == "__main__":
    print("list, check then pop():", race(take_from_list, ["job-1"]))

    q = queue.Queue()
    q.put("job-1")
    print("queue, get_nowait():   ", race(take_from_queue, q))
