"""A Redis stream consumer group: XREADGROUP, XACK, XAUTOCLAIM from a dead consumer."""
import multiprocessing
import os

import redis

PREFIX = "beyond:stream:"
STREAM = PREFIX + "orders"
DONE = PREFIX + "done"  # order -> how many times it was processed
GROUP = "billing"


def crashing_consumer(url):
    with redis.Redis.from_url(url, decode_responses=True) as r:
        # ">" means: messages never delivered to anyone in this group.
        r.xreadgroup(GROUP, "crasher", {STREAM: ">"}, count=1, block=5000)
    os._exit(1)  # dies holding one message, never XACKed


def handle(r, message_id, fields):
    order = fields["order"]
    r.hincrby(DONE, order, 1)  # real work must tolerate running twice
    r.xack(STREAM, GROUP, message_id)  # only now is it off the pending list


def healthy_consumer(url):
    with redis.Redis.from_url(url, decode_responses=True) as r:
        # First take over what has been pending for at least min_idle_time ms.
        # 0 is safe here only because the parent saw the crasher exit.
        # One call claims at most `count` entries and returns a cursor to go
        # on from: loop until the cursor comes back as "0-0".
        cursor = "0-0"
        while True:
            reply = r.xautoclaim(STREAM, GROUP, "healthy", min_idle_time=0,
                                 start_id=cursor, count=10)
            # reply[1] holds the claimed messages (Redis 7 appends a third item).
            for message_id, fields in reply[1]:
                handle(r, message_id, fields)
            cursor = reply[0]
            if cursor == "0-0":
                break
        # Then read new messages until the stop marker.
        while True:
            reply = r.xreadgroup(GROUP, "healthy", {STREAM: ">"}, count=10, block=5000)
            if not reply:
                raise SystemExit("no message for 5 s")
            for message_id, fields in reply[0][1]:
                if "stop" in fields:
                    r.xack(STREAM, GROUP, message_id)
                    return
                handle(r, message_id, fields)


if __name__ == "__main__":
    url = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    ctx = multiprocessing.get_context()
    with redis.Redis.from_url(url, decode_responses=True) as r:
        r.delete(STREAM, DONE)
        try:
            # The group starts at the beginning ("0") of a new, empty stream.
            r.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
            for order in ("A", "B", "C"):
                r.xadd(STREAM, {"order": order})

            crasher = ctx.Process(target=crashing_consumer, args=(url,))
            crasher.start()
            crasher.join(timeout=10)
            print("crashed consumer exit code", crasher.exitcode)
            assert crasher.exitcode == 1, "expected the simulated crash"
            summary = r.xpending(STREAM, GROUP)
            print("pending:", summary["pending"], "held by", summary["consumers"])

            r.xadd(STREAM, {"stop": "1"})
            healthy = ctx.Process(target=healthy_consumer, args=(url,))
            healthy.start()
            healthy.join(timeout=10)
            print("healthy consumer exit code", healthy.exitcode)

            print("processed:", dict(sorted(r.hgetall(DONE).items())))
            print("pending:", r.xpending(STREAM, GROUP)["pending"])
            # The stream keeps every message (until trimmed), acked or not.
            print("messages still in the stream:", r.xlen(STREAM))
        finally:
            r.delete(STREAM, DONE)  # deleting the stream deletes its groups
