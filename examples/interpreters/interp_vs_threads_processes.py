"""A task in thread, interpreter and process pools: what each shares with the caller."""
import os
from concurrent.futures import (InterpreterPoolExecutor, ProcessPoolExecutor,
                                ThreadPoolExecutor)

seen = []  # a module global: the caller's copy is what the last column looks at


def task(n):
    seen.append(n)  # lands in whichever copy of this module the task runs in
    return n * n, os.getpid()


if __name__ == "__main__":
    print(f"{'executor':<25}{'results':<15}{'same process':<14}caller's global changed")
    for kind in (ThreadPoolExecutor, InterpreterPoolExecutor, ProcessPoolExecutor):
        seen.clear()
        with kind(max_workers=2) as pool:
            answers = list(pool.map(task, range(4), timeout=60))
        results = [square for square, _ in answers]
        same_process = all(pid == os.getpid() for _, pid in answers)
        print(f"{kind.__name__:<25}{str(results):<15}"
              f"{str(same_process):<14}{len(seen) > 0}")
