"""Producer and consumers on one asyncio.Queue, finished with task_done() and join()."""
import asyncio


async def produce(jobs, count):
    for n in range(1, count + 1):
        # A bounded queue makes put() wait: back-pressure on the producer.
        await asyncio.wait_for(jobs.put(n), timeout=5)


async def consume(name, jobs, results):
    while True:
        n = await jobs.get()
        try:
            await asyncio.sleep(0)  # stands for real awaiting (I/O)
            results.append((n, n * n, name))
        finally:
            # Once per get(), even if the work failed, or join() never returns.
            jobs.task_done()


async def main():
    jobs = asyncio.Queue(maxsize=2)
    results = []
    consumers = [
        asyncio.create_task(consume(f"c{i}", jobs, results)) for i in range(3)
    ]
    await produce(jobs, 8)
    # join() waits until every item put has been marked done...
    await asyncio.wait_for(jobs.join(), timeout=5)
    # ...but the consumers still wait in get(): cancel them, then reap them.
    for task in consumers:
        task.cancel()
    outcomes = await asyncio.wait_for(
        asyncio.gather(*consumers, return_exceptions=True), timeout=5
    )
    assert all(isinstance(o, asyncio.CancelledError) for o in outcomes)

    # Which consumer took which job is up to the scheduler; the answers are not.
    for n, square, _ in sorted(results):
        print(f"{n} -> {square}")
    print(f"{len(results)} jobs done, queue empty: {jobs.empty()}")


if __name__ == "__main__":
    asyncio.run(main())
