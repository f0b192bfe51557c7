"""Event.wait() returns True when set() woke it, even if the flag was cleared since."""
import sys
import threading
import time


def waiter(event, results):
    results.append(event.wait(timeout=10))


def wait_until_parked(thread, timeout):
    """Return once `thread` is inside Condition.wait(), where set() is sure to wake it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = sys._current_frames().get(thread.ident)
        if frame is not None and frame.f_code is threading.Condition.wait.__code__:
            return
        time.sleep(0.001)  # polling a state: how long it takes never changes the result
    raise TimeoutError("the waiter never reached wait()")


if __name__ == "__main__":
    event = threading.Event()
    results = []
    thread = threading.Thread(target=waiter, args=(event, results))
    thread.start()
    wait_until_parked(thread, timeout=10)
    event.set()
    event.clear()  # before the waiter has returned from wait()
    thread.join(timeout=10)
    assert not thread.is_alive()
    print("the waiter's wait() returned:", results[0])
    print("event.is_set() afterwards:   ", event.is_set())
