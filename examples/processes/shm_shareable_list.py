"""ShareableList: a fixed-length list of small values in a SharedMemory block."""
import multiprocessing
from multiprocessing import shared_memory


def update(name):
    scores = shared_memory.ShareableList(name=name)
    try:
        scores[0] = "done"          # fits: no longer than the original "ready"
        scores[1] += 5              # in place; still a read then a write
        scores[2] = None            # any slot may become None
    finally:
        scores.shm.close()          # a ShareableList has no close() of its own


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    scores = shared_memory.ShareableList(["ready", 10, 2.5, True, b"ok"])
    try:
        child = ctx.Process(target=update, args=(scores.shm.name,))
        child.start()
        child.join(timeout=10)
        assert child.exitcode == 0, child.exitcode
        print(list(scores))
        print("length is fixed:", len(scores))
        try:
            scores[0] = "a string longer than the slot"
        except ValueError as exc:
            print("ValueError:", exc)
    finally:
        scores.shm.close()
        scores.shm.unlink()
