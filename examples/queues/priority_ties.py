"""Equal priorities make PriorityQueue compare the payloads themselves."""
import queue

if __name__ == "__main__":
    q = queue.PriorityQueue()
    q.put((1, {"job": "resize"}), timeout=1)
    try:
        q.put((1, {"job": "email"}), timeout=1)  # 1 == 1, so the dicts get compared
    except TypeError as exc:
        print("TypeError:", exc)
    # The failed put() has left its item in the heap without counting it as a task.
    print("after the failed put(): qsize() =", q.qsize(),
          "| unfinished tasks =", q.unfinished_tasks)

    q = queue.PriorityQueue()
    for name in ("zebra", "apple", "mango"):  # all with the same priority
        q.put((1, name), timeout=1)
    print("put order: zebra, apple, mango | get order:",
          [q.get(timeout=1)[1] for _ in range(3)])
