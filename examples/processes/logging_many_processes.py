"""Many processes and threads log to one file: QueueHandlers, one QueueListener."""
import logging
import logging.handlers
import multiprocessing
import os
import tempfile
import threading

CHILDREN = 3
THREADS = 2


def child(log_queue, n):
    # Each child sends its records to the queue, whatever the start method:
    # under spawn and forkserver it starts with no handlers at all, and
    # under fork it must not write the parent's file on its own.
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(log_queue)]
    root.setLevel(logging.INFO)

    def work(t):
        logging.getLogger("app").info("record %d from thread %d of child %d", 1, t, n)
        logging.getLogger("app").info("record %d from thread %d of child %d", 2, t, n)

    threads = [threading.Thread(target=work, args=(t,), name=f"thread-{t}")
               for t in range(1, THREADS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    log_queue = ctx.Queue()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "app.log")
        children = [ctx.Process(target=child, args=(log_queue, n), name=f"child-{n}")
                    for n in range(1, CHILDREN + 1)]
        for p in children:
            p.start()
        # Open the file and start the listener's thread after the children:
        # under fork, a child must not be forked from a process that runs
        # other threads. Their records wait in the queue meanwhile.
        to_file = logging.FileHandler(path, encoding="utf-8")
        to_file.setFormatter(
            logging.Formatter("%(processName)s %(threadName)s %(message)s"))
        # Only the listener's thread, in the parent, ever touches the file.
        listener = logging.handlers.QueueListener(log_queue, to_file)
        listener.start()
        try:
            for p in children:
                p.join(timeout=30)
        finally:
            listener.stop()       # handles every record already queued, then returns
            to_file.close()
        log_queue.close()
        log_queue.join_thread()

        print("exit codes:", [p.exitcode for p in children])
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    # Records from different processes arrive in any order: sort to print.
    print(len(lines), "lines in the file, sorted:")
    for line in sorted(lines):
        print(" ", line)
