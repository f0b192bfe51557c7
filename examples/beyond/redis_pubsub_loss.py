"""Redis pub/sub reaches only connected subscribers; a list keeps messages for later."""
import os

import redis

PREFIX = "beyond:pubsub:"
CHANNEL = PREFIX + "news"
BACKLOG = PREFIX + "backlog"


def next_message(sub):
    """The next published message, or None after 5 s."""
    message = sub.get_message(ignore_subscribe_messages=True, timeout=5)
    return None if message is None else message["data"]


if __name__ == "__main__":
    url = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    with redis.Redis.from_url(url, decode_responses=True) as r:
        r.delete(BACKLOG)
        try:
            # Nobody listens yet. PUBLISH returns how many received it: 0.
            print("published 'one' to", r.publish(CHANNEL, "one"), "subscribers")
            r.rpush(BACKLOG, "one")  # the same message, kept in a list

            sub = r.pubsub()
            try:
                sub.subscribe(CHANNEL)
                # Wait for the server's confirmation: only then are we listening.
                confirm = sub.get_message(timeout=5)
                assert confirm is not None and confirm["type"] == "subscribe"

                print("published 'two' to", r.publish(CHANNEL, "two"), "subscribers")
                print("subscriber got:", next_message(sub))

                sub.unsubscribe(CHANNEL)
                confirm = sub.get_message(timeout=5)
                assert confirm is not None and confirm["type"] == "unsubscribe"
                # A subscriber that is away (restarting, reconnecting) misses it.
                print("published 'three' to", r.publish(CHANNEL, "three"), "subscribers")
            finally:
                sub.close()

            print("'one' and 'three' are gone for good")
            print("the list still has:", r.lpop(BACKLOG))
        finally:
            r.delete(BACKLOG)
