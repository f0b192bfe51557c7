"""Python 3.14: sys.remote_exec() and pdb -p look into a running program."""
import os
import re
import select
import subprocess
import sys
import tempfile
import threading

# What sys.remote_exec() runs in the target: where is each thread? It writes with
# os.write(): the target may be inside a print(), and sys.stdout is not reentrant.
REMOTE_SCRIPT = '''
import os, sys, threading, traceback
def say(text):
    os.write(1, f"remote: {text}\\n".encode())
say(f"running in {threading.current_thread().name}")
frames = sys._current_frames()
for t in threading.enumerate():
    if t is not threading.current_thread():
        stack = traceback.extract_stack(frames[t.ident])
        mine = [f for f in stack if f.filename == sys.argv[0]]
        say(f"{t.name} at line {mine[-1].lineno}: {mine[-1].line.split('  #')[0]}")
say("end")
'''


def wait_for(lock):
    lock.acquire(timeout=60)  # held by the main thread: a stand-in for a deadlock


def wait_for_line(stop):
    sys.stdin.readline()  # a line on stdin tells the program to finish
    stop.set()


def stuck_program():
    lock = threading.Lock()
    lock.acquire()
    threading.Thread(target=wait_for, args=(lock,), name="worker", daemon=True).start()
    stop = threading.Event()
    threading.Thread(target=wait_for_line, args=(stop,), name="stdin").start()
    print("ready", flush=True)
    # The main thread polls, so it runs Python code often: remote_exec() and
    # pdb -p get their turn. One line, so that pdb reports the same line
    # wherever in the loop it finds the thread.
    while not stop.wait(0.05): pass


def lines_until(stream, last, timeout=30):
    """The lines from a pipe up to the one equal to `last`."""
    got = []
    while not got or got[-1] != last:
        if not select.select([stream], [], [], timeout)[0]:
            raise TimeoutError(f"{last!r} did not come within {timeout} s")
        line = stream.readline()  # an unbuffered pipe: nothing is read ahead and hidden
        if not line:
            raise EOFError(f"the program ended before {last!r}")
        got.append(line.decode().rstrip("\n"))
    return got


def where(pdb_output):
    """The frames of this file in pdb's `where`, without directories."""
    me = os.path.basename(__file__)
    lines = pdb_output.splitlines()
    return [f"{me}({m[2]}) {m[3]}: {lines[i + 1].lstrip('-> ').split('  #')[0].strip()}"
            for i, line in enumerate(lines)
            for m in [re.search(r"(\S+)\((\d+)\)(\S+)\(\)$", line)]
            if m and os.path.basename(m[1]) == me]


if __name__ == "__main__":
    if sys.argv[1:] == ["stuck"]:
        stuck_program()
    else:
        proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "stuck"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "where.py")
            with open(script, "w") as f:
                f.write(REMOTE_SCRIPT)
            lines_until(proc.stdout, "ready")
            sys.remote_exec(proc.pid, script)  # returns at once; the script runs later
            print("sys.remote_exec(PID, script), the script's output:")
            for line in sorted(lines_until(proc.stdout, "remote: end")[:-1]):
                print(f"  {line}")
        pdb = subprocess.run([sys.executable, "-m", "pdb", "-p", str(proc.pid)],
                             input="where\nquit\n", capture_output=True, text=True,
                             timeout=60)
        print("python -m pdb -p PID, commands where and quit: exit status",
              pdb.returncode)
        for frame in where(pdb.stdout):
            print(f"  {frame}")
        proc.communicate(b"done\n", timeout=30)
        print(f"the program, after pdb detached: exit status {proc.returncode}")
