"""Stop a worker thread by asking: it checks a stop Event between units of work."""
import threading


def worker(stop, working, report):
    rounds = 0
    try:
        while not stop.is_set():
            rounds += 1  # one unit of work
            working.set()
            # A pause that ends early when stop is set; wait() returns True then.
            stop.wait(timeout=0.05)
    finally:
        # Runs because the thread returns normally: this is what "clean" buys.
        report["rounds"] = rounds
        report["cleaned up"] = True


if __name__ == "__main__":
    stop = threading.Event()
    working = threading.Event()
    report = {}
    t = threading.Thread(target=worker, args=(stop, working, report))
    t.start()
    assert working.wait(timeout=5), "worker never started"

    stop.set()
    t.join(timeout=5)  # returns None either way ...
    if t.is_alive():   # ... so ask whether the thread really ended
        print("worker did not stop within 5 s")
    else:
        print("worker stopped, is_alive():", t.is_alive())
        print("did at least one round:", report["rounds"] >= 1)
        print("cleanup ran:", report["cleaned up"])
