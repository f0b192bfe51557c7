"""queue.Queue cannot carry data between processes; multiprocessing.Queue can."""
import multiprocessing
import queue


def put_one(q, report):
    q.put("from the child")
    report.send(q.qsize())  # what the child's own queue holds
    report.close()


def greet(q):
    q.put("from the child")


def try_thread_queue(ctx):
    q = queue.Queue()
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=put_one, args=(q, sender))
    try:
        child.start()
    except TypeError as exc:  # the queue had to be pickled, and cannot be
        return f"start() raised TypeError: {exc}"
    finally:
        sender.close()
    in_child = receiver.recv() if receiver.poll(10) else "no answer"
    child.join(10)
    return f"child's copy holds {in_child} item; parent's queue holds {q.qsize()}"


if __name__ == "__main__":
    available = multiprocessing.get_all_start_methods()  # Windows: spawn only
    for method in [m for m in ("fork", "spawn", "forkserver") if m in available]:
        outcome = try_thread_queue(multiprocessing.get_context(method))
        print(f"queue.Queue, {method:<10}  {outcome}")

    ctx = multiprocessing.get_context()  # the platform's default method
    q = ctx.Queue()
    child = ctx.Process(target=greet, args=(q,))
    child.start()
    print(f"multiprocessing.Queue:  parent got {q.get(timeout=10)!r}")
    child.join(10)
    print(f"child exit code: {child.exitcode}")
