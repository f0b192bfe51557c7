"""A thread awaits coroutines on the event loop with run_coroutine_threadsafe()."""
import asyncio
import threading


async def lookup(prices, item):
    await asyncio.sleep(0)  # stands for an async database call
    return prices[item]


def cashier(loop, lane, prices, order, totals):
    """Runs in a thread; each call blocks this thread, never the loop."""
    total = 0
    for item in order:
        # Ask the loop to run a coroutine and wait for its result here.
        future = asyncio.run_coroutine_threadsafe(lookup(prices, item), loop)
        total += future.result(timeout=5)
        # put() on a bounded queue waits for room: back-pressure reaches the thread.
        asyncio.run_coroutine_threadsafe(lane.put(item), loop).result(timeout=5)
    totals.append(total)
    asyncio.run_coroutine_threadsafe(lane.put(None), loop).result(timeout=5)


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
