"""Queue.shutdown() (3.13+) stops consumers without sentinels, after they drain the queue."""
import queue
import threading
import time


def join_with_timeout(q, timeout):
    """Queue.join() with a timeout: True once every task is done, False if time ran out."""
    with q.all_tasks_done:
        return q.all_tasks_done.wait_for(lambda: not q.unfinished_tasks, timeout)


def consume(q, done):
    while True:
        try:
            item = q.get(timeout=5)
        except queue.ShutDown:  # shut down and empty: no more work will come
            return
        done.append(item)
        q.task_done()


if __name__ == "__main__":
    q = queue.Queue()
    done_by = [[], []]
    threads = [threading.Thread(target=consume, args=(q, done)) for done in done_by]
    for t in threads:
        t.start()
    for n in range(8):
        q.put(n, timeout=1)

    start = time.monotonic()
    q.shutdown()  # immediate=False: what is queued is still handed out
    try:
        q.put(99, timeout=1)
    except queue.ShutDown:
        print("put() after shutdown() raised ShutDown")

    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive()
    # Consumers blocked in get() were woken by shutdown(), not by their timeout.
    print("consumers stopped well within their 5 s get() timeout:", time.monotonic() - start < 2)
    print("processed:", sorted(n for done in done_by for n in done))
    print("every task marked done, join() returns:", join_with_timeout(q, timeout=1))
