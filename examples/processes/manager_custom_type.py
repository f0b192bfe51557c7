"""BaseManager.register serves your own class; a method call is one atomic round trip."""
import multiprocessing
import threading
from multiprocessing.managers import BaseManager


class Stock:
    """Lives in the manager's server process; clients only hold proxies."""

    def __init__(self, **counts):
        self._counts = dict(counts)
        # The server runs each client connection in its own thread.
        self._lock = threading.Lock()

    def sell(self, item):
        # The whole read-modify-write runs inside the server, under its
        # lock: one round trip, nothing for two clients to interleave.
        with self._lock:
            self._counts[item] -= 1
            return self._counts[item]

    def count(self, item):
        with self._lock:
            return self._counts[item]


class ShopManager(BaseManager):
    pass


# Module level, a class or a def: spawn and forkserver children import this
# module and find it by name. A lambda here would not pickle.
ShopManager.register("Stock", Stock)


def seller(stock, times):
    for _ in range(times):
        stock.sell("apples")


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ShopManager(ctx=ctx) as manager:
        stock = manager.Stock(apples=1000)
        sellers = [ctx.Process(target=seller, args=(stock, 200))
                   for _ in range(3)]
        for s in sellers:
            s.start()
        for s in sellers:
            s.join(timeout=60)
            assert s.exitcode == 0, s.exitcode
        print("proxy type:", type(stock).__name__)
        print("apples left:", stock.count("apples"))
