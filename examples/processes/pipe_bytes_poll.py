"""poll(timeout) says if recv would block; send_bytes/recv_bytes move raw bytes."""
import json
import multiprocessing


def reply(conn):
    # Raw bytes in, raw bytes out: the child decides how to decode them.
    if conn.poll(10):
        request = json.loads(conn.recv_bytes(maxlength=1024))
        conn.send_bytes(json.dumps({"sum": sum(request["numbers"])}).encode())
    conn.close()


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    here, there = ctx.Pipe()
    print(f"poll(0.1) before anything was sent: {here.poll(0.1)}")
    child = ctx.Process(target=reply, args=(there,))
    child.start()
    there.close()

    here.send_bytes(json.dumps({"numbers": [1, 2, 3]}).encode())
    if here.poll(10):  # True as soon as any data, or EOF, is waiting
        print(f"reply: {json.loads(here.recv_bytes(maxlength=1024))}")
    child.join(10)
    print(f"child exit code: {child.exitcode}")
    here.close()
