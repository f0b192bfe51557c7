"""At exit, daemon threads are stopped where they are: their finally blocks never run."""
import subprocess
import sys
import threading


def hold_and_clean_up(name, started, release):
    try:
        started.set()
        release.wait(timeout=30)  # the daemon is still waiting here at exit
    finally:
        print(name, "thread: finally block ran", flush=True)


def child():
    """The program under test, run in its own interpreter so we can watch it exit."""
    regular_started, daemon_started = threading.Event(), threading.Event()
    release_regular, release_daemon = threading.Event(), threading.Event()
    regular = threading.Thread(
        target=hold_and_clean_up, args=("regular", regular_started, release_regular)
    )
    daemon = threading.Thread(
        target=hold_and_clean_up,
        args=("daemon", daemon_started, release_daemon),
        daemon=True,
    )
    regular.start()
    daemon.start()
    assert regular_started.wait(timeout=5) and daemon_started.wait(timeout=5)
    print("main thread: returning", flush=True)
    # Let the regular thread finish. The interpreter waits for it at exit,
    # but not for the daemon, which is never released.
    release_regular.set()


if __name__ == "__main__":
    if sys.argv[1:] == ["child"]:
        child()
    else:
        done = subprocess.run(
            [sys.executable, __file__, "child"],
            capture_output=True, text=True, timeout=20,
        )
        print("child exit code:", done.returncode)
        print("child stderr empty:", done.stderr == "")
        print("child stdout:")
        for line in done.stdout.splitlines():
            print("   ", line)
