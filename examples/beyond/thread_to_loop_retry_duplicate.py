"""A timed-out run_coroutine_threadsafe() still runs; a blind retry delivers twice."""
import asyncio
import concurrent.futures
import threading


def submit_with_retry(loop, lane, drain_now, cancel_on_timeout):
    """Runs in a thread: put one order, retry once if the first try times out."""
    future = asyncio.run_coroutine_threadsafe(lane.put("order-1"), loop)
    try:
        future.result(timeout=0.2)  # the lane is full, so this times out
    except concurrent.futures.TimeoutError:
        if cancel_on_timeout:
            future.cancel()  # the put() coroutine is cancelled, not left pending
        future = asyncio.run_coroutine_threadsafe(lane.put("order-1"), loop)  # retry
        loop.call_soon_threadsafe(drain_now.set)  # only now let the loop make room
        future.result(timeout=5)
    asyncio.run_coroutine_threadsafe(lane.put(None), loop).result(timeout=5)


async def one_run(cancel_on_timeout):
    loop = asyncio.get_running_loop()
    lane = asyncio.Queue(maxsize=1)
    lane.put_nowait("earlier order")  # full: a put() must wait for room
    drain_now = asyncio.Event()
    thread = threading.Thread(
        target=submit_with_retry, args=(loop, lane, drain_now, cancel_on_timeout)
    )
    thread.start()
    await asyncio.wait_for(drain_now.wait(), timeout=10)
    received = []
    while True:
        item = await asyncio.wait_for(lane.get(), timeout=5)
        if item is None:
            break
        received.append(item)
    await asyncio.to_thread(thread.join, 5)
    assert not thread.is_alive()
    return received


async def main():
    print("retry without cancel():", await one_run(cancel_on_timeout=False))
    print("retry after cancel():  ", await one_run(cancel_on_timeout=True))


if __name__ == "__main__":
    asyncio.run(main())
