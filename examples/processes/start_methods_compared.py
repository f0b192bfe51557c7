"""What a child process inherits under each start method this platform offers."""
import multiprocessing

# Set only when this file runs as the main program, inside the guard below.
SETTING = None


def report(conn):
    # Under fork the child is a copy of the parent's memory; under spawn and
    # forkserver it is a fresh interpreter that imported this file again.
    conn.send((__name__, SETTING))
    conn.close()


if __name__ == "__main__":
    SETTING = "set in the parent's __main__ block"
    # Choosing the method is the lesson here, so each context is explicit.
    # A fixed order (3.14 lists its new default first); Windows has spawn only.
    available = multiprocessing.get_all_start_methods()
    for method in [m for m in ("fork", "spawn", "forkserver") if m in available]:
        ctx = multiprocessing.get_context(method)
        receiver, sender = ctx.Pipe(duplex=False)
        child = ctx.Process(target=report, args=(sender,))
        child.start()
        sender.close()  # the child has its own copy now
        if not receiver.poll(10):
            raise SystemExit(f"{method}: no answer from the child")
        name, setting = receiver.recv()
        receiver.close()
        child.join(10)
        assert child.exitcode == 0, child.exitcode
        print(f"{method:<10}  module __name__ = {name!r:<14}  SETTING = {setting!r}")
