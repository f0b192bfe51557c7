"""Queue.shutdown() (3.13+) ends producers and consumers without sentinels."""
import asyncio


async def consume(name, jobs, done):
    while True:
        try:
            n = await jobs.get()
        except asyncio.QueueShutDown:
            return name  # shut down *and* empty: nothing left to do
        done.append(n)
        jobs.task_done()


async def main():
    # Graceful: items already queued are still handed out.
    jobs = asyncio.Queue()
    for n in range(5):
        jobs.put_nowait(n)
    done = []
    consumers = [asyncio.create_task(consume(f"c{i}", jobs, done)) for i in range(2)]
    jobs.shutdown()
    try:
        jobs.put_nowait(99)
    except asyncio.QueueShutDown:
        print("put after shutdown: QueueShutDown")
    finished = await asyncio.wait_for(asyncio.gather(*consumers), timeout=5)
    print("graceful: processed", sorted(done), "then", sorted(finished), "returned")

    # Immediate: the queue is emptied at once and waiting getters are woken.
    urgent = asyncio.Queue()
    for n in range(5):
        urgent.put_nowait(n)
    in_progress = urgent.get_nowait()  # a consumer is busy with this one
    urgent.shutdown(immediate=True)
    print("immediate: items left", urgent.qsize())
    # The discarded items count as done; the one in progress does not.
    try:
        await asyncio.wait_for(urgent.join(), timeout=0.1)
    except TimeoutError:
        print("immediate: join() still waits for item", in_progress)
    urgent.task_done()
    await asyncio.wait_for(urgent.join(), timeout=5)
    print("immediate: join() returned after its task_done()")
    try:
        await asyncio.wait_for(urgent.get(), timeout=5)
    except asyncio.QueueShutDown:
        print("get after immediate shutdown: QueueShutDown")


if __name__ == "__main__":
    asyncio.run(main())
