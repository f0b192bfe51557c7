"""How a mechanism of each kind is run, and the catalogue they register in.

A mechanism is a small class in mechanisms.py (or limits.py, for the
limits) that subclasses one of the kinds below and fills in only what is
its own: how to make its channel, or its resources and the two ends of
them. The kind supplies the rest: the consumer (a thread, a task, a child
process, another interpreter), the set-up outside the clock, the clean-up,
and a ``round(metric, payload, n)`` for the timing loop (timing.py).

Adding a mechanism is one class with the ``@register`` decorator.
"""
import asyncio
import faulthandler
import os
import sys
import threading
import time

from timing import BUDGET, SETUP_TIMEOUT, consume, produce

CATALOG = {}  # id -> Mechanism instance, in the order the modules define them


def register(cls):
    CATALOG[cls.id] = cls()
    return cls


def catalog():
    """Every mechanism, limits first within each family (importing registers them)."""
    import limits  # noqa: F401
    import mechanisms  # noqa: F401

    return CATALOG


class Mechanism:
    id = label = group = how = None
    limit = None  # the id of this mechanism's limit; None: this row IS a limit
    where = None  # where the consumer runs: thread, coroutine, inline, process, interpreter
    requires = None  # the least Python version, e.g. (3, 14)

    def unavailable(self):
        """Why this mechanism cannot run here, or None."""
        if self.requires and sys.version_info < self.requires:
            return "needs Python %s or newer; this run used %s" % (
                ".".join(map(str, self.requires)), ".".join(map(str, sys.version_info[:3])))
        return None

    def open(self, ctx, env):
        """Set up outside the clock; return an object with round(metric, payload, n) and close()."""
        raise NotImplementedError


class Opened:
    """What open() returns when there is nothing to clean up."""

    def __init__(self, round_, close=lambda: None):
        self.round, self.close = round_, close


# ---------------------------------------------------------------------------
# Threads of one process: the channel has put() and get().


class ThreadMechanism(Mechanism):
    where = "thread"

    def channel(self):
        raise NotImplementedError

    def open(self, ctx, env):
        return Opened(self.round)

    def round(self, metric, payload, n):
        fwd, back = self.channel(), self.channel()
        ready = threading.Event()
        result = {}

        def consumer(recv, send):
            ready.set()
            result["last"] = len(consume(metric, n, send, recv))

        worker = threading.Thread(target=consumer, args=(fwd.get, back.put), daemon=True)
        worker.start()
        if not ready.wait(SETUP_TIMEOUT):
            raise RuntimeError("consumer thread did not start")
        out, _ = produce(metric, n, payload, fwd.put, back.get, finish=lambda: worker.join(BUDGET))
        if worker.is_alive() or result.get("last") != len(payload):
            raise RuntimeError("%s: consumer thread failed" % self.id)
        return out


# ---------------------------------------------------------------------------
# Coroutines of one event loop.


class CoroutineMechanism(Mechanism):
    where = "coroutine"
    awaits_put = True  # False: put() is a plain call (the producer wraps it in a coroutine)

    def channel(self, loop):
        raise NotImplementedError

    def open(self, ctx, env):
        return Opened(self.round)

    def round(self, metric, payload, n):
        awaits_put = self.awaits_put

        async def main():
            loop = asyncio.get_running_loop()
            fwd, back = self.channel(loop), self.channel(loop)
            clock = time.perf_counter

            async def consumer():
                msg = None
                for _ in range(n):
                    msg = await fwd.get()
                    if metric == "latency":
                        if awaits_put:
                            await back.put(msg)
                        else:
                            back.put(msg)
                return len(msg)

            task = asyncio.ensure_future(consumer())
            await asyncio.sleep(0)  # let the consumer reach its first get()
            if awaits_put:
                put = fwd.put
            else:
                async def put(item, _put=fwd.put):
                    _put(item)
            if metric == "throughput":
                t0 = clock()
                for _ in range(n):
                    await put(payload)
                last = await task
                out = clock() - t0
            else:
                out = []
                get = back.get
                for _ in range(n):
                    t0 = clock()
                    await put(payload)
                    await get()
                    out.append(clock() - t0)
                last = await task
            if last != len(payload):
                raise RuntimeError("%s: consumer task failed" % self.id)
            return out

        return asyncio.run(asyncio.wait_for(main(), BUDGET))


# ---------------------------------------------------------------------------
# One thread, no consumer at all (the shared-memory floor).


class InlineMechanism(Mechanism):
    where = "inline"

    def open(self, ctx, env):
        return Opened(self.round)

    def round(self, metric, payload, n):
        raise NotImplementedError


# ---------------------------------------------------------------------------
# An executor: submit() is the send, the future's result() the receive.


class ExecutorMechanism(Mechanism):
    def executor(self):
        raise NotImplementedError

    def open(self, ctx, env):
        ex = self.executor()
        ex.submit(len, b"").result(SETUP_TIMEOUT)  # the worker (and its interpreter) starts here

        def round_(metric, payload, n):
            # throughput: n calls of len(payload) queued at once, done when the
            # last one is (one worker runs them in order); latency: one call
            # of bytes(payload), which returns the payload, there and back.
            futures = []
            if metric == "throughput":
                send = lambda msg: futures.append(ex.submit(len, msg))  # noqa: E731
            else:
                send = lambda msg: futures.append(ex.submit(bytes, msg))  # noqa: E731
            out, last = produce(metric, n, payload, send, lambda: futures.pop().result(),
                                finish=lambda: futures[-1].result() if futures else len(payload))
            if last != len(payload) and not isinstance(last, bytes):
                raise RuntimeError("%s: worker returned %r" % (self.id, last))
            return out

        return Opened(round_, lambda: ex.shutdown(wait=True))


# ---------------------------------------------------------------------------
# Between processes: the parent is the producer, a child the consumer. Each
# mechanism makes the resources both ends need, and an end for each side
# whose pair(size) gives a send(msg) and a recv() -> msg.


class End:
    """One side's send/recv; subclasses set self.closers for what they opened."""

    def __init__(self):
        self.closers = []

    def pair(self, size):
        raise NotImplementedError

    def close(self):
        for close in reversed(self.closers):
            close()


class ProcessMechanism(Mechanism):
    where = "process"
    accept_first = False  # True: the parent's end must exist before the child can attach

    def resources(self, ctx, env):
        """Return (parent_part, child_part, cleanup); the child part is pickled to the child."""
        raise NotImplementedError

    def end(self, role, part):
        """The End of `role` ("parent" or "child") over its part of the resources."""
        raise NotImplementedError

    def open(self, ctx, env):
        return ProcessPeer(ctx, self, env)


def child_main(mech_id, ctrl, part):
    """The consumer process: obey commands from the parent until told to stop."""
    faulthandler.dump_traceback_later(BUDGET, exit=True)
    ends = catalog()[mech_id].end("child", part)
    try:
        ctrl.send("attached")
        while True:
            faulthandler.dump_traceback_later(BUDGET, exit=True)
            cmd = ctrl.recv()
            if cmd[0] == "stop":
                break
            metric, size, n = cmd
            send, recv = ends.pair(size)
            ctrl.send("ready")
            ctrl.send(("done", len(consume(metric, n, send, recv))))
    finally:
        faulthandler.cancel_dump_traceback_later()
        ends.close()
        ctrl.close()


def settle_threads(timeout=2.0):
    """Wait until the OS has reaped threads that Python already joined.

    Python 3.12+ warns when a process with threads forks, and it counts the
    threads the kernel still lists: a thread whose join() has returned can
    be listed for a few more microseconds. Only matters for --start-method fork.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if len(os.listdir("/proc/self/task")) <= 1:
                return
        except OSError:
            return  # not Linux: nothing to look at
        time.sleep(0.001)


class ProcessPeer:
    """A consumer child for one mechanism, started before any clock runs."""

    def __init__(self, ctx, mech, env):
        self.mech_id = mech.id
        if ctx.get_start_method() == "fork":
            settle_threads()
        parent_part, child_part, self.cleanup = mech.resources(ctx, env)
        self.ctrl, child_ctrl = ctx.Pipe()
        self.proc = ctx.Process(target=child_main, args=(mech.id, child_ctrl, child_part), daemon=True)
        self.proc.start()
        child_ctrl.close()
        try:
            if mech.accept_first:
                self.ends = mech.end("parent", parent_part)
                self._expect("attached")
            else:
                self._expect("attached")
                self.ends = mech.end("parent", parent_part)
        except BaseException:
            self.proc.kill()
            self.proc.join(SETUP_TIMEOUT)
            self.cleanup()
            raise

    def _expect(self, word):
        if not self.ctrl.poll(BUDGET):
            raise RuntimeError("%s: child did not answer" % self.mech_id)
        reply = self.ctrl.recv()
        if reply != word and not (isinstance(reply, tuple) and reply[0] == word):
            raise RuntimeError("%s: child said %r" % (self.mech_id, reply))
        return reply

    def round(self, metric, payload, n):
        size = len(payload)
        send, recv = self.ends.pair(size)
        self.ctrl.send((metric, size, n))
        self._expect("ready")
        # The consumer's "done" comes once it holds the last message.
        out, reply = produce(metric, n, payload, send, recv, finish=lambda: self._expect("done"))
        if reply[1] != size:
            raise RuntimeError("%s: consumer got %d bytes, not %d" % (self.mech_id, reply[1], size))
        return out

    def close(self):
        try:
            try:
                self.ctrl.send(("stop",))
            except OSError:
                pass  # the child is gone already; its exit code says why
            self.proc.join(SETUP_TIMEOUT)
            if self.proc.exitcode is None:
                self.proc.kill()
                self.proc.join(SETUP_TIMEOUT)
            if self.proc.exitcode != 0:
                raise RuntimeError("%s: child exit code %s" % (self.mech_id, self.proc.exitcode))
        finally:
            self.ends.close()
            self.ctrl.close()
            self.cleanup()
            self.proc.close()


# ---------------------------------------------------------------------------
# Between interpreters of one process (3.14+): the consumer runs a script in
# a second interpreter, in a thread of its own; commands and "done" travel
# on an os.pipe (file descriptors are plain ints that any interpreter can
# use), never on the channel being measured.


CONSUMER_SCRIPT = """\
import os
while True:
    cmd = os.read(ctrl_r, 64).decode()
    if cmd == "stop":
        break
    metric, n = cmd.split()
    msg = None
    for _ in range(int(n)):
        msg = recv()
        if metric == "latency":
            send(msg)
    os.write(done_w, b"%d\\n" % len(msg))
"""


class InterpreterMechanism(Mechanism):
    where = "interpreter"
    requires = (3, 14)

    def channels(self):
        """Return (to_consumer, from_consumer): the two objects the consumer gets from and puts to."""
        raise NotImplementedError

    def open(self, ctx, env):
        from concurrent import interpreters

        fwd, back = self.channels()
        ctrl_r, ctrl_w = os.pipe()
        done_r, done_w = os.pipe()
        interp = interpreters.create()
        # In the consumer's interpreter: recv() takes from fwd, send() puts to back.
        interp.prepare_main(fwd=fwd, back=back, ctrl_r=ctrl_r, done_w=done_w)
        interp.exec("recv, send = fwd.get, back.put")
        failed = []

        def serve():
            try:
                interp.exec(CONSUMER_SCRIPT)
            except Exception as exc:  # ExecutionFailed: reported by round()/close()
                failed.append(exc)
                os.write(done_w, b"failed\n")

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        done = os.fdopen(done_r, "rb", buffering=0)

        def finish():
            line = done.readline()
            if failed or not line.strip().isdigit():
                raise RuntimeError("%s: consumer interpreter failed: %s" % (self.id, failed))
            return int(line)

        def round_(metric, payload, n):
            os.write(ctrl_w, ("%s %d" % (metric, n)).encode())
            out, last = produce(metric, n, payload, fwd.put, back.get, finish)
            if last != len(payload):
                raise RuntimeError("%s: consumer got %d bytes" % (self.id, last))
            return out

        def close():
            os.write(ctrl_w, b"stop")
            thread.join(SETUP_TIMEOUT)
            alive = thread.is_alive()
            if not alive:
                interp.close()
            done.close()
            for fd in (ctrl_r, ctrl_w, done_w):
                os.close(fd)
            if alive or failed:
                raise RuntimeError("%s: consumer interpreter did not stop cleanly: %s" % (self.id, failed))

        return Opened(round_, close)
