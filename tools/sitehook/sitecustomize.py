"""Select the multiprocessing start method for the example under test.

The test harness puts this directory on PYTHONPATH and sets
EXAMPLE_START_METHOD, so an unmodified example runs under fork, spawn or
forkserver. Child processes inherit the environment and run this too, and
so does every subinterpreter (3.14+ concurrent.interpreters, checked on 3.14
and 3.15): harmless, it only sets the default context of that interpreter.
"""
import os

_method = os.environ.get("EXAMPLE_START_METHOD")
if _method:
    import multiprocessing

    multiprocessing.set_start_method(_method, force=True)
