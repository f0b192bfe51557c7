"""multiprocessing.connection.wait() watches many pipe ends at once, with one timeout."""
import multiprocessing
from multiprocessing.connection import wait


def count_up(n, conn):
    for i in range(1, n + 1):
        conn.send((n, i))
    conn.close()  # the parent sees EOF on its end once this copy is closed


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    readers, children = [], []
    for n in (2, 3, 4):
        reader, writer = ctx.Pipe(duplex=False)
        child = ctx.Process(target=count_up, args=(n, writer))
        child.start()
        writer.close()  # keep no copy of the write end here, or EOF never comes
        readers.append(reader)
        children.append(child)

    received = []
    while readers:
        ready = wait(readers, timeout=10)
        if not ready:
            raise SystemExit("no pipe became ready within 10 s")
        for conn in ready:
            try:
                received.append(conn.recv())
            except EOFError:  # that child is done and closed its end
                conn.close()
                readers.remove(conn)
    for child in children:
        child.join(10)

    print(f"messages received: {len(received)}")
    for n in (2, 3, 4):
        print(f"from child {n}: {[i for m, i in received if m == n]}")
    print(f"exit codes: {[c.exitcode for c in children]}")
