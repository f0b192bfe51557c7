"""`hits[page] += 1` on a manager dict is two calls to the server, so visits get lost."""
import multiprocessing

VISITORS = 3


class PausingKey:
    # Sent (pickled) once per proxy call, so twice by `hits[key] += 1`; by
    # waiting each time, it makes every visitor read before any writes.

    def __init__(self, page, all_here):
        self.page, self.all_here = page, all_here

    def __reduce__(self):
        self.all_here.wait(timeout=10)
        return (str, (self.page,))         # the server sees the plain string


def visit(hits, all_here):
    key = PausingKey("/home", all_here)
    hits[key] += 1     # the copied line: __getitem__, then __setitem__


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    all_here = ctx.Barrier(VISITORS)
    with ctx.Manager() as manager:
        hits = manager.dict({"/home": 0})
        visitors = [ctx.Process(target=visit, args=(hits, all_here))
                    for _ in range(VISITORS)]
        for visitor in visitors:
            visitor.start()
        for visitor in visitors:
            visitor.join(timeout=30)
        print("visitor exit codes:", [visitor.exitcode for visitor in visitors])
        print(f"{VISITORS} visits, hits['/home'] = {hits['/home']}")
