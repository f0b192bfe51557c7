"""One release() too many: a Semaphore grows, a BoundedSemaphore raises ValueError."""
import threading


def count_free(sem):
    """Take every free slot without blocking, then give them back."""
    taken = 0
    while sem.acquire(blocking=False):
        taken += 1
    for _ in range(taken):
        sem.release()
    return taken


if __name__ == "__main__":
    plain = threading.Semaphore(2)
    plain.release()  # a bug: nothing was acquired
    print("Semaphore(2) after an extra release, free slots:", count_free(plain))

    bounded = threading.BoundedSemaphore(2)
    try:
        bounded.release()
    except ValueError as exc:
        print("BoundedSemaphore(2), extra release: ValueError:", exc)
    print("BoundedSemaphore(2), free slots:", count_free(bounded))
