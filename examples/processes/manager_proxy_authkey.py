"""A pickled proxy has no authkey: outside the program's own processes it is refused."""
import multiprocessing
import pickle
import subprocess
import sys


def receive(stdin):
    """Run in an unrelated interpreter: unpickle a proxy and use it."""
    authkey, _, pickled = stdin.partition(b"\n")
    if authkey:
        multiprocessing.current_process().authkey = bytes.fromhex(authkey.decode())
    try:
        stock = pickle.loads(pickled)  # connects to the manager at once
        print(f"stock['apples'] = {stock['apples']}")
    except multiprocessing.AuthenticationError as exc:
        print(f"AuthenticationError: {exc}")


def send(proxy, authkey=b""):
    done = subprocess.run(
        [sys.executable, __file__, "--receive"],
        input=authkey.hex().encode() + b"\n" + pickle.dumps(proxy),
        capture_output=True, timeout=60,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout.decode().strip()


if __name__ == "__main__":
    if "--receive" in sys.argv:
        receive(sys.stdin.buffer.read())
    else:
        with multiprocessing.Manager() as manager:
            stock = manager.dict(apples=10)
            print("another program, its own authkey:   ", send(stock))
            key = multiprocessing.current_process().authkey
            print("another program, given the authkey: ", send(stock, key))
