"""A multiprocessing.Queue cannot be a pool task's argument; a Manager().Queue() can."""
import multiprocessing


def report(n, outbox):
    outbox.put(n * 10, timeout=10)
    return n


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    # Start the manager before the pool: under fork, a process that
    # already runs the pool's threads should not fork again.
    with ctx.Manager() as manager, ctx.Pool(2) as pool:
        plain = ctx.Queue()
        try:
            # Task arguments are pickled onto the pool's task queue, and a
            # multiprocessing.Queue refuses to be pickled except while a
            # Process is being started.
            pool.apply_async(report, (1, plain)).get(timeout=10)
        except RuntimeError as exc:
            print("multiprocessing.Queue:", exc)
        finally:
            plain.close()
            plain.join_thread()

        # A manager queue is a proxy: it pickles as an address to connect to.
        managed = manager.Queue()
        done = pool.starmap_async(report, [(1, managed), (2, managed)])
        print("tasks returned:", done.get(timeout=10))
        print("Manager().Queue():", sorted(managed.get(timeout=10)
                                           for _ in range(2)))
