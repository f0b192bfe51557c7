"""Why set_start_method() belongs inside the __main__ block, called once."""
import multiprocessing
import subprocess
import sys

if "--mistake" in sys.argv:
    # The mistake: module top level. A spawned child imports this file again
    # and runs this line a second time, after its method was already set.
    multiprocessing.set_start_method("spawn")


def work():
    pass


def run_the_mistake():
    child = multiprocessing.Process(target=work)
    child.start()
    child.join(10)
    print(f"child exit code: {child.exitcode}")


def run_it_right():
    multiprocessing.set_start_method("spawn")  # once, under the guard
    try:
        multiprocessing.set_start_method("spawn")  # a second call fails
    except RuntimeError as exc:
        print(f"second call in the same process: RuntimeError: {exc}")
    # get_context() changes nothing global and can be called at any time.
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=work)
    child.start()
    child.join(10)
    print(f"child started from get_context('spawn'): exit code {child.exitcode}")


if __name__ == "__main__":
    if "--mistake" in sys.argv:
        run_the_mistake()
    else:
        # Run the mistaken version as a separate program, as a reader would
        # from a shell, and capture what its child writes to stderr.
        shown = subprocess.run(
            [sys.executable, __file__, "--mistake"],
            capture_output=True, text=True, timeout=60,
        )
        print(f"the mistaken program exited with status {shown.returncode}")
        print(f"and printed: {shown.stdout.strip()}")
        print(f"its child's stderr ended with: {shown.stderr.strip().splitlines()[-1]}")
        run_it_right()
