"""SimpleQueue trades maxsize and task tracking for a put() that never blocks."""
import queue

if __name__ == "__main__":
    sq = queue.SimpleQueue()
    for name in ("maxsize", "full", "task_done", "join"):
        print(f"SimpleQueue has .{name}: {hasattr(sq, name)}")

    # block and timeout are accepted for compatibility and ignored: it is unbounded.
    sq.put("a", block=True, timeout=0)
    sq.put_nowait("b")
    print("qsize() after two puts:", sq.qsize())
    print("get():", sq.get(timeout=1), sq.get(timeout=1))
    try:
        sq.get(timeout=0.05)
    except queue.Empty:
        print("get(timeout=0.05) on an empty SimpleQueue raised Empty")
