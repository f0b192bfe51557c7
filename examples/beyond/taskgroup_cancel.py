"""TaskGroup.cancel() ends consumers parked in get(); the group exits without an error."""
import asyncio


async def consume(jobs, results):
    while True:
        n = await jobs.get()
        try:
            await asyncio.sleep(0)  # stands for real awaiting (I/O)
            results.append(n * n)
        finally:
            jobs.task_done()


async def main():
    jobs = asyncio.Queue(maxsize=2)
    results = []
    async with asyncio.timeout(10):
        async with asyncio.TaskGroup() as group:
            consumers = [group.create_task(consume(jobs, results)) for _ in range(3)]
            for n in range(1, 9):
                await jobs.put(n)
            await jobs.join()
            # Every job is done; the consumers wait in get() for ever.
            group.cancel()
            print("still in the group body after cancel()")   # runs: no await yet
        # The group cancelled the consumers and absorbed its own cancellation:
        # no CancelledError reaches this line.
    print("squares:", sorted(results))
    print("consumers cancelled:", [task.cancelled() for task in consumers])


if __name__ == "__main__":
    asyncio.run(main())
