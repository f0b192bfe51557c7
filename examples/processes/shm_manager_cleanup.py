"""SharedMemoryManager unlinks every block it created when its with-block ends."""
import multiprocessing
from multiprocessing import shared_memory
from multiprocessing.managers import SharedMemoryManager

COUNT = 5


def double_all(name):
    block = shared_memory.SharedMemory(name=name)
    # View the bytes as C ints. A view must be released before close(),
    # or close() raises BufferError ("exported pointers exist").
    numbers = block.buf.cast("i")
    try:
        for i in range(COUNT):
            numbers[i] *= 2
    finally:
        numbers.release()
        block.close()


def still_exists(name):
    try:
        shared_memory.SharedMemory(name=name).close()
    except FileNotFoundError:
        return False
    return True


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with SharedMemoryManager(ctx=ctx) as smm:
        block = smm.SharedMemory(size=4 * COUNT)   # created by the manager
        numbers = block.buf.cast("i")
        for i in range(COUNT):
            numbers[i] = i + 1

        child = ctx.Process(target=double_all, args=(block.name,))
        child.start()
        child.join(timeout=10)
        assert child.exitcode == 0, child.exitcode

        print("doubled in the child:", numbers.tolist())
        numbers.release()
        block.close()        # our mapping; unlinking is the manager's job
        name = block.name
        print("exists inside the with-block:", still_exists(name))
    print("exists after the with-block:", still_exists(name))
