"""An interpreter queue's QueueFull and QueueEmpty are also queue.Full and queue.Empty."""
import queue
from concurrent import interpreters

if __name__ == "__main__":
    q = interpreters.create_queue(maxsize=2)
    q.put("a", timeout=1)
    q.put_nowait("b")
    print("maxsize:", q.maxsize, "qsize:", q.qsize(), "full:", q.full())
    try:
        q.put_nowait("c")
    except interpreters.QueueFull as e:
        print("put_nowait on a full queue: QueueFull; a queue.Full:",
              isinstance(e, queue.Full))
    try:
        q.put("c", timeout=0.05)
    except queue.Full:  # code written for queue.Queue keeps working
        print("put(timeout=0.05) on a full queue: caught as queue.Full")
    print("got:", q.get(timeout=1), q.get_nowait())
    try:
        q.get_nowait()
    except interpreters.QueueEmpty as e:
        print("get_nowait on an empty queue: QueueEmpty; a queue.Empty:",
              isinstance(e, queue.Empty))
    try:
        q.get(timeout=0.05)
    except queue.Empty:
        print("get(timeout=0.05) on an empty queue: caught as queue.Empty")
    # No task_done()/join() and no shutdown(): the queue.Queue extras are absent.
    print("has task_done:", hasattr(q, "task_done"), "has join:", hasattr(q, "join"),
          "has shutdown:", hasattr(q, "shutdown"))
