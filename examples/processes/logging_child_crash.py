"""A crashing child's records arrive; its traceback reaches the log only if it logs it."""
import logging
import logging.handlers
import multiprocessing
import os
import subprocess
import sys
import tempfile


def send_logs_to(log_queue):
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(log_queue)]
    root.setLevel(logging.INFO)


def crashes(log_queue):
    send_logs_to(log_queue)
    logging.info("starting")
    logging.info("about to divide")
    1 / 0                                  # uncaught: traceback to stderr


def logs_its_crash(log_queue):
    send_logs_to(log_queue)
    logging.info("starting")
    try:
        1 / 0
    except ZeroDivisionError:
        logging.exception("gave up")       # the traceback goes into the record
        sys.exit(1)


def program(path):
    ctx = multiprocessing.get_context()
    log_queue = ctx.Queue()
    to_file = logging.FileHandler(path, encoding="utf-8")
    to_file.setFormatter(logging.Formatter("%(processName)s %(levelname)s %(message)s"))
    listener = logging.handlers.QueueListener(log_queue, to_file)
    children = [ctx.Process(target=target, args=(log_queue,), name=target.__name__)
                for target in (crashes, logs_its_crash)]
    for p in children:
        p.start()
    listener.start()    # after the children: no thread to fork
    try:
        for p in children:
            p.join(timeout=30)
    finally:
        listener.stop()
        to_file.close()
    log_queue.close()
    log_queue.join_thread()
    for p in children:
        print(f"{p.name} exit code: {p.exitcode}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--program":
        program(sys.argv[2])
        sys.exit(0)

    # Run the program as its own process, to look at its stderr apart from
    # its log file.
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "app.log")
        run = subprocess.run([sys.executable, __file__, "--program", path],
                             capture_output=True, text=True, timeout=60)
        with open(path, encoding="utf-8") as f:
            log = f.read().splitlines()
    print(run.stdout, end="")
    # A record's traceback continues on the lines after it. Group the lines
    # into records, then order them by process: the records of one process
    # keep their order through the queue, those of two processes do not.
    records = []
    for line in log:
        if line.startswith(("crashes ", "logs_its_crash ")):
            records.append([line])
        else:
            records[-1].append(line)
    records.sort(key=lambda record: record[0].split()[0])
    # Indented lines are a traceback's frames: they name files and line
    # numbers of this machine, so they are left out here.
    print("log file, by process:")
    for record in records:
        for line in record:
            if not line.startswith(" "):
                print(" ", line)
    stderr = run.stderr.splitlines()
    print("stderr, first and last line:")
    print(" ", stderr[0])
    print(" ", stderr[-1])
