"""Holding get_lock() around the whole read-modify-write makes v.value += 1 safe."""
import multiprocessing

ROUNDS = 10_000


def increment(counter, start_together):
    start_together.wait(timeout=10)      # make both processes run at once
    for _ in range(ROUNDS):
        # One acquisition covers the read and the write. The lock is an
        # RLock, so the accesses inside take it again without deadlock.
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    counter = ctx.Value("i", 0)
    start_together = ctx.Barrier(2)

    children = [ctx.Process(target=increment, args=(counter, start_together))
                for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=30)
        assert child.exitcode == 0, child.exitcode

    print("expected", 2 * ROUNDS, "got", counter.value)
