"""A function typed at >>> cannot run in a spawn or forkserver child; a module's can."""
import os
import subprocess
import sys
import tempfile

# What a reader types at the >>> prompt (a notebook cell behaves the same):
# the function lives in __main__, which has no file to import it from.
TYPED = """\
import multiprocessing
def double(x):
    return 2 * x

ctx = multiprocessing.get_context(METHOD)
child = ctx.Process(target=double, args=(21,))
child.start()
child.join(30)
print("child exit code:", child.exitcode)
"""

# The fix: the same function, saved in a module the child can import.
MODULE = """\
def double(x):
    return 2 * x
"""

TYPED_FIXED = """\
import multiprocessing, sys
sys.path.insert(0, FOLDER)
from helpers import double
ctx = multiprocessing.get_context(METHOD)
child = ctx.Process(target=double, args=(21,))
child.start()
child.join(30)
print("child exit code:", child.exitcode)
"""


def interactive(source):
    """Feed source to `python -i`, line by line, as if typed at the prompt."""
    # -q: no banner. The prompts (>>>) go to stderr, with any traceback.
    run = subprocess.run([sys.executable, "-q", "-i"], input=source,
                         capture_output=True, text=True, timeout=60)
    errors = [line for line in run.stderr.splitlines() if "Error" in line]
    return run.stdout.strip(), errors


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        out, errors = interactive(TYPED.replace("METHOD", repr(method)))
        print(f"{method:10} {out}")
        for line in errors:
            print(" " * 11 + line)

    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "helpers.py"), "w", encoding="utf-8") as f:
            f.write(MODULE)
        print("with double() in a module:")
        for method in ("spawn", "forkserver"):
            source = (TYPED_FIXED.replace("METHOD", repr(method))
                      .replace("FOLDER", repr(folder)))
            out, errors = interactive(source)
            print(f"{method:10} {out}", *errors)
