"""A manager Lock, passed as an argument and held around each read-modify-write."""
import multiprocessing

SALES = 200


def sell(stock, lock, start_together):
    start_together.wait(timeout=10)
    for _ in range(SALES):
        # Hold the lock for one decrement only, not for the whole loop:
        # the sellers still interleave, but no decrement is lost. (`with
        # lock:` does the same without a timeout.)
        if not lock.acquire(timeout=10):
            raise TimeoutError("lock still held after 10 s")
        try:
            stock["apples"] -= 1
        finally:
            lock.release()


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager:
        stock = manager.dict(apples=1000)
        lock = manager.Lock()                # a plain Lock: nothing re-enters
        start_together = manager.Barrier(3)

        sellers = [ctx.Process(target=sell, args=(stock, lock, start_together))
                   for _ in range(3)]
        for seller in sellers:
            seller.start()
        for seller in sellers:
            seller.join(timeout=60)
            assert seller.exitcode == 0, seller.exitcode

        print("sold", 3 * SALES, "of 1000, apples left:", stock["apples"])
