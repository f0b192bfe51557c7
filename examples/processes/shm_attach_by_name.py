"""A child attaches to a SharedMemory block by name; the creator closes and unlinks it."""
import multiprocessing
from multiprocessing import shared_memory


def shout(name, length):
    # Attach (create=False is the default) to the block the parent made.
    block = shared_memory.SharedMemory(name=name)
    try:
        data = bytes(block.buf[:length])
        block.buf[:length] = data.upper()
    finally:
        block.close()      # this process's mapping only; the block lives on


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    message = b"hello from the parent"
    block = shared_memory.SharedMemory(create=True, size=len(message))
    try:
        block.buf[:len(message)] = message
        # Only the name crosses to the child: the bytes stay where they are.
        child = ctx.Process(target=shout, args=(block.name, len(message)))
        child.start()
        child.join(timeout=10)
        assert child.exitcode == 0, child.exitcode
        print(bytes(block.buf[:len(message)]).decode())
    finally:
        block.close()      # unmap in this process
        block.unlink()     # destroy the block: once, by its owner
