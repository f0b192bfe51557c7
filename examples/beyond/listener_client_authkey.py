"""multiprocessing.connection: a Listener and a Client with one authkey talk over TCP."""
import multiprocessing
import secrets
from multiprocessing.connection import Client, Listener

MAX_REQUESTS = 100  # the server's loop is bounded, whatever a client sends


def serve(address_out, authkey):
    """A tiny server: one client, bounded number of requests, then it stops."""
    with Listener(("127.0.0.1", 0), authkey=authkey) as listener:
        address_out.send(listener.address)  # tell the parent the real port
        address_out.close()
        # accept() has no timeout; the parent terminates us if no one comes.
        with listener.accept() as conn:  # the authkey handshake happens here
            for _ in range(MAX_REQUESTS):
                if not conn.poll(5):
                    break  # the client went quiet: give up
                request = conn.recv()
                if request is None:
                    break
                conn.send(sum(request))


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    authkey = secrets.token_bytes(32)
    address_in, address_out = ctx.Pipe(duplex=False)
    server = ctx.Process(target=serve, args=(address_out, authkey))
    server.start()
    address_out.close()

    if not address_in.poll(10):
        raise SystemExit("server did not report its address")
    address = address_in.recv()
    address_in.close()

    with Client(address, authkey=authkey) as conn:
        for numbers in ([1, 2, 3], [10, 20], []):
            conn.send(numbers)
            if not conn.poll(5):
                raise SystemExit("no reply")
            print(f"sum({numbers}) = {conn.recv()}")
        conn.send(None)  # polite goodbye: the server stops

    server.join(timeout=10)
    if server.exitcode is None:
        server.terminate()
        server.join(timeout=5)
    print("server exit code", server.exitcode)
