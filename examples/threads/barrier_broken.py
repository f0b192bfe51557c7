"""abort() or a timeout breaks a Barrier: waiters get BrokenBarrierError until reset()."""
import threading


def waiter(barrier, outcomes, lock):
    try:
        barrier.wait(timeout=5)
        outcome = "passed"
    except threading.BrokenBarrierError:
        outcome = "BrokenBarrierError"
    with lock:
        outcomes.append(outcome)


def run_waiters(barrier, count):
    outcomes, lock = [], threading.Lock()
    args = (barrier, outcomes, lock)
    threads = [threading.Thread(target=waiter, args=args) for _ in range(count)]
    return threads, outcomes


if __name__ == "__main__":
    # 1. Three parties expected, two arrive, the third gives up: abort().
    # Whether a waiter is already waiting or arrives after the abort, it
    # gets the same exception, so the outcome does not depend on timing.
    barrier = threading.Barrier(3)
    threads, outcomes = run_waiters(barrier, 2)
    for t in threads:
        t.start()
    barrier.abort()
    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive()
    print("after abort():", outcomes, "broken =", barrier.broken)

    # 2. A timeout breaks the barrier too, for every party, not only the
    # one that timed out.
    pair = threading.Barrier(2)
    try:
        pair.wait(timeout=0.1)  # the second party never comes
    except threading.BrokenBarrierError:
        print("wait(timeout=0.1) alone: BrokenBarrierError, broken =", pair.broken)

    # 3. reset() repairs it for the next round.
    pair.reset()
    threads, outcomes = run_waiters(pair, 2)
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive()
    print("after reset():", outcomes, "broken =", pair.broken)
