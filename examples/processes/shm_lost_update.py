"""v.value += 1 is a read then a write: two processes can both read 0 and both write 1."""
import multiprocessing


def increment(counter, both_have_read):
    # This is what `counter.value += 1` does, split in two so the race is
    # forced: each access takes the built-in lock, but only for itself.
    seen = counter.value                 # read  (lock taken, then released)
    both_have_read.wait(timeout=10)      # the other process reads the same value
    counter.value = seen + 1             # write (lock taken, then released)


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    counter = ctx.Value("i", 0)          # lock=True by default
    both_have_read = ctx.Barrier(2)

    children = [ctx.Process(target=increment, args=(counter, both_have_read))
                for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=10)
        assert child.exitcode == 0, child.exitcode

    print("two increments, counter =", counter.value)
