"""Python 3.14: QueueListener is a context manager; threads feed it via a queue.Queue."""
import io
import logging
import logging.handlers
import queue
import threading


def work(logger, n):
    for step in (1, 2):
        logger.info("thread %d, step %d", n, step)


if __name__ == "__main__":
    records = queue.Queue()
    logger = logging.getLogger("app")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    # The threads only put records on the queue, which is fast; the slow
    # handler (a file, a socket) runs in the listener's one thread.
    logger.addHandler(logging.handlers.QueueHandler(records))

    out = io.StringIO()
    slow = logging.StreamHandler(out)
    with logging.handlers.QueueListener(records, slow):   # start() ... stop()
        threads = [threading.Thread(target=work, args=(logger, n)) for n in (1, 2, 3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
    # Leaving the block stopped the listener after it handled every record.
    print(*sorted(out.getvalue().splitlines()), sep="\n")
