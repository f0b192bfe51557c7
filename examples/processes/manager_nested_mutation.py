"""Mutating a value read from a dict proxy changes a copy: reassign it or nest proxies."""
import multiprocessing


def update(config, nested):
    # 1. Lost: config["db"] returns a *copy* of the inner dict, pickled
    #    over from the server; the assignment changes only that copy.
    config["db"]["port"] = 5433

    # 2. Works: read the copy, change it, send the whole value back.
    cache = config["cache"]
    cache["size"] = 256
    config["cache"] = cache

    # 3. Works: the inner value is itself a proxy, so the call goes to
    #    the server (supported since Python 3.6).
    nested["db"]["port"] = 5433


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager:
        config = manager.dict(db={"port": 5432}, cache={"size": 128})
        nested = manager.dict(db=manager.dict(port=5432))

        child = ctx.Process(target=update, args=(config, nested))
        child.start()
        child.join(timeout=10)
        assert child.exitcode == 0, child.exitcode

        print("in-place on a copy:", config["db"])
        print("reassigned:        ", config["cache"])
        print("nested proxy:      ", dict(nested["db"]))
