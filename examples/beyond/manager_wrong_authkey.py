"""Connecting to a manager with the wrong authkey raises AuthenticationError."""
import multiprocessing
import queue
from multiprocessing.managers import BaseManager

_inbox = queue.Queue()


def get_inbox():
    return _inbox


class InboxServer(BaseManager):
    pass


InboxServer.register("get_inbox", callable=get_inbox)


class InboxClient(BaseManager):
    pass


InboxClient.register("get_inbox")


def try_connect(address, authkey):
    client = InboxClient(address=address, authkey=authkey)
    try:
        client.connect()
    except multiprocessing.AuthenticationError as exc:
        return f"refused: {type(exc).__name__}"
    inbox = client.get_inbox()
    inbox.put("hello", timeout=5)
    return f"accepted: inbox now holds {inbox.qsize()} item"


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    server = InboxServer(address=("127.0.0.1", 0), authkey=b"right key", ctx=ctx)
    server.start()
    try:
        print("wrong key:", try_connect(server.address, b"wrong key"))
        # None means "this process's own authkey", a random one: refused too.
        print("None:     ", try_connect(server.address, None))
        # The server shrugged off both attempts and still serves.
        print("right key:", try_connect(server.address, b"right key"))
    finally:
        server.shutdown()
