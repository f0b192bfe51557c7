"""Process.interrupt() raises KeyboardInterrupt so cleanup runs; terminate() skips it."""
import multiprocessing
import signal
import threading


def serve(ready, report):
    # A process started with SIGINT ignored (nohup, a background job of a
    # script) passes that on, and Python then installs no KeyboardInterrupt
    # handler. Install it, so interrupt() works however we were started.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        ready.set()
        # Stands for long work, done in short steps: a signal that lands just
        # before a blocking call starts is only seen when that call returns.
        pause = threading.Event()
        for _ in range(600):
            pause.wait(0.1)
        report.put("finished")
    except KeyboardInterrupt:
        report.put("KeyboardInterrupt: cleaned up")
    finally:
        report.put("finally ran")


def run(stop):
    ready, report = multiprocessing.Event(), multiprocessing.Queue()
    child = multiprocessing.Process(target=serve, args=(ready, report))
    child.start()
    if not ready.wait(10):
        raise RuntimeError("the child never started")
    getattr(child, stop)()            # interrupt() or terminate()
    child.join(10)
    if child.exitcode is None:        # it ignored the request: stop it for good
        child.kill()
        child.join(10)
    # A child that ran its cleanup sent two lines; a killed one sent none.
    lines = [report.get(timeout=10) for _ in range(2)] if child.exitcode == 0 else []
    if not report.empty():
        lines.append("(more)")
    report.close()
    return child.exitcode, lines


if __name__ == "__main__":
    for stop in ("interrupt", "terminate"):
        exitcode, lines = run(stop)
        print(f"{stop}(): exit code {exitcode}, child reported {lines}")
