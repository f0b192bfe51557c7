"""join() blocks the thread that calls it, not the queue: get() goes on meanwhile."""
import queue
import threading


def joiner(q, log, joining):
    log.put("joiner:   calling q.join()")
    joining.set()
    q.join()  # waits for the count of unfinished tasks to reach zero
    log.put("joiner:   q.join() returned")


def consumer(q, log, joining):
    joining.wait(timeout=5)  # start only once the joiner is on its way into join()
    for _ in range(3):
        item = q.get(timeout=5)  # join() in the other thread does not stop this
        log.put(f"consumer: got {item!r}, finished it")
        q.task_done()  # after the log line, so the joiner's last line comes after it


if __name__ == "__main__":
    q = queue.Queue()
    for item in ("a", "b", "c"):
        q.put(item, timeout=1)

    log = queue.SimpleQueue()
    joining = threading.Event()
    # join() has no timeout; a daemon thread holds it so a bug cannot hang the
    # program, and we wait for that thread with a timeout instead.
    waiter = threading.Thread(target=joiner, args=(q, log, joining), daemon=True)
    worker = threading.Thread(target=consumer, args=(q, log, joining))
    waiter.start()
    worker.start()
    for t in (worker, waiter):
        t.join(timeout=5)
        assert not t.is_alive(), f"{t.name} is stuck"

    while not log.empty():  # both threads have ended: the log is complete
        print(log.get(timeout=1))
