"""recv() raises EOFError once every copy of the sending end is closed, even ours."""
import multiprocessing


def consumer(reader, writer, close_my_writer, parent_done, report):
    # Under fork the child inherits a copy of the write end whether or not it
    # is passed; passing it makes that copy explicit under every start method.
    if close_my_writer:
        writer.close()
    parent_done.wait(10)  # the parent has sent everything and closed its end
    got, ending = [], None
    while ending is None:
        if not reader.poll(1):  # without the timeout this would wait forever
            ending = "no EOF: silence, a write end is still open"
            break
        try:
            got.append(reader.recv())
        except EOFError:
            ending = "EOFError: every write end is closed"
    report.send((got, ending))


def run(ctx, close_my_writer):
    reader, writer = ctx.Pipe(duplex=False)
    report_in, report_out = ctx.Pipe(duplex=False)
    parent_done = ctx.Event()
    child = ctx.Process(target=consumer,
                        args=(reader, writer, close_my_writer, parent_done, report_out))
    child.start()
    reader.close()  # the parent never reads from this pipe ...
    report_out.close()  # ... nor writes reports
    for word in ("one", "two", "three"):
        writer.send(word)
    writer.close()  # the parent's copy: closed
    parent_done.set()
    got, ending = report_in.recv() if report_in.poll(10) else (None, "no report")
    child.join(10)
    report_in.close()
    return got, ending, child.exitcode


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    for close_my_writer in (False, True):
        got, ending, code = run(ctx, close_my_writer)
        print(f"consumer closes its copy of the write end: {close_my_writer}")
        print(f"  received {got}, then {ending} (exit code {code})")
