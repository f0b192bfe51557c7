"""Registering a lambda works under fork only: spawn must pickle it, and cannot."""
import multiprocessing
import pickle
from multiprocessing.managers import BaseManager


class LambdaManager(BaseManager):
    pass


class NamedManager(BaseManager):
    pass


def make_inventory():
    return {"apples": 3}


# The manager's server is a child process. Under spawn and forkserver the
# registry travels to it pickled, and pickle stores functions by name:
# a lambda has none it can be found by.
LambdaManager.register("inventory", callable=lambda: {"apples": 3})
NamedManager.register("inventory", callable=make_inventory)


def try_start(manager_class, ctx):
    manager = manager_class(ctx=ctx)
    try:
        manager.start()
    except pickle.PicklingError:
        # Raised in the parent before the server process exists.
        return "start() raised PicklingError"
    try:
        return "served " + str(manager.inventory().copy())
    finally:
        manager.shutdown()


if __name__ == "__main__":
    # The start method is the lesson, so this example picks it: spawn,
    # available everywhere and the default on Windows and macOS.
    ctx = multiprocessing.get_context("spawn")
    print("lambda:         ", try_start(LambdaManager, ctx))
    print("module function:", try_start(NamedManager, ctx))
