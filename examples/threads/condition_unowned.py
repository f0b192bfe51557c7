"""Two calls that should raise RuntimeError without the condition's lock, and do not."""
import threading


def hold(lock, holding, release):
    with lock:
        holding.set()
        release.wait(timeout=10)


def notify_while_another_thread_holds(cond_lock):
    """Call notify() on a Condition whose lock another thread holds."""
    cond = threading.Condition(cond_lock)
    holding, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold, args=(cond_lock, holding, release))
    holder.start()
    try:
        assert holding.wait(timeout=10)
        cond.notify()
        return "no error"
    except RuntimeError as exc:
        return f"RuntimeError: {exc}"
    finally:
        release.set()
        holder.join(timeout=10)
        assert not holder.is_alive()


if __name__ == "__main__":
    cond = threading.Condition()
    try:
        cond.wait(timeout=1)
    except RuntimeError as exc:
        print(f"wait() without the lock:              RuntimeError: {exc}")
    # The predicate is checked first, and a true one returns before any lock check.
    returned = cond.wait_for(lambda: True, timeout=1)
    print(f"wait_for(true predicate) without it:  returned {returned}")
    # An RLock knows its owner; a plain Lock only knows that someone holds it.
    print(f"notify(), Condition(RLock()) held by another thread: "
          f"{notify_while_another_thread_holds(threading.RLock())}")
    print(f"notify(), Condition(Lock()) held by another thread:  "
          f"{notify_while_another_thread_holds(threading.Lock())}")
