"""join(timeout) returns None even when the thread is still running: check is_alive()."""
import threading


def worker(resource, started):
    started.set()
    # Stands for a call that cannot look at a stop flag while it waits
    # (a read on a socket, a lock held elsewhere): it ends only when the
    # resource is released, or after its own long timeout.
    got = resource.acquire(timeout=10)
    if got:
        resource.release()


if __name__ == "__main__":
    resource = threading.Lock()
    resource.acquire()  # the worker will be stuck until we release it
    started = threading.Event()
    t = threading.Thread(target=worker, args=(resource, started))
    t.start()
    assert started.wait(timeout=5)

    result = t.join(timeout=0.2)
    print("join(timeout=0.2) returned:", result)
    print("is_alive() after it:", t.is_alive())

    # There is no way to kill it. Remove what it waits on, then join again.
    resource.release()
    t.join(timeout=5)
    print("after releasing its resource, is_alive():", t.is_alive())
