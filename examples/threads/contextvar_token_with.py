"""A ContextVar's Token is a context manager: leaving the block restores the old value."""
import contextvars

request_id = contextvars.ContextVar("request_id", default="(unset)")


def handle(name, log):
    with request_id.set(name):            # reset() on the way out, even on error
        log.append(f"inside {name}: {request_id.get()}")
        if name == "bad":
            raise ValueError(name)


if __name__ == "__main__":
    log = []
    handle("req-1", log)
    try:
        handle("bad", log)
    except ValueError:
        log.append("bad raised")
    log.append(f"afterwards: {request_id.get()}")
    print("\n".join(log))
