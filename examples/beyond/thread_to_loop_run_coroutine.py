"""A thread awaits coroutines on the event loop with run_coroutine_threadsafe()."""
import asyncio
import concurrent.futures
import threading


async def lookup(prices, item):
    await asyncio.sleep(0)  # stands for an async database call
    return prices[item]


def run_in_loop(coro, loop, timeout):
    """Run a coroutine on the loop and wait for its result here, in this thread."""
    future = asyncio.run_coroutine_threadsafe(coro, loop)
    try:
        return future.result(timeout)
    except concurrent.futures.TimeoutError:
        future.cancel()  # a timeout alone stops the wait, not the coroutine
        raise


def cashier(loop, lane, prices, order, totals):
    """Runs in a thread; each call blocks this thread, never the loop."""
    total = 0
    for item in order:
        total += run_in_loop(lookup(prices, item), loop, timeout=5)
        # put() on a bounded queue waits for room: back-pressure reaches the thread.
        run_in_loop(lane.put(item), loop, timeout=5)
    totals.append(total)
    run_in_loop(lane.put(None), loop, timeout=5)


async def main():
    loop = asyncio.get_running_loop()
    lane = asyncio.Queue(maxsize=1)
    prices = {"tea": 3, "bread": 2, "jam": 4}
    totals = []
    worker = threading.Thread(
        target=cashier, args=(loop, lane, prices, ["tea", "jam", "bread"], totals)
    )
    worker.start()

    while True:
        item = await asyncio.wait_for(lane.get(), timeout=5)
        if item is None:
            break
        print("packed", item)
    await asyncio.to_thread(worker.join, 5)
    assert not worker.is_alive()
    print("total", totals[0])


if __name__ == "__main__":
    asyncio.run(main())
