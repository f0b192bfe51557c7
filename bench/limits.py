"""The limits: for each family of mechanisms, the cheapest way to do the
same job, measured in the same run so that every ratio compares numbers
from one interpreter, one machine and the same minutes.

Each limit is one class; the mechanisms measured against it name it in
their ``limit`` attribute (mechanisms.py).
"""
import collections
import os
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import shared_memory

from runners import (End, ExecutorMechanism, InlineMechanism, ProcessMechanism, ThreadMechanism,
                     CoroutineMechanism, register)
from timing import SETUP_TIMEOUT


class CondChannel:
    """A deque and a Condition: what queue.Queue does, minus its bookkeeping."""

    def __init__(self):
        self.items = collections.deque()
        self.cond = threading.Condition(threading.Lock())

    def put(self, item):
        with self.cond:
            self.items.append(item)
            self.cond.notify()

    def get(self):
        with self.cond:
            while not self.items:
                self.cond.wait()
            return self.items.popleft()


@register
class DequeCondition(ThreadMechanism):
    id, label, group = "deque_condition", "deque + Condition", "threads"
    how = ("collections.deque guarded by one threading.Condition: "
           "the two primitives queue.Queue is built from, with nothing else.")

    def channel(self):
        return CondChannel()


class FutureChannel:
    """A deque and one Future to wake a waiting coroutine: asyncio's floor."""

    def __init__(self, loop):
        self.items = collections.deque()
        self.loop = loop
        self.waiter = None

    def put(self, item):
        self.items.append(item)
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def get(self):
        while not self.items:
            self.waiter = self.loop.create_future()
            await self.waiter
        return self.items.popleft()


@register
class DequeFuture(CoroutineMechanism):
    id, label, group = "deque_future", "deque + Future", "coroutines"
    how = ("collections.deque plus one asyncio Future to wake the waiting "
           "getter: the least an asyncio handoff can do.")
    awaits_put = False

    def channel(self, loop):
        return FutureChannel(loop)


# ---------------------------------------------------------------------------
# Helpers the process mechanisms share with their limits.


def pipe_pair(ctx):
    """Two one-way pipes; each side's part is (out, in). Returns (parent, child, cleanup)."""
    fwd_r, fwd_w = ctx.Pipe(duplex=False)
    back_r, back_w = ctx.Pipe(duplex=False)

    def cleanup():
        for c in (fwd_r, fwd_w, back_r, back_w):
            c.close()

    return (fwd_w, back_r), (back_w, fwd_r), cleanup


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def read_exact(readinto, size):
    """Fill one message of ``size`` bytes with ``readinto`` (a file's or a socket's)."""
    buf = bytearray(size)
    view = memoryview(buf)
    got = 0
    while got < size:
        n = readinto(view[got:])
        if not n:
            raise EOFError("closed mid-message")
        got += n
    view.release()
    return buf


class RawPipeEnd(End):
    def __init__(self, part):
        super().__init__()
        self.out_c, self.in_c = part
        # An unbuffered file object over the same descriptor, for readinto().
        self.reader = open(self.in_c.fileno(), "rb", buffering=0, closefd=False)
        self.closers.append(self.reader.close)

    def pair(self, size):
        fd, reader = self.out_c.fileno(), self.reader
        return (lambda msg: write_all(fd, msg)), (lambda: read_exact(reader.readinto, size))


@register
class OsPipe(ProcessMechanism):
    id, label, group = "os_pipe", "os.pipe, raw bytes", "processes"
    how = ("os.write()/readinto() of the payload's bytes on a pipe, no framing, "
           "no pickling: the floor for every pipe-based mechanism.")

    def resources(self, ctx, env):
        return pipe_pair(ctx)

    def end(self, role, part):
        return RawPipeEnd(part)


@register
class Memcpy(InlineMechanism):
    id, label, group = "memcpy", "memcpy into SharedMemory", "shared memory"
    how = ("Copying the payload into a SharedMemory buffer in one process: "
           "the floor for shared memory (latency: one copy each way, no wake-up).")

    def round(self, metric, payload, n):
        size = len(payload)
        shm = shared_memory.SharedMemory(create=True, size=2 * size)
        try:
            buf, clock = shm.buf, time.perf_counter
            if metric == "throughput":
                t0 = clock()
                for _ in range(n):
                    buf[:size] = payload
                out = clock() - t0
            else:
                # A round trip moves the bytes there and back: two copies.
                out = []
                for _ in range(n):
                    t0 = clock()
                    buf[:size] = payload
                    buf[size:] = payload
                    out.append(clock() - t0)
            del buf
        finally:
            shm.close()
            shm.unlink()
        return out


class SocketEnd(End):
    def __init__(self, role, part):
        super().__init__()
        if role == "parent":
            self.sock, _ = part.accept()
        else:
            self.sock = socket.create_connection(("127.0.0.1", part), timeout=SETUP_TIMEOUT)
        self.sock.settimeout(None)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.closers.append(self.sock.close)

    def pair(self, size):
        sock = self.sock
        return sock.sendall, (lambda: read_exact(sock.recv_into, size))


@register
class TcpLoopback(ProcessMechanism):
    id, label, group = "tcp_loopback", "TCP socket, loopback", "broker"
    how = ("A TCP connection on 127.0.0.1, sendall()/recv_into() of the "
           "payload's bytes, TCP_NODELAY: the floor for a broker on this machine.")
    accept_first = True

    def resources(self, ctx, env):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(SETUP_TIMEOUT)
        return listener, listener.getsockname()[1], listener.close

    def end(self, role, part):
        return SocketEnd(role, part)


@register
class ThreadPool(ExecutorMechanism):
    id, label, group = "thread_pool", "ThreadPoolExecutor(1)", "interpreters"
    where = "thread"
    how = ("concurrent.futures.ThreadPoolExecutor with one worker: submit(), then "
           "the future's result(). InterpreterPoolExecutor is this executor with each "
           "worker in an interpreter of its own, so the gap is what that costs.")

    def executor(self):
        return ThreadPoolExecutor(1)
