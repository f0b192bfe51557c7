"""Producer and consumer by hand: a deque, a Condition, a capacity and a 'closed' flag."""
import collections
import threading

CAPACITY = 3


def producer(items, cond, state):
    for item in items:
        with cond:
            if not cond.wait_for(lambda: len(state["buffer"]) < CAPACITY, timeout=5):
                raise TimeoutError("consumer stopped taking items")
            state["buffer"].append(item)
            cond.notify_all()  # one Condition for both sides: wake everyone
    with cond:
        state["closed"] = True  # our own end-of-stream signal
        cond.notify_all()


def consumer(cond, state, received):
    while True:
        with cond:
            if not cond.wait_for(lambda: state["buffer"] or state["closed"], timeout=5):
                raise TimeoutError("producer went quiet")
            if not state["buffer"]:  # closed and drained
                return
            item = state["buffer"].popleft()
            cond.notify_all()
        received.append(item * item)  # the work happens outside the lock


if __name__ == "__main__":
    cond = threading.Condition()
    state = {"buffer": collections.deque(), "closed": False}
    received = []
    threads = [
        threading.Thread(target=producer, args=(range(10), cond, state)),
        threading.Thread(target=consumer, args=(cond, state, received)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
        assert not t.is_alive()
    print("received:", received)
