"""What python -X dev turns on: the same faulty program, run without it and with it."""
import asyncio
import faulthandler
import os
import subprocess
import sys
import threading
import warnings


async def blocks_the_loop():
    threading.Event().wait(0.3)  # a blocking call in a coroutine: the loop stalls


def faulty_program():
    print(sys.flags.dev_mode, faulthandler.is_enabled(), flush=True)
    open(os.devnull).close  # BUG: no call, the file is left for the garbage collector
    # A library (any module but __main__) using a deprecated API of its own:
    library = {"__name__": "somelib", "warnings": warnings}
    exec("warnings.warn('old_api() is deprecated', DeprecationWarning,"
         " stacklevel=1)", library)
    asyncio.run(blocks_the_loop())


CHECKS = {
    "ResourceWarning: unclosed file": "ResourceWarning: unclosed file",
    "DeprecationWarning raised in a library": "DeprecationWarning: old_api()",
    "asyncio debug: a slow step of the loop": "Executing <Task",
}


def run(*flags):
    # Start from an environment without the variables that switch these on.
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDEVMODE", "PYTHONWARNINGS",
                        "PYTHONASYNCIODEBUG", "PYTHONFAULTHANDLER")}
    return subprocess.run([sys.executable, *flags, __file__, "faulty"], env=env,
                          capture_output=True, text=True, timeout=60)


if __name__ == "__main__":
    if sys.argv[1:] == ["faulty"]:
        faulty_program()
    else:
        plain, dev = run(), run("-X", "dev")
        print(f"{'':40} {'python':>8} {'-X dev':>8}")
        flags = [r.stdout.split() for r in (plain, dev)]
        print(f"{'sys.flags.dev_mode':40} {flags[0][0]:>8} {flags[1][0]:>8}")
        print(f"{'faulthandler.is_enabled()':40} {flags[0][1]:>8} {flags[1][1]:>8}")
        for what, mark in CHECKS.items():
            shown = ["shown" if mark in r.stderr else "-" for r in (plain, dev)]
            print(f"{what:40} {shown[0]:>8} {shown[1]:>8}")
        print(f"exit status: {plain.returncode} and {dev.returncode}")
