"""The same two increments with a Lock around the read and the write: none is lost."""
import threading


def add_one(box, lock, barrier):
    # Start together, exactly as in the racy version.
    barrier.wait(timeout=5)
    # The whole read-modify-write is one critical section: the other thread
    # cannot read until this one has written.
    with lock:
        seen = box["count"]
        box["count"] = seen + 1


if __name__ == "__main__":
    box = {"count": 0}
    lock = threading.Lock()
    barrier = threading.Barrier(2)
    threads = [
        threading.Thread(target=add_one, args=(box, lock, barrier)) for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive()
    print("two increments, counter =", box["count"])
