"""A Semaphore(3) lets at most three of six workers into a section at once."""
import threading

LIMIT = 3


def worker(slots, crowd, stats, lock):
    if not slots.acquire(timeout=5):
        raise RuntimeError("no free slot within 5 s")
    try:
        with lock:
            stats["inside"] += 1
            stats["most"] = max(stats["most"], stats["inside"])
        # Hold the slot until LIMIT workers are inside together, so the
        # fullest case happens on every run instead of by luck.
        crowd.wait(timeout=5)
        with lock:
            stats["inside"] -= 1
    finally:
        slots.release()


if __name__ == "__main__":
    slots = threading.Semaphore(LIMIT)
    crowd = threading.Barrier(LIMIT)
    lock = threading.Lock()
    stats = {"inside": 0, "most": 0}
    workers = [
        threading.Thread(target=worker, args=(slots, crowd, stats, lock))
        for _ in range(6)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=10)
        assert not w.is_alive()
    print("workers: 6, limit:", LIMIT)
    print("most inside at once:", stats["most"])
    print("inside at the end:", stats["inside"])
