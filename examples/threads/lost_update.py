"""Two threads each add one to a shared counter, and one update is lost every run."""
import threading


def add_one(box, barrier):
    seen = box["count"]      # read
    # Both threads have read the old value before either writes: the
    # barrier makes the unlucky interleaving happen on every run.
    barrier.wait(timeout=5)
    box["count"] = seen + 1  # write back what we read, plus one


if __name__ == "__main__":
    box = {"count": 0}
    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=add_one, args=(box, barrier)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive()
    print("two increments, counter =", box["count"])
