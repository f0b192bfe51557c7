"""asyncio.to_thread() runs blocking code in a thread so the event loop keeps running."""
import asyncio
import threading


def wait_for_signal(signal, timeout):
    """Blocking code: returns True only if someone set the event in time."""
    return signal.wait(timeout)


async def main():
    loop = asyncio.get_running_loop()
    # asyncio debug mode (on under -X dev) logs any step that holds the loop
    # longer than this. Blocking the loop is this example's point, so allow it.
    loop.slow_callback_duration = 5

    # Called directly, the blocking function holds the loop: the callback
    # that would set the event cannot run until it returns.
    signal = threading.Event()
    loop.call_soon(signal.set)
    print("called on the loop:  ", wait_for_signal(signal, 0.05))
    await asyncio.sleep(0)  # now the loop gets its turn
    print("event set afterwards:", signal.is_set())

    # In a worker thread, the loop stays free to run the callback.
    signal = threading.Event()
    loop.call_soon(signal.set)
    got = await asyncio.wait_for(
        asyncio.to_thread(wait_for_signal, signal, 5), timeout=10
    )
    print("run with to_thread():", got)


if __name__ == "__main__":
    asyncio.run(main())
