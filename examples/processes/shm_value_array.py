"""Value and Array put ctypes numbers in shared memory that children write in place."""
import multiprocessing


def fill(index, squares, total):
    # Each child writes its own slot: no two processes touch the same element.
    squares[index] = index * index
    # total is shared by all children, so its read-modify-write needs the lock.
    with total.get_lock():
        total.value += index * index


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    squares = ctx.Array("i", 5)        # 'i': C int, zero-filled
    total = ctx.Value("q", 0)          # 'q': C long long
    ratio = ctx.Value("d", 0.5, lock=False)  # a bare ctypes double, no lock

    children = [ctx.Process(target=fill, args=(i, squares, total))
                for i in range(5)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=10)
        assert child.exitcode == 0, child.exitcode

    print("squares:", squares[:])
    print("total:", total.value)
    print("ratio:", ratio.value, type(ratio).__name__)
    print("Value wrapper:", type(total).__name__)
    print("has get_lock:", hasattr(total, "get_lock"), hasattr(ratio, "get_lock"))
