"""asyncio.Queue methods take no timeout: wrap them in asyncio.wait_for()."""
import asyncio


async def main():
    inbox = asyncio.Queue()

    # Nothing arrives: wait_for() cancels the get() and raises.
    try:
        await asyncio.wait_for(inbox.get(), timeout=0.1)
    except asyncio.TimeoutError:  # the builtin TimeoutError from 3.11 on
        print("get: timed out, nothing was taken")

    # A cancelled get() consumed nothing, so a later item is not lost.
    inbox.put_nowait("hello")
    print("get:", await asyncio.wait_for(inbox.get(), timeout=1))

    # The same for put() on a full queue.
    small = asyncio.Queue(maxsize=1)
    small.put_nowait("first")
    try:
        await asyncio.wait_for(small.put("second"), timeout=0.1)
    except asyncio.TimeoutError:
        print("put: timed out, queue still holds", small.qsize(), "item")

    # The non-blocking variants raise at once instead of waiting.
    try:
        inbox.get_nowait()
    except asyncio.QueueEmpty:
        print("get_nowait: QueueEmpty")


if __name__ == "__main__":
    asyncio.run(main())
