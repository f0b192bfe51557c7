"""Threads on one generator: serialize_iterator, synchronized_iterator, concurrent_tee."""
import threading


def numbered(items):
    # A plain generator: two threads calling next() on it at once would get
    # "ValueError: generator already executing".
    for i, item in enumerate(items):
        yield i, item


@threading.synchronized_iterator
def numbered_safe(items):
    for i, item in enumerate(items):
        yield i, item


def take_all(source, out):
    for pair in source:
        out.append(pair)          # list.append is atomic: no lock needed


def run_threads(target, args_per_thread):
    threads = [threading.Thread(target=target, args=args) for args in args_per_thread]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
        assert not t.is_alive()


if __name__ == "__main__":
    items = [f"job-{n}" for n in range(1000)]

    # One stream, four consumers: each item goes to exactly one thread.
    for label, shared in [
        ("serialize_iterator", threading.serialize_iterator(numbered(items))),
        ("synchronized_iterator", numbered_safe(items)),
    ]:
        outs = [[] for _ in range(4)]
        run_threads(take_all, [(shared, out) for out in outs])
        got = sorted(pair for out in outs for pair in out)
        print(f"{label}: {len(got)} items, each once: {got == list(enumerate(items))}")

    # One stream, every consumer sees all of it.
    copies = threading.concurrent_tee(numbered(items), n=3)
    outs = [[] for _ in copies]
    run_threads(take_all, list(zip(copies, outs)))
    print("concurrent_tee: items per copy", [len(out) for out in outs],
          "in order:", all(out == list(enumerate(items)) for out in outs))
