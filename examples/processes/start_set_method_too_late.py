"""set_start_method() fails after anything that already used the default context."""
import multiprocessing
import subprocess
import sys

# What a program might do before it calls set_start_method("spawn").
BEFORE = {
    "nothing": lambda: None,
    "multiprocessing.Queue()": lambda: multiprocessing.Queue().close(),
    "multiprocessing.Lock()": multiprocessing.Lock,
    "get_start_method()": multiprocessing.get_start_method,
    "get_start_method(allow_none=True)": (
        lambda: multiprocessing.get_start_method(allow_none=True)),
    "set_start_method('spawn')": lambda: multiprocessing.set_start_method("spawn"),
}


def try_it(first):
    BEFORE[first]()
    try:
        multiprocessing.set_start_method("spawn")
        print("set_start_method('spawn') succeeded")
    except RuntimeError as exc:
        print(f"RuntimeError: {exc}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--first":
        try_it(sys.argv[2])
    else:
        # Each attempt needs a fresh interpreter: the choice is made once per
        # process. -E keeps the environment from choosing a method for it.
        for first in BEFORE:
            done = subprocess.run(
                [sys.executable, "-E", __file__, "--first", first],
                capture_output=True, text=True, timeout=60,
            )
            assert done.returncode == 0 and not done.stderr, done.stderr
            print(f"after {first + ':':<35} {done.stdout.strip()}")
