"""Manager proxies (dict, list, Namespace, Queue, Event) passed to children."""
import multiprocessing


def worker(n, squares, seen, settings, done, go):
    # Every call below is a message to the manager's server process.
    assert go.wait(timeout=10), "the parent never said go"
    squares[n] = n ** settings.power
    seen.append(n)
    done.put(n, timeout=10)


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager:         # starts the server process
        squares = manager.dict()
        seen = manager.list()
        settings = manager.Namespace(power=2)
        done = manager.Queue()
        go = manager.Event()

        children = [
            ctx.Process(target=worker,
                        args=(n, squares, seen, settings, done, go))
            for n in range(4)
        ]
        for child in children:
            child.start()
        go.set()                            # release all four at once
        finished = sorted(done.get(timeout=10) for _ in children)
        for child in children:
            child.join(timeout=10)
            assert child.exitcode == 0, child.exitcode

        print("proxy types:", type(squares).__name__, type(seen).__name__)
        print("finished:", finished)
        # The list order is the order the server received the appends: sort.
        print("seen (sorted):", sorted(seen))
        print("squares:", dict(sorted(squares.items())))
    # Leaving the with-block shut the server down; the proxies are dead now.
