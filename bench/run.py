#!/usr/bin/env python3
"""Measure the throughput and round-trip latency of Python's communication mechanisms.

    python bench/run.py --out docs/benchmarks/_data/results.json
    python bench/run.py --quick --out /tmp/quick.json     # a few seconds

Every mechanism moves the same payload (a bytes object of 64 B, 4 KiB or
1 MiB) from one producer to one consumer, and is timed two ways:

* throughput: the producer sends N messages as fast as it can; the clock
  runs from the first send until the consumer reports that it holds the
  last one;
* latency: the producer sends one message, the consumer sends it back, the
  producer receives it; every round trip is one sample.

Beside each mechanism, the same run measures its *limit*: the cheapest way
to do the same job (a raw os.pipe moving the same bytes, a plain memcpy, a
plain TCP socket, a deque with a Condition). Ratios are taken against the
limit from the same run, on the same machine, minutes apart.

Process start-up, imports, connecting and attaching happen before the clock
starts. Blocking calls inside the timed loops have no timeout (a timeout
changes the code path of some mechanisms, e.g. multiprocessing.Queue.get);
instead every process arms a watchdog (faulthandler.dump_traceback_later)
that ends it if a measurement runs past its budget, so a run never hangs.

Plain Python: the standard library, plus the redis client for the Redis row.
POSIX only (the raw pipe and socket limits use file descriptors directly).
"""
import argparse
import asyncio
import collections
import datetime
import faulthandler
import functools
import json
import multiprocessing
import os
import platform
import queue
import socket
import statistics
import sys
import threading
import time
from multiprocessing import shared_memory
from pathlib import Path

SCHEMA = 1
SIZES = (64, 4096, 1 << 20)
METRICS = ("throughput", "latency")
BUDGET = 120.0  # seconds one measurement may take before the watchdog fires
SETUP_TIMEOUT = 30.0  # seconds for a child to start, connect and answer

# id, label, group, limit id (None: this row IS a limit), where it runs
MECHANISMS = [
    ("deque_condition", "deque + Condition", "threads", None, "thread"),
    ("queue_Queue", "queue.Queue", "threads", "deque_condition", "thread"),
    ("queue_SimpleQueue", "queue.SimpleQueue", "threads", "deque_condition", "thread"),
    ("deque_future", "deque + Future", "coroutines", None, "coroutine"),
    ("asyncio_Queue", "asyncio.Queue", "coroutines", "deque_future", "coroutine"),
    ("os_pipe", "os.pipe, raw bytes", "processes", None, "process"),
    ("mp_Queue", "multiprocessing.Queue", "processes", "os_pipe", "process"),
    ("mp_SimpleQueue", "multiprocessing.SimpleQueue", "processes", "os_pipe", "process"),
    ("pipe_send", "Pipe send/recv", "processes", "os_pipe", "process"),
    ("pipe_send_bytes", "Pipe send_bytes/recv_bytes", "processes", "os_pipe", "process"),
    ("manager_Queue", "Manager().Queue()", "processes", "os_pipe", "process"),
    ("memcpy", "memcpy into SharedMemory", "shared memory", None, "inline"),
    ("shared_memory", "SharedMemory + semaphores", "shared memory", "memcpy", "process"),
    ("tcp_loopback", "TCP socket, loopback", "broker", None, "process"),
    ("redis_list", "Redis list RPUSH/BLPOP", "broker", "tcp_loopback", "process"),
]
MECH = {m[0]: m for m in MECHANISMS}

HOW = {
    "deque_condition": "collections.deque guarded by one threading.Condition: "
    "the two primitives queue.Queue is built from, with nothing else.",
    "queue_Queue": "queue.Queue() (unbounded): put() and get() between two threads.",
    "queue_SimpleQueue": "queue.SimpleQueue(): the C implementation, no task tracking.",
    "deque_future": "collections.deque plus one asyncio Future to wake the waiting "
    "getter: the least an asyncio handoff can do.",
    "asyncio_Queue": "asyncio.Queue() (unbounded): await put() / await get() "
    "between two tasks of one event loop.",
    "os_pipe": "os.write()/readinto() of the payload's bytes on a pipe, no framing, "
    "no pickling: the floor for every pipe-based mechanism.",
    "mp_Queue": "multiprocessing.Queue(): put() hands the object to a feeder "
    "thread, which pickles it and writes it to a pipe; get() reads and unpickles.",
    "mp_SimpleQueue": "multiprocessing.SimpleQueue(): pickles and writes in the "
    "caller under a lock; no feeder thread.",
    "pipe_send": "Pipe(duplex=False) Connection.send()/recv(): pickled, "
    "length-prefixed messages on a pipe.",
    "pipe_send_bytes": "Pipe(duplex=False) Connection.send_bytes()/recv_bytes(): "
    "length-prefixed raw bytes, no pickling.",
    "manager_Queue": "SyncManager().Queue(): a proxy; every put() and get() is a "
    "request/reply on a socket to the manager process, which holds a queue.Queue.",
    "memcpy": "Copying the payload into a SharedMemory buffer in one process: "
    "the floor for shared memory (latency: one copy each way, no wake-up).",
    "shared_memory": "One SharedMemory slot per direction and two semaphores "
    "(empty/full): the writer copies in, the reader copies out into bytes.",
    "tcp_loopback": "A TCP connection on 127.0.0.1, sendall()/recv_into() of the "
    "payload's bytes, TCP_NODELAY: the floor for a broker on this machine.",
    "redis_list": "A Redis list on loopback: RPUSH by the producer, BLPOP by the "
    "consumer, one command per message (redis-py, no pipelining).",
}


def payload_of(size):
    """The message: a bytes object of exactly `size` bytes."""
    return (bytes(range(256)) * (size // 256 + 1))[:size]


# ---------------------------------------------------------------------------
# In-process channels (threads, coroutines)


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


def thread_channel(mech_id):
    if mech_id == "deque_condition":
        return CondChannel()
    if mech_id == "queue_Queue":
        return queue.Queue()
    return queue.SimpleQueue()


def thread_round(mech_id, metric, payload, n):
    """One round between two threads; returns seconds (throughput) or samples."""
    fwd, back = thread_channel(mech_id), thread_channel(mech_id)
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
        raise RuntimeError("%s: consumer thread failed" % mech_id)
    return out


def coroutine_round(mech_id, metric, payload, n):
    async def main():
        loop = asyncio.get_running_loop()
        if mech_id == "asyncio_Queue":
            fwd, back = asyncio.Queue(), asyncio.Queue()
        else:
            fwd, back = FutureChannel(loop), FutureChannel(loop)
        clock = time.perf_counter

        async def consumer():
            msg = None
            for _ in range(n):
                msg = await fwd.get()
                if metric == "latency":
                    if mech_id == "asyncio_Queue":
                        await back.put(msg)
                    else:
                        back.put(msg)
            return len(msg)

        task = asyncio.ensure_future(consumer())
        await asyncio.sleep(0)  # let the consumer reach its first get()
        if mech_id == "asyncio_Queue":
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
            raise RuntimeError("%s: consumer task failed" % mech_id)
        return out

    return asyncio.run(asyncio.wait_for(main(), BUDGET))


def memcpy_round(metric, payload, n):
    """The shared-memory floor: copy the payload into a SharedMemory buffer."""
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


# ---------------------------------------------------------------------------
# Between processes: each mechanism gives the producer (parent) and the
# consumer (child) a `send(msg)` and a `recv() -> msg` for a given size.


def produce(metric, n, payload, send, recv, finish):
    """The timed side of one round, the same for threads and processes.

    throughput: send n messages, then ``finish()`` waits for the consumer to
    have them all, inside the timed region; returns (seconds, finish()).
    latency: n round trips, each timed alone; returns (samples, finish()).
    """
    clock = time.perf_counter
    if metric == "throughput":
        t0 = clock()
        for _ in range(n):
            send(payload)
        done = finish()
        return clock() - t0, done
    samples = []
    for _ in range(n):
        t0 = clock()
        send(payload)
        recv()
        samples.append(clock() - t0)
    return samples, finish()


def consume(metric, n, send, recv):
    """The other side: take n messages, echoing each for a round trip; return the last."""
    msg = None
    if metric == "throughput":
        for _ in range(n):
            msg = recv()
    else:
        for _ in range(n):
            msg = recv()
            send(msg)
    return msg


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exact(readinto, size):
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


def process_resources(ctx, mech_id, redis_url):
    """Create what both ends need. Returns (parent_part, child_part, cleanup)."""
    if mech_id in ("mp_Queue", "mp_SimpleQueue"):
        make = ctx.Queue if mech_id == "mp_Queue" else ctx.SimpleQueue
        fwd, back = make(), make()

        def cleanup():
            for q in (fwd, back):
                q.close()
                if mech_id == "mp_Queue":
                    q.join_thread()

        return (fwd, back), (fwd, back), cleanup
    if mech_id in ("pipe_send", "pipe_send_bytes", "os_pipe"):
        fwd_r, fwd_w = ctx.Pipe(duplex=False)
        back_r, back_w = ctx.Pipe(duplex=False)

        def cleanup():
            for c in (fwd_r, fwd_w, back_r, back_w):
                c.close()

        return (fwd_w, back_r), (back_w, fwd_r), cleanup  # each side: (out, in)
    if mech_id == "manager_Queue":
        manager = ctx.Manager()
        fwd, back = manager.Queue(), manager.Queue()

        def cleanup():
            manager.shutdown()

        return (fwd, back), (fwd, back), cleanup
    if mech_id == "shared_memory":
        slot = SIZES[-1]
        shm = shared_memory.SharedMemory(create=True, size=2 * slot)
        sems = [ctx.Semaphore(1), ctx.Semaphore(0), ctx.Semaphore(1), ctx.Semaphore(0)]

        def cleanup():
            shm.close()
            shm.unlink()

        return (shm, sems, slot), (shm.name, sems, slot), cleanup
    if mech_id == "tcp_loopback":
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(SETUP_TIMEOUT)

        def cleanup():
            listener.close()

        return listener, listener.getsockname()[1], cleanup
    if mech_id == "redis_list":
        import redis

        keys = ("bench:fwd:%d" % os.getpid(), "bench:back:%d" % os.getpid())
        client = redis.Redis.from_url(redis_url)
        client.delete(*keys)

        def cleanup():
            client.delete(*keys)
            client.close()

        return (client, keys), (redis_url, keys), cleanup
    raise ValueError(mech_id)


class Ends:
    """The send/recv of one side, built for each message size."""

    def __init__(self, mech_id, role, part):
        self.mech_id, self.role, self.closers = mech_id, role, []
        parent = role == "parent"
        if mech_id in ("mp_Queue", "mp_SimpleQueue", "manager_Queue"):
            fwd, back = part
            self.out_q, self.in_q = (fwd, back) if parent else (back, fwd)
        elif mech_id in ("pipe_send", "pipe_send_bytes", "os_pipe"):
            self.out_c, self.in_c = part
            if mech_id == "os_pipe":
                # An unbuffered file object over the same descriptor, for readinto().
                self.reader = open(self.in_c.fileno(), "rb", buffering=0, closefd=False)
                self.closers.append(self.reader.close)
        elif mech_id == "shared_memory":
            shm_or_name, sems, slot = part
            if parent:
                self.shm = shm_or_name
            else:
                self.shm = shared_memory.SharedMemory(name=shm_or_name)
                self.closers.append(self.shm.close)
            fwd = (0, sems[0], sems[1])
            back = (slot, sems[2], sems[3])
            out_s, in_s = (fwd, back) if parent else (back, fwd)
            self.out_slot = SlotSide(self.shm.buf, *out_s)
            self.in_slot = SlotSide(self.shm.buf, *in_s)
        elif mech_id == "tcp_loopback":
            if parent:
                self.sock, _ = part.accept()
            else:
                self.sock = socket.create_connection(("127.0.0.1", part), timeout=SETUP_TIMEOUT)
            self.sock.settimeout(None)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.closers.append(self.sock.close)
        elif mech_id == "redis_list":
            import redis

            if parent:
                self.client, keys = part
            else:
                url, keys = part
                self.client = redis.Redis.from_url(url)
                self.closers.append(self.client.close)
            self.out_key, self.in_key = keys if parent else keys[::-1]

    def pair(self, size):
        m = self.mech_id
        if m in ("mp_Queue", "mp_SimpleQueue", "manager_Queue"):
            return self.out_q.put, self.in_q.get
        if m == "pipe_send":
            return self.out_c.send, self.in_c.recv
        if m == "pipe_send_bytes":
            return self.out_c.send_bytes, self.in_c.recv_bytes
        if m == "os_pipe":
            fd, reader = self.out_c.fileno(), self.reader
            return (lambda msg: _write_all(fd, msg)), (lambda: _read_exact(reader.readinto, size))
        if m == "shared_memory":
            return self.out_slot.sender(size), self.in_slot.receiver(size)
        if m == "tcp_loopback":
            sock = self.sock
            return sock.sendall, (lambda: _read_exact(sock.recv_into, size))
        if m == "redis_list":
            client, out_key, in_key = self.client, self.out_key, self.in_key
            return (lambda msg: client.rpush(out_key, msg)), (
                lambda: client.blpop([in_key], timeout=BUDGET)[1]
            )
        raise ValueError(m)

    def close(self):
        if self.mech_id == "shared_memory":
            # Memoryviews into the segment must go before it can be closed.
            self.out_slot = self.in_slot = None
        for close in reversed(self.closers):
            close()


def child_main(mech_id, ctrl, part):
    """The consumer process: obey commands from the parent until told to stop."""
    faulthandler.dump_traceback_later(BUDGET, exit=True)
    ends = Ends(mech_id, "child", part)
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

    def __init__(self, ctx, mech_id, redis_url):
        self.mech_id = mech_id
        if ctx.get_start_method() == "fork":
            settle_threads()
        parent_part, child_part, self.cleanup = process_resources(ctx, mech_id, redis_url)
        self.ctrl, child_ctrl = ctx.Pipe()
        self.proc = ctx.Process(
            target=child_main, args=(mech_id, child_ctrl, child_part), daemon=True
        )
        self.proc.start()
        child_ctrl.close()
        try:
            if mech_id == "tcp_loopback":
                self.ends = Ends(mech_id, "parent", parent_part)  # accept() first
                self._expect("attached")
            else:
                self._expect("attached")
                self.ends = Ends(mech_id, "parent", parent_part)
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
# Statistics and the measurement plan


def spread(values):
    values = sorted(values)
    out = {"median": statistics.median(values), "min": values[0], "max": values[-1]}
    if len(values) >= 2:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        out.update(q1=q1, q3=q3)
    else:
        out.update(q1=values[0], q3=values[0])
    return out


def p99(values):
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def guarded(run_round, metric, payload, n):
    """One round under the watchdog: a round that stalls for BUDGET seconds ends the run."""
    faulthandler.dump_traceback_later(BUDGET, exit=True)
    try:
        return run_round(metric, payload, n)
    finally:
        faulthandler.cancel_dump_traceback_later()


def calibrate(run_round, metric, payload, settings):
    """Choose N so that one round lasts about round_seconds."""
    size = len(payload)
    if settings["quick"]:
        return settings["quick_messages"] if size < SIZES[-1] else max(4, settings["quick_messages"] // 5)
    # Grow a pilot round until it lasts long enough to time (this is also
    # the warm-up), then scale N.
    target = settings["round_seconds"]
    n = 8 if metric == "latency" or size >= SIZES[-1] else 64
    while True:
        pilot = guarded(run_round, metric, payload, n)
        took = pilot if metric == "throughput" else sum(pilot)
        if took >= target / 4 or n >= settings["max_messages"]:
            break
        n *= 4
    # One pilot can be hit by a busy moment of the machine: take the
    # fastest of three, so that a hiccup does not make every round short.
    for _ in range(2):
        pilot = guarded(run_round, metric, payload, n)
        took = min(took, pilot if metric == "throughput" else sum(pilot))
    n = int(n * target / max(took, 1e-9))
    return max(settings["min_messages"], min(settings["max_messages"], n))


def summarize(metric, size, n, rounds):
    if metric == "throughput":
        rates = [n / t for t in rounds]
        return {
            "messages_per_round": n,
            "rounds": len(rounds),
            "seconds_per_round": [round(t, 6) for t in rounds],
            "msgs_per_s": spread(rates),
            "mb_per_s": spread([r * size / 1e6 for r in rates]),
        }
    pooled = [s for r in rounds for s in r]
    return {
        "messages_per_round": n,
        "rounds": len(rounds),
        "samples": len(pooled),
        "median_us": statistics.median(pooled) * 1e6,
        "p99_us": p99(pooled) * 1e6,
        "round_median_us": spread([statistics.median(r) * 1e6 for r in rounds]),
    }


def measure_group(runners, metric, size, settings):
    """Interleave the rounds of a mechanism and its limit.

    Each mechanism gets its own N, then round 1 of every member runs, then
    round 2, and so on (in a rotating order), so that a busy moment of the
    machine falls on the mechanism and on its limit alike.
    """
    payload = payload_of(size)
    ids = list(runners)
    counts = {m: calibrate(runners[m], metric, payload, settings) for m in ids}
    rounds = {m: [] for m in ids}
    for r in range(settings["rounds"]):
        shift = r % len(ids)
        for m in ids[shift:] + ids[:shift]:
            rounds[m].append(guarded(runners[m], metric, payload, counts[m]))
    return {m: summarize(metric, size, counts[m], rounds[m]) for m in ids}


def machine_info(start_method):
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "start_method": start_method,
        "loadavg_before": list(os.getloadavg()),
    }


def find_redis(stack):
    """Return (url, how, None) or (None, None, reason)."""
    try:
        import redis  # noqa: F401
    except ImportError as exc:
        return None, None, "the redis client is not installed (%s)" % exc
    url = os.environ.get("REDIS_URL")
    if url:
        return url, "REDIS_URL", None
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    try:
        from redis_service import running_redis
    except ImportError as exc:
        return None, None, "REDIS_URL is not set and tests/redis_service.py is missing (%s)" % exc
    try:
        url = stack.enter_context(running_redis())
    except Exception as exc:  # RedisUnavailable, or anything else on start-up
        return None, None, "REDIS_URL is not set and no redis-server could be started: %s" % (
            str(exc).splitlines()[0]
        )
    return url, "a throwaway redis-server started by tests/redis_service.py", None


def redis_version(url):
    import redis

    client = redis.Redis.from_url(url)
    try:
        return client.info("server").get("redis_version")
    finally:
        client.close()


def run(args):
    import contextlib

    settings = {
        "quick": args.quick,
        "rounds": 1 if args.quick else args.rounds,
        "round_seconds": args.round_seconds,
        "min_messages": 20,
        "max_messages": 1000000,
        "quick_messages": 50,
        "sizes": list(SIZES),
        "start_method": args.start_method,
    }
    wanted = [m[0] for m in MECHANISMS]
    if args.only:
        chosen = set(args.only.split(","))
        unknown = chosen - set(wanted)
        if unknown:
            raise SystemExit("unknown mechanism(s): %s" % ", ".join(sorted(unknown)))
        chosen |= {MECH[m][3] for m in chosen if MECH[m][3]}  # keep the limits
        wanted = [m for m in wanted if m in chosen]
    ctx = multiprocessing.get_context(args.start_method)
    started = time.time()
    data = {
        "schema": SCHEMA,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine_info(args.start_method),
        "settings": settings,
        "mechanisms": [],
        "results": [],
    }
    with contextlib.ExitStack() as stack:
        redis_url = redis_how = redis_reason = None
        if "redis_list" in wanted:
            redis_url, redis_how, redis_reason = find_redis(stack)
            if redis_reason:
                print("\n" + "!" * 72 + "\nREDIS NOT MEASURED: " + redis_reason + "\n" + "!" * 72,
                      file=sys.stderr, flush=True)
            else:
                data["machine"]["redis"] = {"server": redis_how, "version": redis_version(redis_url)}
        groups = []  # in table order; each group is measured with its rounds interleaved
        for mech_id in wanted:
            _, label, group, limit, where = MECH[mech_id]
            entry = {"id": mech_id, "label": label, "group": group, "limit": limit,
                     "where": where, "how": HOW[mech_id], "status": "measured", "reason": None}
            data["mechanisms"].append(entry)
            if mech_id == "redis_list" and redis_reason:
                entry.update(status="not measured", reason=redis_reason)
                continue
            if group not in groups:
                groups.append(group)
        measured = {m["id"] for m in data["mechanisms"] if m["status"] == "measured"}
        rows = {}
        for group in groups:
            members = [m for m in wanted if m in measured and MECH[m][2] == group]
            runners, peers = {}, []
            try:
                for mech_id in members:
                    where = MECH[mech_id][4]
                    if where == "thread":
                        runners[mech_id] = functools.partial(thread_round, mech_id)
                    elif where == "coroutine":
                        runners[mech_id] = functools.partial(coroutine_round, mech_id)
                    elif where == "inline":
                        runners[mech_id] = memcpy_round
                    else:
                        peer = ProcessPeer(ctx, mech_id, redis_url)
                        peers.append(peer)
                        runners[mech_id] = peer.round
                print(group + ":", flush=True)
                for size in SIZES:
                    for metric in METRICS:
                        for mech_id, summary in measure_group(runners, metric, size, settings).items():
                            rows.setdefault((mech_id, size), {"mechanism": mech_id, "size": size})[metric] = summary
                    for mech_id in members:
                        row = rows[(mech_id, size)]
                        print("  %-28s %7s: %11.0f msg/s %9.1f us" % (
                            MECH[mech_id][1], human_size(size), row["throughput"]["msgs_per_s"]["median"],
                            row["latency"]["median_us"]), flush=True)
            finally:
                for peer in reversed(peers):
                    peer.close()
        for mech_id in wanted:
            for size in SIZES:
                if (mech_id, size) in rows:
                    data["results"].append(rows[(mech_id, size)])
    add_ratios(data)
    data["machine"]["loadavg_after"] = list(os.getloadavg())
    data["machine"]["run_seconds"] = round(time.time() - started, 1)
    return data


def add_ratios(data):
    """Put each row beside its limit from the same run."""
    by_key = {(r["mechanism"], r["size"]): r for r in data["results"]}
    for row in data["results"]:
        limit = MECH[row["mechanism"]][3]
        lim = by_key.get((limit, row["size"])) if limit else None
        if lim is None:
            row["limit"] = None
            continue
        row["limit"] = limit
        row["throughput"]["fraction_of_limit"] = (
            row["throughput"]["msgs_per_s"]["median"] / lim["throughput"]["msgs_per_s"]["median"]
        )
        row["latency"]["times_limit"] = row["latency"]["median_us"] / lim["latency"]["median_us"]


def human_size(size):
    if size >= 1 << 20:
        return "%d MiB" % (size >> 20)
    if size >= 1 << 10:
        return "%d KiB" % (size >> 10)
    return "%d B" % size


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="where to write the JSON results")
    parser.add_argument("--quick", action="store_true",
                        help="a tiny run (few messages, one round) that only proves it works")
    parser.add_argument("--rounds", type=int, default=9, help="timed rounds per measurement (default 9)")
    parser.add_argument("--round-seconds", type=float, default=0.2,
                        help="target length of one round (default 0.2)")
    parser.add_argument("--start-method", default="spawn", choices=multiprocessing.get_all_start_methods(),
                        help="how child processes start (default spawn; never inside the clock)")
    parser.add_argument("--only", help="comma-separated mechanism ids (their limits are added)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    data = run(args)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
    tmp.replace(out)
    print("wrote %s (%.0f s)" % (out, data["machine"]["run_seconds"]))


if __name__ == "__main__":
    main()
