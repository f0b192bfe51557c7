"""Which build runs this program, whether the GIL is on, two flags tied to the build."""
import sys
import sysconfig

if __name__ == "__main__":
    # 1 on a free-threaded build (python3.14t), 0 on the default build.
    print("free-threaded build (Py_GIL_DISABLED):",
          sysconfig.get_config_var("Py_GIL_DISABLED"))
    # A free-threaded build can still run with the GIL (-X gil=1, PYTHON_GIL=1,
    # or an extension module that does not declare it is safe without it).
    print("GIL enabled right now:", sys._is_gil_enabled())
    # Both default to true on a free-threaded build and false on the default one.
    print("sys.flags.thread_inherit_context:", sys.flags.thread_inherit_context)
    print("sys.flags.context_aware_warnings:", sys.flags.context_aware_warnings)
