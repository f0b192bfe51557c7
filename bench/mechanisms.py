"""The mechanisms the guide teaches, each measured against a limit (limits.py).

One class per mechanism. It names its label, its group on the pages, its
limit, a sentence on how it is driven, and fills in what its kind
(runners.py) asks for: a channel, or resources and their two ends.
"""
import os
import queue
from multiprocessing import shared_memory

from limits import pipe_pair
from runners import (CoroutineMechanism, End, ExecutorMechanism, InterpreterMechanism, ProcessMechanism,
                     ThreadMechanism, register)
from timing import BUDGET, SIZES


# ---------------------------------------------------------------------------
# Threads and coroutines


@register
class QueueQueue(ThreadMechanism):
    id, label, group, limit = "queue_Queue", "queue.Queue", "threads", "deque_condition"
    how = "queue.Queue() (unbounded): put() and get() between two threads."

    def channel(self):
        return queue.Queue()


@register
class QueueSimpleQueue(ThreadMechanism):
    id, label, group, limit = "queue_SimpleQueue", "queue.SimpleQueue", "threads", "deque_condition"
    how = "queue.SimpleQueue(): the C implementation, no task tracking."

    def channel(self):
        return queue.SimpleQueue()


@register
class AsyncioQueue(CoroutineMechanism):
    id, label, group, limit = "asyncio_Queue", "asyncio.Queue", "coroutines", "deque_future"
    how = "asyncio.Queue() (unbounded): await put() / await get() between two tasks of one event loop."

    def channel(self, loop):
        import asyncio

        return asyncio.Queue()


# ---------------------------------------------------------------------------
# Between processes


class QueueEnd(End):
    """Two queues shared by both sides: the parent puts on the first, the child on the second."""

    def __init__(self, role, part):
        super().__init__()
        fwd, back = part
        self.out_q, self.in_q = (fwd, back) if role == "parent" else (back, fwd)

    def pair(self, size):
        return self.out_q.put, self.in_q.get


class MpQueueBase(ProcessMechanism):
    group, limit = "processes", "os_pipe"

    def make(self, ctx):
        raise NotImplementedError

    def resources(self, ctx, env):
        fwd, back = self.make(ctx), self.make(ctx)

        def cleanup():
            for q in (fwd, back):
                q.close()
                if hasattr(q, "join_thread"):
                    q.join_thread()

        return (fwd, back), (fwd, back), cleanup

    def end(self, role, part):
        return QueueEnd(role, part)


@register
class MpQueue(MpQueueBase):
    id, label = "mp_Queue", "multiprocessing.Queue"
    how = ("multiprocessing.Queue(): put() hands the object to a feeder "
           "thread, which pickles it and writes it to a pipe; get() reads and unpickles.")

    def make(self, ctx):
        return ctx.Queue()


@register
class MpSimpleQueue(MpQueueBase):
    id, label = "mp_SimpleQueue", "multiprocessing.SimpleQueue"
    how = "multiprocessing.SimpleQueue(): pickles and writes in the caller under a lock; no feeder thread."

    def make(self, ctx):
        return ctx.SimpleQueue()


class ConnectionEnd(End):
    def __init__(self, part, bytes_api):
        super().__init__()
        self.out_c, self.in_c = part
        self.bytes_api = bytes_api

    def pair(self, size):
        if self.bytes_api:
            return self.out_c.send_bytes, self.in_c.recv_bytes
        return self.out_c.send, self.in_c.recv


class PipeBase(ProcessMechanism):
    group, limit = "processes", "os_pipe"
    bytes_api = False  # True: send_bytes()/recv_bytes() instead of send()/recv()

    def resources(self, ctx, env):
        return pipe_pair(ctx)

    def end(self, role, part):
        return ConnectionEnd(part, self.bytes_api)


@register
class PipeSend(PipeBase):
    id, label = "pipe_send", "Pipe send/recv"
    how = "Pipe(duplex=False) Connection.send()/recv(): pickled, length-prefixed messages on a pipe."


@register
class PipeSendBytes(PipeBase):
    id, label = "pipe_send_bytes", "Pipe send_bytes/recv_bytes"
    how = "Pipe(duplex=False) Connection.send_bytes()/recv_bytes(): length-prefixed raw bytes, no pickling."
    bytes_api = True


@register
class ManagerQueue(ProcessMechanism):
    id, label, group, limit = "manager_Queue", "Manager().Queue()", "processes", "os_pipe"
    how = ("SyncManager().Queue(): a proxy; every put() and get() is a "
           "request/reply on a socket to the manager process, which holds a queue.Queue.")

    def resources(self, ctx, env):
        manager = ctx.Manager()
        fwd, back = manager.Queue(), manager.Queue()
        return (fwd, back), (fwd, back), manager.shutdown

    def end(self, role, part):
        return QueueEnd(role, part)


class SlotSide:
    """One direction through shared memory: a slot and two semaphores."""

    def __init__(self, buf, offset, empty, full):
        self.buf, self.offset, self.empty, self.full = buf, offset, empty, full

    def sender(self, size):
        buf, lo, hi, empty, full = self.buf, self.offset, self.offset + size, self.empty, self.full

        def send(msg):
            empty.acquire()  # wait until the reader has taken the last one
            buf[lo:hi] = msg
            full.release()

        return send

    def receiver(self, size):
        buf, lo, hi, empty, full = self.buf, self.offset, self.offset + size, self.empty, self.full

        def recv():
            full.acquire()
            msg = bytes(buf[lo:hi])  # the reader keeps its own copy
            empty.release()
            return msg

        return recv


class SharedMemoryEnd(End):
    def __init__(self, role, part):
        super().__init__()
        shm_or_name, sems, slot = part
        if role == "parent":
            self.shm = shm_or_name
        else:
            self.shm = shared_memory.SharedMemory(name=shm_or_name)
            self.closers.append(self.shm.close)
        fwd = (0, sems[0], sems[1])
        back = (slot, sems[2], sems[3])
        out_s, in_s = (fwd, back) if role == "parent" else (back, fwd)
        self.out_slot = SlotSide(self.shm.buf, *out_s)
        self.in_slot = SlotSide(self.shm.buf, *in_s)

    def pair(self, size):
        return self.out_slot.sender(size), self.in_slot.receiver(size)

    def close(self):
        # Memoryviews into the segment must go before it can be closed.
        self.out_slot = self.in_slot = None
        super().close()


@register
class SharedMemorySlots(ProcessMechanism):
    id, label, group, limit = "shared_memory", "SharedMemory + semaphores", "shared memory", "memcpy"
    how = ("One SharedMemory slot per direction and two semaphores "
           "(empty/full): the writer copies in, the reader copies out into bytes.")

    def resources(self, ctx, env):
        slot = SIZES[-1]
        shm = shared_memory.SharedMemory(create=True, size=2 * slot)
        sems = [ctx.Semaphore(1), ctx.Semaphore(0), ctx.Semaphore(1), ctx.Semaphore(0)]

        def cleanup():
            shm.close()
            shm.unlink()

        return (shm, sems, slot), (shm.name, sems, slot), cleanup

    def end(self, role, part):
        return SharedMemoryEnd(role, part)


# ---------------------------------------------------------------------------
# A broker on loopback


class RedisEnd(End):
    def __init__(self, role, part):
        super().__init__()
        import redis

        if role == "parent":
            self.client, keys = part
        else:
            url, keys = part
            self.client = redis.Redis.from_url(url)
            self.closers.append(self.client.close)
        self.out_key, self.in_key = keys if role == "parent" else keys[::-1]

    def pair(self, size):
        client, out_key, in_key = self.client, self.out_key, self.in_key
        return (lambda msg: client.rpush(out_key, msg)), (lambda: client.blpop([in_key], timeout=BUDGET)[1])


@register
class RedisList(ProcessMechanism):
    id, label, group, limit = "redis_list", "Redis list RPUSH/BLPOP", "broker", "tcp_loopback"
    how = ("A Redis list on loopback: RPUSH by the producer, BLPOP by the "
           "consumer, one command per message (redis-py, no pipelining).")

    def unavailable(self):
        return self.no_server  # set by run.py once it has looked for a server

    no_server = None

    def resources(self, ctx, env):
        import redis

        url = env["redis_url"]
        keys = ("bench:fwd:%d" % os.getpid(), "bench:back:%d" % os.getpid())
        client = redis.Redis.from_url(url)
        client.delete(*keys)

        def cleanup():
            client.delete(*keys)
            client.close()

        return (client, keys), (url, keys), cleanup

    def end(self, role, part):
        return RedisEnd(role, part)


# ---------------------------------------------------------------------------
# Between interpreters of one process (3.14+)


@register
class InterpreterQueue(InterpreterMechanism):
    id, label, group, limit = "interp_queue", "interpreters queue", "interpreters", "deque_condition"
    how = ("Two concurrent.interpreters.create_queue() queues between the main interpreter "
           "and a second one running in its own thread: put() and a blocking get(), which "
           "polls (the get() of 3.14 sleeps 10 ms between tries while the queue is empty).")

    def channels(self):
        from concurrent import interpreters

        return interpreters.create_queue(), interpreters.create_queue()


@register
class InterpreterPool(ExecutorMechanism):
    id, label, group, limit = "interp_pool", "InterpreterPoolExecutor(1)", "interpreters", "thread_pool"
    where = "interpreter"
    requires = (3, 14)
    how = ("concurrent.futures.InterpreterPoolExecutor with one worker: submit(), then the "
           "future's result(); the call and its arguments cross into the worker's interpreter "
           "and the result crosses back.")

    def executor(self):
        from concurrent.futures import InterpreterPoolExecutor

        return InterpreterPoolExecutor(1)
