"""What an interpreter queue shares, copies, or refuses with NotShareableError."""
import threading
from concurrent import interpreters


def receive_and_change(inbox, outbox, count):
    # Runs in the subinterpreter: take each item, try to change it, say what it was.
    for _ in range(count):
        item = inbox.get(timeout=5)
        if isinstance(item, (list, bytearray)):
            item.append(0)
        elif isinstance(item, dict):
            item["changed"] = True
        elif isinstance(item, memoryview):
            item[0] = ord("X")  # writes into the buffer the main interpreter owns
        elif isinstance(item, interpreters.Queue):
            item.put("put by the subinterpreter", timeout=5)
        outbox.put(type(item).__name__, timeout=5)


if __name__ == "__main__":
    shared_queue = interpreters.create_queue()
    buffer = bytearray(b"ab")
    values = {
        "None": None,
        "int": 42,
        "str": "text",
        "bytes": b"raw",
        "tuple": (1, "two"),
        "list": [1, 2],
        "dict": {"k": 1},
        "bytearray": bytearray(b"ab"),
        "memoryview": memoryview(buffer),
        "Queue": shared_queue,
    }
    inbox, outbox = interpreters.create_queue(), interpreters.create_queue()
    for value in values.values():
        inbox.put(value, timeout=5)
    interp = interpreters.create()
    try:
        interp.call(receive_and_change, inbox, outbox, len(values))
        # Read what it put before closing it: see "Closing interpreters".
        arrivals = [outbox.get(timeout=5) for _ in values]
        from_shared = shared_queue.get(timeout=5)
    finally:
        interp.close()

    print(f"{'sent':<11}{'is_shareable':<14}{'arrived as':<12}change seen by the sender")
    for (name, value), arrived in zip(values.items(), arrivals):
        if name == "memoryview":
            seen = f"yes: buffer is now {bytes(buffer)!r}"
        elif name == "Queue":
            seen = f"yes: it held {from_shared!r}"
        elif name in ("list", "dict", "bytearray"):
            seen = f"no: still {value!r}"
        else:
            seen = "(immutable)"
        print(f"{name:<11}{str(interpreters.is_shareable(value)):<14}{arrived:<12}{seen}")

    # What cannot be pickled and is not shareable is refused at put().
    try:
        inbox.put(threading.Lock(), timeout=5)
    except interpreters.NotShareableError as e:
        print("put(threading.Lock()): NotShareableError, a TypeError:",
              isinstance(e, TypeError))
    # prepare_main() takes only shareable objects: no pickle fallback there.
    interp = interpreters.create()
    try:
        interp.prepare_main(data=[1, 2])
    except interpreters.NotShareableError:
        print("prepare_main(data=[1, 2]): NotShareableError")
    # is_shareable() looks at the outer type only: a tuple passes, whatever it holds.
    mixed = (1, [2])
    try:
        interp.prepare_main(data=mixed)
    except interpreters.NotShareableError:
        shareable = interpreters.is_shareable(mixed)
        print(f"is_shareable((1, [2])) is {shareable}, yet prepare_main() refuses it")
    finally:
        interp.close()
