"""An Event as a start gate: workers wait until main opens it; wait() returns a bool."""
import threading


def worker(n, gate, results, lock):
    opened = gate.wait(timeout=5)  # True if set, False if the timeout ran out
    with lock:
        results.append((n, opened, n * n))


if __name__ == "__main__":
    gate = threading.Event()
    results = []
    lock = threading.Lock()
    workers = [
        threading.Thread(target=worker, args=(n, gate, results, lock)) for n in range(3)
    ]
    for w in workers:
        w.start()

    # The gate is closed: the workers cannot have produced anything yet.
    print("gate.wait(timeout=0.1) before set():", gate.wait(timeout=0.1))
    with lock:
        print("results before the gate opens:", len(results))

    gate.set()  # one call releases every waiter, now and later
    for w in workers:
        w.join(timeout=5)
        assert not w.is_alive()
    for n, opened, square in sorted(results):
        print("worker", n, "- gate opened:", opened, "- result:", square)
    print("gate.wait(timeout=0.1) after set():", gate.wait(timeout=0.1))
