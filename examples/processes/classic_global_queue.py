"""A queue the child reaches as a global: fine under fork, lost or missing otherwise."""
import multiprocessing
import queue
import subprocess
import sys

# BUG, first form: made at import, so again in a spawn or forkserver child.
module_queue = multiprocessing.Queue()


def report_to_module_queue():
    module_queue.put("report")      # a global, not a parameter


def report_to_guarded_queue():
    guarded_queue.put("report")     # a global, not a parameter


def buggy_program(method, target):
    global guarded_queue
    ctx = multiprocessing.get_context(method)
    # BUG, second form: made under the guard, which such a child never runs.
    guarded_queue = ctx.Queue()
    results = module_queue if target is report_to_module_queue else guarded_queue
    child = ctx.Process(target=target)
    child.start()
    child.join(timeout=10)
    try:
        got = repr(results.get(timeout=1))  # the child has exited: all it sent is here
    except queue.Empty:
        got = "nothing"
    print(f"parent got {got}, child exit code {child.exitcode}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--buggy"]:
        buggy_program(sys.argv[2], globals()[sys.argv[3]])
        sys.exit()
    for target, where in (("report_to_module_queue", "at module level"),
                          ("report_to_guarded_queue", "under the guard")):
        print(f"queue made {where}:")
        for method in ("fork", "spawn", "forkserver"):
            run = subprocess.run([sys.executable, __file__, "--buggy", method, target],
                                 capture_output=True, text=True, timeout=60)
            print(f"{method:<10}  {run.stdout.strip()}")
            if run.stderr.strip():
                print(f"{'':<10}  stderr ends: {run.stderr.strip().splitlines()[-1]}")
