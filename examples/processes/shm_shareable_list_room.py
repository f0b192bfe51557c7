"""How many bytes a ShareableList keeps for each str item: 8 * (len // 8 + 1)."""
from multiprocessing import shared_memory


def room(items, index):
    """The longest ASCII string slot `index` accepts, found by trying."""
    size = 0
    while True:
        try:
            items[index] = "x" * (size + 1)
        except ValueError:
            return size
        size += 1


if __name__ == "__main__":
    created_with = ["", "1234567", "12345678", "123456789", "x" * 16]
    items = shared_memory.ShareableList(created_with)
    try:
        for index, value in enumerate(created_with):
            print(f"created with {len(value):>2} characters:"
                  f" room for {room(items, index):>2} bytes"
                  f"  (8 * ({len(value)} // 8 + 1) = {8 * (len(value) // 8 + 1)})")
    finally:
        items.shm.close()
        items.shm.unlink()
    # The room is counted in characters but filled with UTF-8 bytes.
    word = "\u00e9" * 5  # 5 characters, 10 bytes
    accents = shared_memory.ShareableList([word])
    try:
        print(f"created with {word!r}: reads back {accents[0]!r}, no error")
    finally:
        accents.shm.close()
        accents.shm.unlink()
