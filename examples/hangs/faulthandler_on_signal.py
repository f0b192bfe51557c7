"""faulthandler.register(SIGUSR1): a stuck program shows where its threads are."""
import faulthandler
import os
import re
import select
import signal
import subprocess
import sys
import threading


def stuck_program():
    # One line at start-up; costs nothing until the signal comes.
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    never = threading.Event()
    threading.Thread(target=never.wait, args=(60,), name="waiter", daemon=True).start()
    print("ready", flush=True)
    sys.stdin.readline()  # stuck here until someone types a line


def read_until(stream, text, timeout=30):
    """Read from a pipe until `text` has arrived; fail after `timeout` s of silence."""
    got = b""
    while text not in got:
        ready, _, _ = select.select([stream], [], [], timeout)
        if not ready:
            raise TimeoutError(f"no {text!r} within {timeout} s")
        chunk = os.read(stream.fileno(), 65536)
        if not chunk:
            raise EOFError(f"the program ended before writing {text!r}")
        got += chunk
    return got.decode()


def stacks(dump):
    """Each thread of a faulthandler dump, as the function it is in, then the
    functions of this file that led there (innermost first)."""
    me = os.path.basename(__file__)
    threads = []
    for block in dump.strip().split("\n\n"):
        calls = re.findall(r'File "(.+?)", line \d+ in (\S+)', block)
        path, func = calls[0]
        mine = [f for p, f in calls if os.path.basename(p) == me]
        where = (" <- ".join(mine) if path.endswith(me)
                 else f"{func} in {os.path.basename(path)}")
        if mine and not path.endswith(me):
            where += " <- " + " <- ".join(mine)
        threads.append(where)
    return sorted(threads)


if __name__ == "__main__":
    if sys.argv[1:] == ["stuck"]:
        stuck_program()
    else:
        proc = subprocess.Popen([sys.executable, __file__, "stuck"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        read_until(proc.stdout, b"ready\n")
        os.kill(proc.pid, signal.SIGUSR1)  # from a shell: kill -USR1 PID
        # The main thread's stack ends in <module>: the whole dump is there.
        dump = read_until(proc.stderr, b"in <module>\n")
        print(f"after SIGUSR1, still running: {proc.poll() is None}")
        for stack in stacks(dump):
            print(f"  {stack}")
        proc.communicate(b"go on\n", timeout=30)
        print(f"after a line on its stdin, exit status {proc.returncode}")
