"""The same puts come out in a different order from each kind of queue."""
import queue

ITEMS = [3, 1, 4, 1, 5]

if __name__ == "__main__":
    print(f"{'put order':<13} {ITEMS}")
    for kind in (queue.Queue, queue.LifoQueue, queue.PriorityQueue, queue.SimpleQueue):
        q = kind()
        for item in ITEMS:
            q.put(item)  # unbounded queues: put() never waits
        print(f"{kind.__name__:<13} {[q.get(timeout=1) for _ in ITEMS]}")
