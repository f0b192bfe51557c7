"""Pipe() ends both send and receive; Pipe(duplex=False) gives (read end, write end)."""
import multiprocessing


def doubler(conn):
    # The child's end of a duplex pipe: receive, answer on the same end.
    while True:
        n = conn.recv() if conn.poll(10) else None
        if n is None:
            break
        conn.send(n * 2)
    conn.close()


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    here, there = ctx.Pipe()  # duplex by default
    child = ctx.Process(target=doubler, args=(there,))
    child.start()
    there.close()  # the child holds its own copy of that end
    answers = []
    for n in (1, 2, 3):
        here.send(n)
        answers.append(here.recv() if here.poll(10) else "timeout")
    here.send(None)
    child.join(10)
    here.close()
    print(f"duplex: sent 1, 2, 3 and got back {answers}; "
          f"child exit code {child.exitcode}")

    reader, writer = ctx.Pipe(duplex=False)  # note the order: receive end first
    try:
        reader.send("x")
    except OSError as exc:
        print(f"one-way: reader.send() raised OSError: {exc}")
    try:
        writer.recv()
    except OSError as exc:
        print(f"one-way: writer.recv() raised OSError: {exc}")
    reader.close()
    writer.close()
