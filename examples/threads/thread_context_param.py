"""Thread(context=...) picks the context a thread runs in; the flag picks the default."""
import contextvars
import sys
import threading

request_id = contextvars.ContextVar("request_id", default="(unset)")


def report(var, label, seen):
    seen.append((label, var.get()))


def run_one(seen, label, **kwargs):
    # One thread at a time, so the order of `seen` is the order of the calls.
    t = threading.Thread(target=report, args=(request_id, label, seen), **kwargs)
    t.start()
    t.join(timeout=5)
    assert not t.is_alive()


if __name__ == "__main__":
    seen = []
    request_id.set("req-42")
    run_one(seen, "context=copy_context()", context=contextvars.copy_context())
    run_one(seen, "context=Context()", context=contextvars.Context())
    for label, value in seen:
        print(f"{label}: {value}")
    # Without context=, the flag decides: false (0) on the default build,
    # true on the free-threaded one, or as set by -X thread_inherit_context.
    print("sys.flags.thread_inherit_context:", sys.flags.thread_inherit_context)
