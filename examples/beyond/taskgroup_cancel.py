"""TaskGroup.cancel() stops every task still running, and the group exits without an error."""
import asyncio


async def search(shard, target, found):
    for position, value in enumerate(shard):
        await asyncio.sleep(0)           # a real search would await I/O here
        if value == target:
            found.set_result(position)
            return "found it"
    return "not here"


async def main():
    shards = {"a": range(0, 1000), "b": range(1000, 2000), "c": range(2000, 3000)}
    tasks = {}
    async with asyncio.timeout(10):
        async with asyncio.TaskGroup() as group:
            found = asyncio.get_running_loop().create_future()
            for name, shard in shards.items():
                tasks[name] = group.create_task(search(shard, 1003, found))
            position = await found
            group.cancel()               # the other searches can stop now
        # No CancelledError reaches this line: the group absorbs its own cancel().
    print("found at position", position)
    for name, task in tasks.items():
        print(f"task {name}:", "cancelled" if task.cancelled() else task.result())


if __name__ == "__main__":
    asyncio.run(main())
