"""Three ways to call get() and put(): wait, wait with a timeout, or don't wait."""
import queue
import time


def attempt(label, call, timeout=None):
    start = time.monotonic()
    try:
        result = repr(call())
    except (queue.Empty, queue.Full, ValueError) as exc:
        result = f"{type(exc).__name__} {exc}".rstrip()
    if timeout is not None:
        # A timeout is a lower bound on the wait, so ">=" holds on every run.
        waited = time.monotonic() - start >= timeout
        result += f"  ({'after' if waited else 'before'} the {timeout} s timeout)"
    print(f"{label:<28} -> {result}")


if __name__ == "__main__":
    q = queue.Queue(maxsize=1)
    attempt("get_nowait() on empty", q.get_nowait)
    attempt("get(timeout=0.3) on empty", lambda: q.get(timeout=0.3), 0.3)
    # block=False wins: the timeout is ignored.
    attempt("get(False, timeout=5)", lambda: q.get(False, timeout=5), 5)
    attempt("put_nowait('a')", lambda: q.put_nowait("a"))
    attempt("put_nowait('b') on full", lambda: q.put_nowait("b"))
    attempt("put('b', timeout=0.3)", lambda: q.put("b", timeout=0.3), 0.3)
    attempt("put('b', timeout=-1)", lambda: q.put("b", timeout=-1))
    attempt("get(timeout=5) on 1 item", lambda: q.get(timeout=5), 5)
    # With block=False the timeout is never looked at, not even a negative one.
    attempt("put('c', False, timeout=-1)", lambda: q.put("c", False, timeout=-1))
    attempt("get(False, timeout=-1)", lambda: q.get(False, timeout=-1))
