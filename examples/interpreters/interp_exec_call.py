"""An interpreter has its own globals: exec() runs code in it, call() runs a function."""
import sys
from concurrent import interpreters

LIMIT = 10  # a module global: every interpreter that imports this file has its own


def sum_of_squares(n):
    # Runs in whichever interpreter calls it; the result travels back as a copy.
    return sum(i * i for i in range(n))


def what_is_here():
    return (interpreters.get_current().id, __name__, "colorsys" in sys.modules, LIMIT)


if __name__ == "__main__":
    interp = interpreters.create()
    try:
        # exec() runs source text in the interpreter's own __main__ module.
        interp.exec("import colorsys\nLIMIT = 99")
        # prepare_main() binds shareable values (here an int) in that __main__.
        interp.prepare_main(n=4)
        interp.exec("squares = [i * i for i in range(n)]")

        main_id, main_name, main_has, main_limit = what_is_here()
        sub_id, sub_name, sub_has, sub_limit = interp.call(what_is_here)
        print(f"main interpreter: id {main_id}, module {main_name!r}, "
              f"colorsys loaded: {main_has}, LIMIT = {main_limit}")
        print(f"subinterpreter:   id {sub_id}, module {sub_name!r}, "
              f"colorsys loaded: {sub_has}, LIMIT = {sub_limit}")
        # exec() set LIMIT in the interpreter's real __main__; eval reads it there.
        print("LIMIT in its __main__ =", interp.call(eval, "LIMIT"))
        print("call(sum_of_squares, 1000) =", interp.call(sum_of_squares, 1000))

        try:
            interp.exec("squares.append(1 / 0)")
        except interpreters.ExecutionFailed as e:
            # The exception object stays in the other interpreter; a summary crosses.
            print("exec() raised ExecutionFailed:",
                  f"{e.excinfo.type.__name__}: {e.excinfo.msg}")
    finally:
        interp.close()
    print("interpreters left:", [i.id for i in interpreters.list_all()])
