"""The harness's start-up hook, loaded by every Python process of an example run.

The harness puts this directory on PYTHONPATH, so the example itself is
unchanged, and every child interpreter (spawn, forkserver, subprocess) loads
it too; a forked child inherits it. It does four things, each only when the
harness asks through the environment:

- EXAMPLE_START_METHOD: make that the default multiprocessing start method;
- EXAMPLE_SWITCH_INTERVAL: a tiny sys.setswitchinterval(), so threads switch
  far more often than usual (make stress);
- EXAMPLE_HOOK_LOG: append one line per event to that file, for the harness
  to judge after the run: a process started and with which method, a start
  method chosen by the program itself, a shared-memory segment created, and
  a child process (any process but the example's own) that ended with an
  uncaught exception or a non-zero exit, or a subprocess the program ran
  that exited non-zero.

Every subinterpreter (3.14+ concurrent.interpreters) loads it too; checked
harmless on 3.14 and 3.15.

It must run unchanged on every CPython the examples support (3.9 on).
"""
import os
import sys

_LOG = os.environ.get("EXAMPLE_HOOK_LOG")
_os_exit = os._exit
_os_write = os.write
_os_open = os.open
_os_close = os.close

if _LOG:
    # The first process to load the hook is the example; the rest are its children.
    if "EXAMPLE_MAIN_PID" not in os.environ:
        os.environ["EXAMPLE_MAIN_PID"] = str(os.getpid())


def _is_child():
    return os.environ.get("EXAMPLE_MAIN_PID") != str(os.getpid())


def _log(kind, detail=""):
    """One line "pid<TAB>kind<TAB>detail", appended in one write (O_APPEND)."""
    if not _LOG:
        return
    line = "%d\t%s\t%s\n" % (os.getpid(), kind, " ".join(str(detail).split()))
    try:
        fd = _os_open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            _os_write(fd, line.encode("utf-8", "replace"))
        finally:
            _os_close(fd)
    except OSError:
        pass


def _argv():
    return " ".join(sys.argv)[:200] if getattr(sys, "argv", None) else "?"


# --- patches applied when a module is first imported ------------------------

_FORCING = [False]  # True while the hook itself sets the start method


def _patch_process(mod):
    base = mod.BaseProcess
    start, bootstrap = base.start, base._bootstrap

    def start_and_log(self):
        start(self)
        _log("start", getattr(type(getattr(self, "_popen", None)), "method", "?"))

    def bootstrap_and_log(self, *args, **kwargs):
        code = bootstrap(self, *args, **kwargs)
        if code:
            _log("child-failed", "%s (%s) exit code %s" % (self.name, _argv(), code))
        return code

    base.start = start_and_log
    base._bootstrap = bootstrap_and_log


def _patch_context(mod):
    base = mod.BaseContext
    get_context = base.get_context

    def get_context_and_log(self, method=None):
        if method is not None and not _FORCING[0]:
            _log("choose", method)
        return get_context(self, method)

    base.get_context = get_context_and_log
    default = mod.DefaultContext
    set_start_method = default.set_start_method

    def set_start_method_and_log(self, method, force=False):
        if not _FORCING[0]:
            _log("choose", method)
        return set_start_method(self, method, force)

    default.set_start_method = set_start_method_and_log


def _patch_spawn(mod):
    prepare = mod.prepare

    def prepare_quietly(*args, **kwargs):
        # A spawned child re-applies its parent's start method here: not a choice.
        _FORCING[0] = True
        try:
            return prepare(*args, **kwargs)
        finally:
            _FORCING[0] = False

    mod.prepare = prepare_quietly


def _patch_threading(mod):
    hook = getattr(mod, "excepthook", None)
    if hook is None:
        return

    def excepthook(args):
        if _is_child() and args.exc_type is not SystemExit:
            _log("child-failed", "%s: uncaught %s: %s in thread %s" % (
                _argv(), args.exc_type.__name__, args.exc_value, getattr(args.thread, "name", "?")))
        return hook(args)

    mod.excepthook = excepthook


def _patch_subprocess(mod):
    popen = mod.Popen
    handle = getattr(popen, "_handle_exitstatus", None)
    if handle is None:  # Windows
        return

    def handle_and_log(self, *args, **kwargs):
        result = handle(self, *args, **kwargs)
        if self.returncode and not getattr(self, "_example_logged", False):
            self._example_logged = True
            args_ = self.args if isinstance(self.args, str) else " ".join(map(str, self.args))
            _log("subprocess-failed", "%s exited with %s" % (args_[:200], self.returncode))
        return result

    popen._handle_exitstatus = handle_and_log


def _patch_posixshmem(mod):
    shm_open = mod.shm_open

    def shm_open_and_log(path, flags, mode=0o777):
        fd = shm_open(path, flags, mode)
        if flags & os.O_CREAT:
            _log("shm", path)
        return fd

    mod.shm_open = shm_open_and_log


_PATCHES = {
    "multiprocessing.process": _patch_process,
    "multiprocessing.context": _patch_context,
    "multiprocessing.spawn": _patch_spawn,
    "threading": _patch_threading,
    "subprocess": _patch_subprocess,
    "_posixshmem": _patch_posixshmem,
}


class _AfterImport:
    """Patch a module right after it is first imported, without importing it early."""

    def find_spec(self, name, path=None, target=None):
        patch = _PATCHES.pop(name, None)
        if patch is None:
            return None
        import importlib.util

        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            patch(module)

        loader.exec_module = exec_and_patch
        return spec


if _LOG:
    for _name in list(_PATCHES):
        if _name in sys.modules:
            _PATCHES.pop(_name)(sys.modules[_name])
    sys.meta_path.insert(0, _AfterImport())

    _excepthook = sys.excepthook

    def _excepthook_and_log(exc_type, exc, tb):
        if _is_child():
            _log("child-failed", "%s: uncaught %s: %s" % (_argv(), exc_type.__name__, exc))
        return _excepthook(exc_type, exc, tb)

    sys.excepthook = _excepthook_and_log

    _sys_exit = sys.exit

    def _exit_and_log(code=None):
        # sys.exit() in any thread but the main one ends only that thread (a
        # manager's server thread does so when its client is gone): no failure.
        threads = sys.modules.get("threading")
        in_main = threads is None or threads.current_thread() is threads.main_thread()
        if code not in (None, 0) and _is_child() and in_main:
            _log("child-failed", "%s: sys.exit(%r)" % (_argv(), code))
        _sys_exit(code)

    sys.exit = _exit_and_log

    def _os_exit_and_log(code):
        if code and _is_child():
            _log("child-failed", "%s: os._exit(%r)" % (_argv(), code))
        _os_exit(code)

    os._exit = _os_exit_and_log

_method = os.environ.get("EXAMPLE_START_METHOD")
if _method:
    import multiprocessing

    _FORCING[0] = True
    try:
        multiprocessing.set_start_method(_method, force=True)
    finally:
        _FORCING[0] = False

_interval = os.environ.get("EXAMPLE_SWITCH_INTERVAL")
if _interval:
    sys.setswitchinterval(float(_interval))
