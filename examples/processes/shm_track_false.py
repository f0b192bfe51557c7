"""track=False (3.13+): an unrelated process attaches without destroying the block."""
import subprocess
import sys
from multiprocessing import shared_memory

# A separate Python program, not a multiprocessing child: it has its own
# resource tracker. With the default track=True that tracker would unlink
# the block when the program exits, as if it had leaked it.
READER = """
import sys
from multiprocessing import shared_memory
block = shared_memory.SharedMemory(name=sys.argv[1], track=False)
print(bytes(block.buf[:5]).decode())
block.close()
"""


def still_exists(name):
    try:
        shared_memory.SharedMemory(name=name).close()
    except FileNotFoundError:
        return False
    return True


if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=5)
    try:
        block.buf[:5] = b"hello"
        reader = subprocess.run(
            [sys.executable, "-c", READER, block.name],
            capture_output=True, text=True, timeout=30,
        )
        assert reader.returncode == 0, reader.stderr
        print("reader printed:", reader.stdout.strip())
        print("reader stderr empty:", reader.stderr == "")
        print("block survives the reader:", still_exists(block.name))
    finally:
        block.close()
        block.unlink()
