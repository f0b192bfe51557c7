"""Run one example exactly as the harness does, and judge what it printed.

An example is run as a reader would run it: ``python -X dev example.py``,
from a scratch directory, as a real subprocess. The environment is built
from scratch rather than inherited, so buffering or warning settings of the
caller cannot leak in. The start method is chosen at interpreter start-up
by ``tools/sitehook/sitecustomize.py``, so the example itself is unchanged.
"""
from __future__ import annotations

import difflib
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from catalog import ROOT, Example, page_urls

SITEHOOK = ROOT / "tools" / "sitehook"

# Prepended to the project's sitecustomize in every run: each shared-memory
# segment the example (or any of its children) creates is logged by name to
# the file in EXAMPLE_SHM_LOG. After the run, a logged name that still exists
# is a leak of *this* run: the names are random, so a concurrently running
# example can never be blamed, and a silent leak (track=False, or a segment
# unregistered from the resource tracker) is caught as surely as a noisy one.
_SHM_HOOK = """\
import os as _os
_shm_log = _os.environ.get("EXAMPLE_SHM_LOG")
if _shm_log:
    try:
        import _posixshmem
    except ImportError:  # Windows: segments die with their last handle
        pass
    else:
        def _logging_shm_open(path, flags, mode=0o777, _open=_posixshmem.shm_open, _log=_shm_log):
            fd = _open(path, flags, mode)
            if flags & _os.O_CREAT:
                with open(_log, "a", encoding="utf-8") as f:
                    f.write(path + "\\n")
            return fd
        _posixshmem.shm_open = _logging_shm_open
del _shm_log
"""

# asyncio's debug mode (on under -X dev) logs every loop step that took over
# 0.1 s. That measures how busy the machine is, not whether the example is
# right: on a loaded machine it appears now and then (make stress measured
# 2 in 1780 runs). Exactly these lines are set aside as notes, not failures;
# anything else on stderr still fails the run.
_ASYNCIO_SLOW_STEP = re.compile(r"^Executing <[^\n]*> took \d+\.\d+ seconds\n", re.MULTILINE)

# CPython 3.15's linecache warns when module globals have no __spec__.loader
# and the module is not __main__. A spawn or forkserver child runs the main
# script as __mp_main__, with __spec__ = None, so formatting the traceback of
# an exception raised in the script (what a pool does to send it back) warns,
# under -X dev only. It is CPython's warning, not the example's; exactly this
# line is set aside as a note on 3.15+ (docs/processes/pools.md says so).
_LINECACHE_MP_MAIN = re.compile(
    r"^<frozen linecache>:\d+: DeprecationWarning: Module globals is missing a __spec__\.loader\n",
    re.MULTILINE,
)

# What the resource tracker prints when it cleans up after a leaky program.
_TRACKER_LEAK = re.compile(r"resource_tracker: There appear to be \d+ leaked (\w+) objects")
_PASS_THROUGH = ("PATH", "HOME", "SYSTEMROOT", "COMSPEC", "TEMP", "TMP", "TMPDIR")


def example_env(start_method: str | None, extra: dict[str, str] | None = None) -> dict[str, str]:
    """A clean environment: nothing from the caller but what finding programs needs."""
    env = {k: os.environ[k] for k in _PASS_THROUGH if k in os.environ}
    env.update(
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONPATH=str(SITEHOOK),
    )
    if start_method:
        env["EXAMPLE_START_METHOD"] = start_method
    env.update(extra or {})
    return env


@dataclass
class Run:
    example: Example
    python: str
    start_method: str | None
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool = False
    leftovers: tuple[str, ...] = ()
    python_version: tuple[int, int] | None = None
    leaked_segments: tuple[str, ...] = ()
    orphans: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # stderr lines that do not fail a run (asyncio slow steps)
    free_threaded: bool = False  # the interpreter is a free-threaded build (Py_GIL_DISABLED)

    @property
    def set_aside(self) -> str | None:
        """Why this run was checked against [free_threaded] instead of the .out, if it was."""
        if self.free_threaded and self.example.free_threaded_pattern is not None:
            return self.example.free_threaded_reason
        return None

    @property
    def where(self) -> str:
        how = f"start method {self.start_method}" if self.start_method else "its own start method"
        return f"{self.example.name} ({how}, {self.python})"

    def problems(self) -> list[str]:
        """Everything wrong with this run, each as a sentence; empty when it passed."""
        found = []
        if self.timed_out:
            found.append(
                f"{self.where} did not finish within {self.example.timeout:g} s and was killed "
                f"with its whole process group. It had printed:\n{self.stdout or '(nothing)'}\n"
                f"and on stderr (thread tracebacks from faulthandler):\n{self.stderr or '(nothing)'}"
            )
            if self.leaked_segments:
                found.append(
                    f"Killing it left these behind; the harness has removed them: "
                    f"{', '.join(self.leaked_segments)}"
                )
            return found
        if self.returncode != 0:
            found.append(f"{self.where} exited with code {self.returncode}.")
        if self.stderr:
            found.append(
                f"{self.where} wrote to stderr (a traceback, a warning under -X dev, or a "
                f"child's error the parent did not notice):\n{self.stderr}"
            )
        for kind in sorted(set(_TRACKER_LEAK.findall(self.stderr))):
            found.append(
                f"{self.where} leaked {kind} objects: the resource tracker had to clean them up "
                f"at shutdown (see its message on stderr above)."
            )
        if self.leaked_segments:
            found.append(
                f"{self.where} left shared memory behind (segments created during this run and "
                f"never unlinked, or semaphores and segments of processes the harness had to kill; "
                f"it has removed them now): {', '.join(self.leaked_segments)}"
            )
        if self.leftovers:
            found.append(f"{self.where} left processes running: {', '.join(self.leftovers)}")
        if self.orphans:
            found.append(
                f"{self.where} left processes running that had left its session (setsid or a "
                f"double fork); the harness has killed them: {', '.join(self.orphans)}"
            )
        found.extend(self.output_problems())
        return found

    def _pattern_problems(self, pattern: re.Pattern, reason: str | None, declared: str) -> list[str]:
        if pattern.fullmatch(self.stdout):
            return []
        return [
            f"{self.where}: stdout does not match {declared}.\n"
            f"pattern: {pattern.pattern!r}\nreason: {reason}\nstdout:\n{self.stdout}"
        ]

    def output_problems(self) -> list[str]:
        ex = self.example
        pages = ", ".join(page_urls(ex.name, ex.docs)) or "no page yet"
        toml = _shown_path(ex.meta_path)
        if self.set_aside is not None:
            # Declared in [free_threaded]: without the GIL this output legitimately
            # differs. It must still match the pattern; the test summary lists it.
            return self._pattern_problems(
                ex.free_threaded_pattern, ex.free_threaded_reason,
                f"the [free_threaded] pattern in {toml} (this is a free-threaded build)",
            )
        if ex.output_pattern is not None:
            return self._pattern_problems(
                ex.output_pattern, ex.output_reason, f"the declared pattern in {toml} (shown on {pages})"
            )
        out_path = ex.out_path_for(self.python_version)
        if not out_path.exists():
            return [
                f"{_shown_path(out_path)} is missing. Write it from a real run with "
                f"`make outputs` (or `python tools/run_example.py --write {_shown_path(ex.path)}`)."
            ]
        expected = out_path.read_text(encoding="utf-8")
        if self.stdout == expected:
            return []
        if out_path == ex.out_path:
            shown = f"shown on {pages}"
        else:
            shown = f"the output from Python {out_path.stem.rsplit('.py', 1)[1]} on, declared in {ex.meta_path.name}"
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                self.stdout.splitlines(keepends=True),
                fromfile=f"{_shown_path(out_path)} ({shown})",
                tofile=f"what {self.where} printed",
            )
        )
        return [f"{self.where}: output differs from what the page shows.\n{diff}"]


def _shown_path(path: Path) -> str:
    """A path as a contributor types it: relative to the project when inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


@lru_cache(maxsize=None)
def python_version(executable: str) -> tuple[int, int]:
    """The (major, minor) of an interpreter, asked once per executable."""
    if os.path.realpath(executable) == os.path.realpath(sys.executable):
        return sys.version_info[:2]
    done = subprocess.run(
        [executable, "-I", "-c", "import sys; print('%d %d' % sys.version_info[:2])"],
        capture_output=True, text=True, timeout=30, check=True,
    )
    major, minor = done.stdout.split()
    return (int(major), int(minor))


@lru_cache(maxsize=None)
def is_free_threaded(executable: str) -> bool:
    """Whether an interpreter is a free-threaded build (3.13t, 3.14t, ...), asked once."""
    done = subprocess.run(
        [executable, "-I", "-c", "import sysconfig; print(bool(sysconfig.get_config_var('Py_GIL_DISABLED')))"],
        capture_output=True, text=True, timeout=30, check=True,
    )
    return done.stdout.strip() == "True"


@lru_cache(maxsize=None)
def _hook_source() -> str:
    return _SHM_HOOK + "\n" + (SITEHOOK / "sitecustomize.py").read_text(encoding="utf-8")


def _segment_exists(name: str) -> bool:
    try:
        import _posixshmem
    except ImportError:
        return False
    try:
        fd = _posixshmem.shm_open(name, os.O_RDONLY, 0)
    except OSError:
        return False
    os.close(fd)
    return True


def _remove_leaked_segments(log: Path) -> list[str]:
    """Names this run created that still exist; removes them so the machine stays clean."""
    if not log.exists():
        return []
    leaked = []
    for name in dict.fromkeys(log.read_text(encoding="utf-8").split()):
        if _segment_exists(name):
            leaked.append(name)
            import _posixshmem

            try:
                _posixshmem.shm_unlink(name)
            except OSError:
                pass
    return leaked


# Orphans that escape the example's session (setsid, double fork) would be
# re-parented to init and never seen. As a "child subreaper" (Linux), this
# process adopts them instead, so they can be found, killed and reaped.
_RUNS_LOCK = threading.Lock()
_RUNNING: set[int] = set()  # example pids this process started and still runs
_RECENT: "deque[int]" = deque(maxlen=32)  # the last ones to finish (their sessions)
_SUBREAPER = False


def _become_subreaper() -> bool:
    global _SUBREAPER
    if _SUBREAPER or not sys.platform.startswith("linux"):
        return _SUBREAPER
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_CHILD_SUBREAPER = 36
        _SUBREAPER = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        _SUBREAPER = False
    return _SUBREAPER


def _proc_stat(pid: str) -> list[str] | None:
    try:
        stat = (Path("/proc") / pid / "stat").read_text()
    except OSError:
        return None
    # pid (comm) state ppid pgrp session ...; comm may contain spaces.
    return stat[stat.rfind(")") + 2 :].split()


def _cmdline(pid: str) -> str:
    try:
        return (Path("/proc") / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return "?"


def _adopted_children() -> dict[int, tuple[str, int]]:
    """Children of this process it did not start (adopted orphans): pid -> (state, session)."""
    found = {}
    me = str(os.getpid())
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            rest = _proc_stat(entry.name)
            if rest and len(rest) > 3 and rest[1] == me:
                found[int(entry.name)] = (rest[0], int(rest[3]))
    with _RUNS_LOCK:
        return {pid: st for pid, st in found.items() if pid not in _RUNNING}


def _kill_orphans(before: set[int], sid: int, grace: float = 1.0) -> list[str]:
    """Kill and reap the orphans adopted since ``before``; report the live ones
    that had left session ``sid``. Processes still in the session of any run of
    this process are that run's leftovers (reported by its session check), so
    runs going on at the same time (tools/stress.py) are not blamed."""
    if not _SUBREAPER:
        return []

    def escaped() -> dict[int, tuple[str, int]]:
        with _RUNS_LOCK:
            known = _RUNNING | set(_RECENT) | {sid}
        found = {}
        for pid, (state, session) in _adopted_children().items():
            if pid in before:
                continue
            if state == "Z" or session in known:
                try:
                    if state == "Z":
                        os.waitpid(pid, 0)  # adopted: ours to reap, or it stays a zombie
                except ChildProcessError:
                    pass
                continue
            found[pid] = (state, session)
        return found

    deadline = time.monotonic() + grace
    while (found := escaped()) and time.monotonic() < deadline:
        time.sleep(0.05)
    reported = []
    for pid in found:
        reported.append(f"pid {pid}: {_cmdline(str(pid))}")
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    return reported


def _session_members(sid: int) -> list[str]:
    """Processes still in the example's session (Linux /proc; elsewhere, none known)."""
    members = []
    proc = Path("/proc")
    if not proc.is_dir():
        return members
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        rest = _proc_stat(entry.name)
        if rest and len(rest) > 3 and int(rest[3]) == sid and rest[0] != "Z":
            members.append(f"pid {entry.name}: {_cmdline(entry.name)}")
    return members


def run_example(
    example: Example,
    python: str = sys.executable,
    start_method: str | None = None,
    extra_env: dict[str, str] | None = None,
    grace: float = 3.0,
) -> Run:
    """Run ``example`` once and return what happened; never leaves a process behind."""
    version = python_version(python)
    free_threaded = is_free_threaded(python)
    subreaper = _become_subreaper()
    with tempfile.TemporaryDirectory(prefix="example-") as scratch:
        cwd = Path(scratch) / "run"  # what the reader's empty directory would be
        hook = Path(scratch) / "hook"
        cwd.mkdir()
        hook.mkdir()
        (hook / "sitecustomize.py").write_text(_hook_source(), encoding="utf-8")
        shm_log = Path(scratch) / "shm.log"
        env = example_env(start_method, extra_env)
        env.update(PYTHONPATH=str(hook), EXAMPLE_SHM_LOG=str(shm_log))
        cmd = [python, "-X", "dev", str(example.path)]
        before = set(_adopted_children()) if subreaper else set()
        started = time.monotonic()
        popen_kw = {}
        if os.name == "posix":
            popen_kw["start_new_session"] = True  # its own session and process group
        with _RUNS_LOCK:
            proc = subprocess.Popen(
                cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen_kw
            )
            _RUNNING.add(proc.pid)
        # Read both pipes in threads and wait for the example's own process,
        # not for end-of-file: a leftover child holding the pipes open must
        # be found and killed, not make the run look like a hang.
        out_reader = _Reader(proc.stdout)
        err_reader = _Reader(proc.stderr)
        try:
            timed_out = False
            killed_shm: set[str] = set()
            try:
                proc.wait(timeout=example.timeout)
            except subprocess.TimeoutExpired:
                timed_out = True
                killed_shm = _shm_files_of_session(proc.pid)
                _kill_hung(proc)
            seconds = time.monotonic() - started
            leftovers: list[str] = []
            if os.name == "posix":
                # The resource tracker and forkserver exit when the parent's pipe
                # closes; give them a moment, then anything left is a leak.
                deadline = time.monotonic() + grace
                while (leftovers := _session_members(proc.pid)) and time.monotonic() < deadline:
                    time.sleep(0.05)
                if leftovers:
                    killed_shm |= _shm_files_of_session(proc.pid)
                    try:
                        os.killpg(proc.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            orphans = _kill_orphans(before, proc.pid)
        finally:
            with _RUNS_LOCK:
                _RUNNING.discard(proc.pid)
                _RECENT.append(proc.pid)
        out, err = out_reader.result(), err_reader.result()
        leaked = _remove_leaked_segments(shm_log) + _remove_files(killed_shm)
    stderr = err.decode("utf-8", "replace")
    notes = tuple(m.group(0).rstrip("\n") for m in _ASYNCIO_SLOW_STEP.finditer(stderr))
    stderr = _ASYNCIO_SLOW_STEP.sub("", stderr)
    if version and tuple(version) >= (3, 15):
        notes += tuple(m.group(0).rstrip("\n") for m in _LINECACHE_MP_MAIN.finditer(stderr))
        stderr = _LINECACHE_MP_MAIN.sub("", stderr)
    return Run(
        example=example,
        python=python,
        start_method=start_method,
        returncode=proc.returncode,
        stdout=out.decode("utf-8", "replace"),
        stderr=stderr,
        seconds=seconds,
        timed_out=timed_out,
        leftovers=tuple(leftovers),
        python_version=version,
        leaked_segments=tuple(leaked),
        orphans=tuple(orphans),
        notes=notes,
        free_threaded=free_threaded,
    )


def _shm_files_of_session(sid: int) -> set[str]:
    """/dev/shm files (named semaphores, segments) mapped by the processes of a
    session (Linux). Read just before the harness kills them: killing a program
    kills its resource tracker too, which would otherwise have removed them."""
    found: set[str] = set()
    if not sys.platform.startswith("linux"):
        return found
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        rest = _proc_stat(entry.name)
        if not rest or len(rest) < 4 or int(rest[3]) != sid:
            continue
        try:
            maps = (entry / "maps").read_text()
        except OSError:
            continue
        for line in maps.splitlines():
            path = line.split(None, 5)[-1] if line.count(" ") >= 5 else ""
            if path.startswith("/dev/shm/"):
                found.add(path.replace(" (deleted)", ""))
    return found


def _remove_files(paths: set[str]) -> list[str]:
    removed = []
    for path in sorted(paths):
        try:
            os.unlink(path)
        except OSError:
            continue
        removed.append(path)
    return removed


class _Reader:
    """Collect one pipe in a thread, so the process (not EOF) decides when a run ends."""

    def __init__(self, pipe):
        self._pipe = pipe
        self._chunks: list[bytes] = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        with self._pipe:
            for chunk in iter(lambda: self._pipe.read1(65536), b""):
                self._chunks.append(chunk)

    def result(self, timeout: float = 10.0) -> bytes:
        # By now every process that could hold the pipe is dead; EOF is near.
        self._thread.join(timeout)
        return b"".join(self._chunks)


def _kill_hung(proc: subprocess.Popen) -> None:
    """Dump every thread's traceback (faulthandler, on under -X dev), then kill the group."""
    if os.name == "posix":
        try:
            os.kill(proc.pid, signal.SIGABRT)
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            pass
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    else:
        proc.kill()
    proc.wait()
