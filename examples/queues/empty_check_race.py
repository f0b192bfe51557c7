"""empty() can be stale when it returns: checking it before get_nowait() races."""
import queue
import threading


def check_then_get(q, both_checked, outcomes):
    if not q.empty():  # true for both threads: one item is there
        both_checked.wait(timeout=5)  # force the interleaving that timing allows anyway
        try:
            outcomes.append(q.get_nowait())
        except queue.Empty:
            outcomes.append("Empty, although empty() said False")


def get_with_timeout(q, _unused, outcomes):
    try:
        outcomes.append(q.get(timeout=0.2))  # one call, one answer: an item or Empty
    except queue.Empty:
        outcomes.append("Empty: nothing arrived within 0.2 s")


def two_consumers(target):
    q = queue.Queue()
    q.put("job-1")
    barrier = threading.Barrier(2)
    outcomes = []
    threads = [threading.Thread(target=target, args=(q, barrier, outcomes))
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive()
    return sorted(outcomes)  # which thread wins varies; the pair of outcomes does not


if __name__ == "__main__":
    print("check empty(), then get_nowait():")
    for outcome in two_consumers(check_then_get):
        print("   ", outcome)
    print("get(timeout=...), catch Empty:")
    for outcome in two_consumers(get_with_timeout):
        print("   ", outcome)
