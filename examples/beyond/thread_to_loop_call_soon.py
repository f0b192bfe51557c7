"""A plain thread feeds an asyncio.Queue through loop.call_soon_threadsafe()."""
import asyncio
import threading


def read_sensor(loop, inbox, readings):
    """Runs in a thread: blocking code that knows nothing about await."""
    for value in readings:
        # inbox.put_nowait(value) here would touch the queue from the wrong
        # thread. Hand the call to the loop instead; it runs there, in order.
        loop.call_soon_threadsafe(inbox.put_nowait, value)
    loop.call_soon_threadsafe(inbox.put_nowait, None)  # end of data


async def main():
    loop = asyncio.get_running_loop()
    inbox = asyncio.Queue()  # unbounded: call_soon_threadsafe cannot wait for room
    reader = threading.Thread(target=read_sensor, args=(loop, inbox, [3, 1, 4, 1, 5]))
    reader.start()

    total = 0
    while True:
        value = await asyncio.wait_for(inbox.get(), timeout=5)
        if value is None:
            break
        total += value
        print("got", value)
    print("total", total)

    # join() blocks, so run it off the loop, with a timeout.
    await asyncio.to_thread(reader.join, 5)
    assert not reader.is_alive()


if __name__ == "__main__":
    asyncio.run(main())
