"""threading.local gives each thread its own attributes: one name, separate values."""
import threading


def worker(name, data, ready, seen, lock):
    inherited = hasattr(data, "user")  # the main thread's value is not visible
    data.user = name
    # Every thread has set its value before any reads it back.
    ready.wait(timeout=5)
    with lock:
        seen.append((name, inherited, data.user))


if __name__ == "__main__":
    data = threading.local()
    data.user = "main"
    ready = threading.Barrier(3)
    seen, lock = [], threading.Lock()
    workers = [
        threading.Thread(target=worker, args=(name, data, ready, seen, lock))
        for name in ("ana", "bo", "cy")
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=5)
        assert not w.is_alive()
    for name, inherited, value in sorted(seen):
        print(name, "- saw main's value:", inherited, "- own value:", value)
    print("main still sees:", data.user)
