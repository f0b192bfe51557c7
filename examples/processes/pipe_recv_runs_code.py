"""recv() unpickles, and unpickling calls whatever function the sender named."""
import multiprocessing
import os


class Innocent:
    """Looks like data; its pickle says "call os.getpid() on arrival"."""

    def __reduce__(self):
        return (os.getpid, ())  # a harmless stand-in for os.system & co.


def sender(conn):
    conn.send(Innocent())
    conn.close()


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=sender, args=(writer,))
    child.start()
    writer.close()
    received = reader.recv() if reader.poll(10) else None
    child.join(10)
    reader.close()
    print(f"recv() returned an {type(received).__name__}, not an Innocent")
    ran_here = received == os.getpid()
    print(f"it is the receiver's own pid, so the call ran here: {ran_here}")
    print(f"child exit code: {child.exitcode}")
