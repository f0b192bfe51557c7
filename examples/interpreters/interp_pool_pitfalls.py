"""What fails in a subinterpreter: some extension modules, and returning your classes."""
from concurrent import interpreters
from concurrent.futures import InterpreterPoolExecutor


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


def import_readline():
    import readline  # noqa: F401  (single-phase init: refuses subinterpreters)
    return "loaded"


def make_point(x, y):
    return Point(x, y)  # pickled as "<fake __main__>.Point": the caller cannot find it


def make_pair(x, y):
    return (x, y)  # the fix: return shareable or importable types


if __name__ == "__main__":
    with InterpreterPoolExecutor(max_workers=1) as pool:
        try:
            pool.submit(import_readline).result(timeout=30)
        except ImportError as e:
            print(f"import readline: {type(e).__name__}: {e}")
        try:
            pool.submit(make_point, 1, 2).result(timeout=30)
        except interpreters.NotShareableError:
            print("returning a Point defined in this script: NotShareableError")
        pair = pool.submit(make_pair, 1, 2).result(timeout=30)
        print("returning a tuple instead:", pair)
    # The same import in the main interpreter is fine (where readline exists).
    try:
        import readline  # noqa: F401
        print("import readline in the main interpreter: loaded")
    except ImportError as e:
        print(f"import readline in the main interpreter: {type(e).__name__}: {e}")
