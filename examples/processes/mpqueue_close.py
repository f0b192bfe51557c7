"""After close(), this process can neither put() nor get() on that queue."""
import multiprocessing


def attempt(call):
    try:
        call()
    except ValueError:
        return "ValueError"
    return "worked"


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    q = ctx.Queue()
    q.put("last item")
    q.close()  # "this process will put no more": the feeder flushes, then ends
    q.join_thread()  # wait for that flush; only allowed after close()
    print(f"put() after close(): {attempt(lambda: q.put('more'))}")
    print(f"get() after close(): {attempt(lambda: q.get(timeout=1))}")
