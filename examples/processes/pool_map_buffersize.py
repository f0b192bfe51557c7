"""map(buffersize=N) reads input N tasks ahead; plain map() reads it all first."""
import concurrent.futures
import itertools
import multiprocessing


def square(n):
    return n * n


def counted(numbers, pulled):
    # Records in the parent how many inputs map() has taken so far.
    for n in numbers:
        pulled.append(n)
        yield n


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as pool:
        pulled = []
        results = pool.map(square, counted(range(1000), pulled), timeout=30)
        print(f"no buffersize: first result {next(results)}, inputs taken {len(pulled)}")
        results.close()               # cancels what has not started

        pulled = []
        results = pool.map(square, counted(itertools.count(), pulled),
                           timeout=30, buffersize=4)
        first = list(itertools.islice(results, 5))
        print(f"buffersize=4: first five {first}, inputs taken {len(pulled)}")
        results.close()               # an endless input, and still no runaway
