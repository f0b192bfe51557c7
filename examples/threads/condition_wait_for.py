"""Condition.wait_for() waits for a state to become true, and returns False on timeout."""
import threading


def finish_job(cond, state):
    with cond:
        state["finished"] += 1
        # Wake the waiter so it re-checks its predicate; it decides, not us.
        cond.notify_all()


if __name__ == "__main__":
    cond = threading.Condition()
    state = {"finished": 0}
    workers = [threading.Thread(target=finish_job, args=(cond, state)) for _ in range(3)]
    for w in workers:
        w.start()

    with cond:
        # Re-checked after every notify (and before the first wait), so an
        # early notify or a spurious wake-up cannot fool it.
        all_done = cond.wait_for(lambda: state["finished"] == 3, timeout=5)
        print("all three finished:", all_done, "- finished =", state["finished"])

        never = cond.wait_for(lambda: state["finished"] == 4, timeout=0.1)
        print("waiting for a fourth, timeout=0.1:", never)

    for w in workers:
        w.join(timeout=5)
        assert not w.is_alive()
