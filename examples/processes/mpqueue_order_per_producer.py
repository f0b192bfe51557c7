"""Order holds per producer only: another process's later put() can arrive first."""
import multiprocessing


class SlowToPickle:
    """Stands in for an item that takes long to pickle (a big array, say)."""

    def __init__(self, text, go):
        self.text, self.go = text, go

    def __reduce__(self):
        # Runs in the producer's feeder thread, after put() has returned.
        if not self.go.wait(10):
            raise RuntimeError("never released")
        return (str, (self.text,))


def producer_a(q, a_has_put, go):
    q.put(SlowToPickle("A1", go))
    q.put("A2")  # same producer: it will never overtake A1
    a_has_put.set()


def producer_b(q, a_has_put):
    if a_has_put.wait(10):  # so B's put() really comes after both of A's
        q.put("B1")


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    q, a_has_put, go = ctx.Queue(), ctx.Event(), ctx.Event()
    a = ctx.Process(target=producer_a, args=(q, a_has_put, go))
    b = ctx.Process(target=producer_b, args=(q, a_has_put))
    a.start()
    b.start()

    arrived = [q.get(timeout=10)]  # only B1 can be in the pipe yet
    go.set()  # now A's feeder thread may finish pickling A1
    arrived += [q.get(timeout=10), q.get(timeout=10)]
    for p in (a, b):
        p.join(10)
    print("order of put() calls: A1, A2, B1")
    print(f"order of arrival:     {', '.join(arrived)}")
    in_order = [x for x in arrived if x[0] == "A"] == ["A1", "A2"]
    print(f"A's items in A's order: {in_order}")
    print(f"exit codes: {a.exitcode}, {b.exitcode}")
