"""The fork-with-threads DeprecationWarning shows only with -W default or -X dev."""
import multiprocessing
import subprocess
import sys
import threading


def idle():
    pass


def fork_with_a_thread_running():
    ctx = multiprocessing.get_context("fork")  # the warning is about fork only
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait, args=(10,))
    helper.start()
    child = ctx.Process(target=idle)
    child.start()  # 3.12+: os.fork() in a process with two threads
    child.join(10)
    stop.set()
    helper.join(10)
    print(f"child exit code {child.exitcode}")


def run(options):
    # -E: ignore PYTHONWARNINGS and PYTHONDEVMODE, so each run shows what its options do.
    done = subprocess.run(
        [sys.executable, "-E", *options, __file__, "--fork"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0 and "child exit code 0" in done.stdout, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "DeprecationWarning" in line]
    if not warnings:
        return "no warning"
    # The warning names the line that called os.fork(), inside multiprocessing.
    where = warnings[0].split(":")[0].replace("\\", "/").split("/")[-2:]
    return f"DeprecationWarning, attributed to {'/'.join(where)}"


if __name__ == "__main__":
    if "--fork" in sys.argv:
        fork_with_a_thread_running()
    else:
        for options in ([], ["-W", "default"], ["-X", "dev"]):
            label = " ".join(["python", *options, "program.py"])
            print(f"{label:<30} {run(options)}")
