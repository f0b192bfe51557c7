"""A watchdog thread reads sys._current_frames() to show where every thread is."""
import os
import sys
import threading
import traceback


def fetch(reply, results):
    # A stand-in for a network call made without a timeout.
    if reply.wait(60):
        results.append("reply")


def where(frame):
    """The innermost line of this file in a thread's stack."""
    for entry in reversed(traceback.extract_stack(frame)):
        if os.path.basename(entry.filename) == os.path.basename(__file__):
            return f"line {entry.lineno} in {entry.name}: {entry.line}"
    return "(outside this file)"


def watchdog(done, report, reply, late_after=1.0):
    if done.wait(late_after):
        return
    frames = sys._current_frames()
    for t in threading.enumerate():
        if t is not threading.current_thread():
            report.append(f"{t.name:<10} {where(frames[t.ident])}")
    reply.set()  # only so that this demonstration can end


if __name__ == "__main__":
    done, reply, report, results = threading.Event(), threading.Event(), [], []
    dog = threading.Thread(target=watchdog, args=(done, report, reply), name="watchdog")
    dog.start()
    worker = threading.Thread(target=fetch, args=(reply, results), name="fetcher")
    worker.start()
    worker.join(60)
    done.set()
    dog.join(60)
    print("the watchdog found the work late; every other thread was at:")
    for line in sorted(report):
        print(f"  {line}")
    print(f"then the work finished with {results}")
