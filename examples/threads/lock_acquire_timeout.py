"""acquire() with a timeout, or without blocking, returns False instead of waiting."""
import threading


def try_to_take(lock, answers):
    # The main thread holds the lock for the whole attempt, so this gives up.
    got = lock.acquire(timeout=0.1)
    if got:
        lock.release()
    answers.append(got)


if __name__ == "__main__":
    lock = threading.Lock()
    answers = []
    with lock:
        other = threading.Thread(target=try_to_take, args=(lock, answers))
        other.start()
        other.join(timeout=5)
        assert not other.is_alive()
        print("another thread, acquire(timeout=0.1):", answers[0])
        print("acquire(blocking=False) while held:", lock.acquire(blocking=False))
        # A Lock has no owner: the thread that holds it is refused like any
        # other. Without the timeout this line would wait for ever.
        print("the holder itself, acquire(timeout=0.1):", lock.acquire(timeout=0.1))
    print("after the with block, locked():", lock.locked())
    got = lock.acquire(blocking=False)
    print("acquire(blocking=False) when free:", got)
    lock.release()
