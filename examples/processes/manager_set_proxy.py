"""SyncManager.set(), and the list and dict proxy methods added with it."""
import multiprocessing


def tag(words, seen):
    for word in words:
        seen.add(word.lower())         # one call to the server per add


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager:
        seen = manager.set()
        batches = [["Queue", "Pipe", "queue"], ["pipe", "Lock", "QUEUE"]]
        children = [ctx.Process(target=tag, args=(b, seen)) for b in batches]
        for child in children:
            child.start()
        for child in children:
            child.join(30)
        print("exit codes:", [child.exitcode for child in children])
        print("distinct words:", sorted(seen))

        log = manager.list(["a", "b"])
        snapshot = log.copy()            # a plain list, made by the server
        log.clear()
        print("list copy():", type(snapshot).__name__, snapshot,
              "after clear():", list(log))

        limits = manager.dict({"retries": 3})
        limits |= {"timeout": 10}        # in place, in the server
        merged = limits | {"retries": 5}  # a new plain dict
        print("dict |=:", dict(limits), "dict |:", type(merged).__name__, merged)
        print("dict fromkeys():", limits.fromkeys(["a", "b"], 0))
