"""join() waits for a count: +1 per put(), -1 per task_done(); get() leaves it alone."""
import queue


def join_with_timeout(q, timeout):
    """Queue.join() with a timeout: True once every task is done, False on timeout."""
    with q.all_tasks_done:  # the condition join() itself waits on
        return q.all_tasks_done.wait_for(lambda: not q.unfinished_tasks, timeout)


if __name__ == "__main__":
    q = queue.Queue()
    print("fresh queue, join() returns at once:", join_with_timeout(q, 0))

    for item in ("a", "b", "c"):
        q.put(item, timeout=1)
    for _ in range(3):
        q.get(timeout=1)
    print("3 put(), 3 get(): queue empty:", q.empty(),
          "| join() would return:", join_with_timeout(q, 0.1))

    for _ in range(3):
        q.task_done()  # the consumer's word: "I have finished this item"
    print("then 3 task_done(): join() returns:", join_with_timeout(q, 0))

    try:
        q.task_done()
    except ValueError as exc:
        print("a 4th task_done() raises ValueError:", exc)

    # The misuse: the producer marks its own item done. join() no longer
    # waits for anybody, although nobody has even taken the item.
    q.put("d", timeout=1)
    q.task_done()
    print("put() then task_done() by the producer: join() returns:",
          join_with_timeout(q, 0), "| items still queued:", q.qsize())
    q.get_nowait()
