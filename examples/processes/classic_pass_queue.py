"""The fix: make the queue under the __main__ guard and hand it to each child."""
import multiprocessing


def report(results, name):
    # `results` is a parameter: under spawn and forkserver the child gets a
    # handle on the parent's own queue while it is being started.
    results.put(f"report from {name}")


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    results = ctx.Queue()              # made once, in the parent only
    children = [ctx.Process(target=report, args=(results, name))
                for name in ("child A", "child B")]
    for child in children:
        child.start()
    # Read before join(); sort, since the children finish in either order.
    reports = sorted(results.get(timeout=10) for _ in children)
    for child in children:
        child.join(timeout=10)
    for line in reports:
        print(f"parent got {line!r}")
    print("child exit codes:", [child.exitcode for child in children])
