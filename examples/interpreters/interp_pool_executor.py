"""InterpreterPoolExecutor: the executor API, each worker an interpreter in a thread."""
from concurrent import interpreters
from concurrent.futures import InterpreterPoolExecutor


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = 3 * n + 1 if n % 2 else n // 2
        steps += 1
    return steps


def where_am_i():
    # __name__ tells which copy of this file the function came from.
    return interpreters.get_current().id, __name__


if __name__ == "__main__":
    numbers = [27, 97, 871, 6171, 77031]
    with InterpreterPoolExecutor(max_workers=2) as pool:
        steps = list(pool.map(collatz_steps, numbers, timeout=30))
        interp_id, module = pool.submit(where_am_i).result(timeout=30)
    for n, s in zip(numbers, steps):
        print(f"{n:>6} reaches 1 in {s} steps")
    print(f"a task ran outside the main interpreter: {interp_id != 0}, "
          f"in a module named {module!r}")
    # The pool closed its interpreters on leaving the with-block.
    print("interpreters left:", [i.id for i in interpreters.list_all()])
