"""What BrokenProcessPool says about the worker that died."""
import concurrent.futures
import multiprocessing
import os


def crash():
    os._exit(3)          # dies without raising: there is no exception to send back


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as pool:
        pid = pool.submit(os.getpid).result(timeout=10)   # the one worker
        try:
            pool.submit(crash).result(timeout=10)
        except concurrent.futures.process.BrokenProcessPool as exc:
            print(f"{type(exc).__name__}: {exc}")
            cause = exc.__cause__
            if cause is None:
                print("cause: none given")
            else:
                # The worker's pid changes from run to run; name it instead.
                text = str(cause).strip().strip("'").strip()
                text = text.replace(str(pid), "<the worker>")
                print(f"cause: {type(cause).__name__}: {text}")
