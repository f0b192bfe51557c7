"""Queue.shutdown() (3.13+) stops consumers without sentinels, after the last item."""
import queue
import threading


def join_with_timeout(q, timeout):
    """Queue.join() with a timeout: True once every task is done, False on timeout."""
    with q.all_tasks_done:
        return q.all_tasks_done.wait_for(lambda: not q.unfinished_tasks, timeout)


def consume(q, done, ended):
    while True:
        try:
            item = q.get(timeout=5)  # on expiry: Empty, a loud failure
        except queue.ShutDown:  # shut down and empty: no more work will come
            ended.append("ShutDown")
            return
        done.append(item)
        q.task_done()


if __name__ == "__main__":
    q = queue.Queue()
    done_by = [[], []]
    ended = []
    threads = [threading.Thread(target=consume, args=(q, done, ended))
               for done in done_by]
    for t in threads:
        t.start()
    for n in range(8):
        q.put(n, timeout=1)

    q.shutdown()  # immediate=False: what is queued is still handed out
    try:
        q.put(99, timeout=1)
    except queue.ShutDown:
        print("put() after shutdown() raised ShutDown")

    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive()
    print("consumers that ended with ShutDown:", len(ended), "of", len(threads))
    print("processed:", sorted(n for done in done_by for n in done))
    print("every task marked done, join() returns:", join_with_timeout(q, timeout=1))
