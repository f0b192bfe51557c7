"""initializer/initargs run once in each worker, to set up state every task can reuse."""
import multiprocessing

# Per-worker state. Each worker process has its own copy of this module,
# so this global is private to the worker that set it.
_prices = None


def load_prices(prices):
    # Runs once per worker, before its first task: pay for setup once,
    # not once per task.
    global _prices
    _prices = dict(prices)


def price_of(item):
    return item, _prices[item]


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    prices = {"apple": 3, "pear": 4, "plum": 2}
    items = ["plum", "apple", "pear", "apple"]

    # ProcessPoolExecutor takes the same two arguments, with the same names.
    with ctx.Pool(2, initializer=load_prices, initargs=(prices,)) as pool:
        print(pool.map_async(price_of, items).get(timeout=30))
