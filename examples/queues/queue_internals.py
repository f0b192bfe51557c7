"""Inside queue.Queue: a deque, one lock, three conditions on it, a task counter."""
import queue


def shares_lock(q, condition):
    """True if condition uses q.mutex: while we hold q.mutex, it is unavailable."""
    with q.mutex:
        acquired = condition.acquire(blocking=False)
        if acquired:
            condition.release()
    return not acquired


if __name__ == "__main__":
    # These attributes are CPython implementation details, read here only to
    # show the mechanism; programs should use the public methods.
    for kind in (queue.Queue, queue.LifoQueue, queue.PriorityQueue):
        print(f"{kind.__name__:<13} stores items in a {type(kind().queue).__name__}")

    q = queue.Queue()
    for name in ("not_empty", "not_full", "all_tasks_done"):
        shared = shares_lock(q, getattr(q, name))
        print(f"{name:<14} is a Condition on q.mutex: {shared}")

    def show(step):
        print(f"after {step:<14} items = {len(q.queue)},",
              f"unfinished_tasks = {q.unfinished_tasks}")

    q.put("a", timeout=1)
    q.put("b", timeout=1)
    show("2 put():")
    q.get(timeout=1)
    show("1 get():")
    q.task_done()
    show("1 task_done():")
