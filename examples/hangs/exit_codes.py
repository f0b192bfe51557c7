"""active_children() lists running children; a negative exitcode names the signal."""
import multiprocessing
import signal
import sys


def finish():
    pass


def fail_with(code):
    sys.exit(code)


def wait_for(release):
    release.wait(60)  # a child stuck until someone ends it


def describe(code):
    if code is None:
        return "None (still running)"
    if code < 0:
        return f"{code} (killed by {signal.Signals(-code).name})"
    return str(code)


if __name__ == "__main__":
    release = multiprocessing.Event()
    children = {
        "finishes": multiprocessing.Process(target=finish, name="finishes"),
        "exits 3": multiprocessing.Process(target=fail_with, args=(3,), name="exits 3"),
        "terminated": multiprocessing.Process(target=wait_for, args=(release,),
                                              name="terminated"),
        "killed": multiprocessing.Process(target=wait_for, args=(release,),
                                          name="killed"),
    }
    for child in children.values():
        child.start()
    children["finishes"].join(30)
    children["exits 3"].join(30)
    # active_children() also reaps any child that has ended since the last call.
    print(f"still running: {sorted(p.name for p in multiprocessing.active_children())}")
    children["terminated"].terminate()  # SIGTERM on POSIX
    children["killed"].kill()  # SIGKILL on POSIX
    for child in children.values():
        child.join(30)
    for name, child in children.items():
        print(f"{name:<11} exitcode {describe(child.exitcode)}")
    print(f"still running: {sorted(p.name for p in multiprocessing.active_children())}")
