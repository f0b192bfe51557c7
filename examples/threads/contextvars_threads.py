"""A new Thread starts with an empty context; copy_context().run carries values."""
import contextvars
import threading

request_id = contextvars.ContextVar("request_id", default="(unset)")


def report(var, label, seen):
    seen.append((label, var.get()))


def overwrite(var, seen):
    var.set("set in thread")
    seen.append(("thread after set()", var.get()))


def run_one(target, args):
    # One thread at a time, so the order of `seen` is the order of the calls.
    t = threading.Thread(target=target, args=args)
    t.start()
    t.join(timeout=5)
    assert not t.is_alive()


if __name__ == "__main__":
    seen = []
    request_id.set("req-42")
    run_one(report, (request_id, "plain Thread", seen))
    copied = contextvars.copy_context()
    run_one(copied.run, (report, request_id, "copy_context().run", seen))
    run_one(contextvars.copy_context().run, (overwrite, request_id, seen))
    for label, value in seen:
        print(label + ":", value)
    # The thread changed its copy, not ours.
    print("main thread:", request_id.get())
