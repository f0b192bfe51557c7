"""Hard shutdown (3.13+): queued items are dropped; join() still counts taken ones."""
import queue


def join_with_timeout(q, timeout):
    """Queue.join() with a timeout: True once every task is done, False on timeout."""
    with q.all_tasks_done:
        return q.all_tasks_done.wait_for(lambda: not q.unfinished_tasks, timeout)


if __name__ == "__main__":
    q = queue.Queue()
    for n in range(5):
        q.put(n, timeout=1)
    in_hand = q.get(timeout=1)  # taken, being worked on, not yet marked done

    q.shutdown(immediate=True)
    print("queued items after shutdown(immediate=True):", q.qsize())
    for name, call in (("get()", lambda: q.get(timeout=1)),
                       ("put()", lambda: q.put(5, timeout=1))):
        try:
            call()
        except queue.ShutDown:
            print(f"{name} raises ShutDown")

    # The 4 discarded items were marked done for us; the one in hand was not.
    print("join() returns while item", in_hand, "is in hand:",
          join_with_timeout(q, timeout=0.2))
    q.task_done()
    print("after its task_done(), join() returns:", join_with_timeout(q, timeout=0.2))
