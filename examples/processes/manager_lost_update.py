"""stock["apples"] -= 1 on a dict proxy is two round trips, so decrements get lost."""
import multiprocessing


def sell_one(stock, both_have_read):
    # `stock["apples"] -= 1` runs exactly these two proxy calls:
    count = stock["apples"]              # round trip 1: __getitem__
    both_have_read.wait(timeout=10)      # the other seller reads the same count
    stock["apples"] = count - 1          # round trip 2: __setitem__


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager:
        stock = manager.dict(apples=10)
        both_have_read = manager.Barrier(2)

        sellers = [ctx.Process(target=sell_one, args=(stock, both_have_read))
                   for _ in range(2)]
        for seller in sellers:
            seller.start()
        for seller in sellers:
            seller.join(timeout=10)
            assert seller.exitcode == 0, seller.exitcode

        print("sold 2 of 10, apples left:", stock["apples"])
