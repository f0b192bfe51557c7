"""Run one example exactly as the harness does, and judge what it printed.

An example is run as a reader would run it: ``python -X dev example.py``,
from a working directory that already holds a few files, stdin from
/dev/null, as a real subprocess. The environment is built from scratch
rather than inherited, so buffering or warning settings of the caller
cannot leak in. ``tools/sitehook/sitecustomize.py`` is loaded by every
Python process of the run: it forces the start method the harness asks
for, and logs what the program did (processes started and with which
method, a start method chosen by the program, shared memory created, a
child that failed) for the judge to read afterwards.

Where the OS allows it (Linux, as root), each run gets its own /tmp and
/dev/shm through a mount namespace, so whatever is left there afterwards is
this run's leak. Elsewhere the harness falls back to the hook's log of
shared-memory segments, and says so (``isolation()``).

One judge: ``Run.problems()`` judges one run and ``judge()`` a set of runs
of one example; the tests, ``tools/run_example.py`` (``make outputs``) and
``tools/stress.py`` all use them, so what one accepts the others accept.
"""
from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from catalog import ROOT, START_METHODS, Example, page_urls

SITEHOOK = ROOT / "tools" / "sitehook"

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
# line is set aside as a note on 3.15+ (docs/processes/pool-failures.md says so).
_LINECACHE_MP_MAIN = re.compile(
    r"^<frozen linecache>:\d+: DeprecationWarning: Module globals is missing a __spec__\.loader\n",
    re.MULTILINE,
)

# What the resource tracker prints when it cleans up after a leaky program.
_TRACKER_LEAK = re.compile(r"resource_tracker: There appear to be \d+ leaked (\w+) objects")
_PASS_THROUGH = ("PATH", "HOME", "SYSTEMROOT", "COMSPEC", "TEMP", "TMP", "TMPDIR")

# Files a reader's working directory already holds; the example must leave
# them as they are and add nothing.
_CWD_FILES = {"notes.txt": "a file the reader had here already\n", "data/values.csv": "1,2,3\n"}

# multiprocessing's own helpers end when the program's pipe to them closes,
# a moment after the program; anything else still running at the end is a leak.
_HELPERS = ("multiprocessing.resource_tracker", "multiprocessing.forkserver", "multiprocessing.semaphore_tracker")
_END_GRACE = 0.3  # seconds any other process may take to finish exiting

# A pseudo-terminal for stdout: POSIX only. On Windows the "terminal" run is a pipe.
HAVE_PTY = os.name == "posix"


def example_env(
    start_method: str | None, extra: dict[str, str] | None = None, variation: dict[str, str] | None = None
) -> dict[str, str]:
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
    for key, value in (variation or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


# --- isolation: a private /tmp and /dev/shm per run ---------------------------


@lru_cache(maxsize=None)
def isolation() -> tuple[bool, str]:
    """(True, how) when each run gets its own /tmp and /dev/shm, else (False, why not)."""
    if not sys.platform.startswith("linux"):
        return False, f"no mount namespaces on {sys.platform}; leftovers in /tmp are not checked"
    if os.geteuid() != 0:
        return False, "not root, so no mount namespace; leftovers in /tmp are not checked"
    unshare = shutil.which("unshare")
    if not unshare:
        return False, "no unshare(1) on PATH; leftovers in /tmp are not checked"
    with tempfile.TemporaryDirectory(dir=_scratch_base()) as probe:
        done = subprocess.run(
            [unshare, "--mount", "--propagation", "private", "/bin/sh", "-c",
             f"mount --bind {shlex.quote(probe)} /tmp && touch /tmp/probe"],
            capture_output=True, text=True, timeout=30,
        )
        if done.returncode != 0 or not (Path(probe) / "probe").exists():
            return False, f"unshare --mount failed ({done.stderr.strip()}); leftovers in /tmp are not checked"
    return True, "each run has its own /tmp and /dev/shm (mount namespace)"


@lru_cache(maxsize=None)
def _scratch_base() -> str:
    """Where run directories live: outside /tmp, which a run's namespace replaces."""
    base = ROOT / "_build" / "runs"
    base.mkdir(parents=True, exist_ok=True)
    return str(base)


def _under(path: Path, top: str) -> bool:
    try:
        Path(path).resolve().relative_to(top)
        return True
    except ValueError:
        return False


def _isolated_command(cmd: list[str], private_tmp: Path, private_shm: Path, keep: list[Path], hold: Path) -> list[str]:
    """``cmd`` in a new mount namespace whose /tmp and /dev/shm are the given
    directories. Directories under /tmp the run needs (an example tree in a
    temporary directory) stay visible: bound aside first, then back in place."""
    q = shlex.quote
    steps = ["set -e"]
    held = []
    for i, path in enumerate(keep):
        h = hold / str(i)
        h.mkdir()
        held.append((path, h))
        steps.append(f"mount --bind {q(str(path))} {q(str(h))}")
    steps += [f"mount --bind {q(str(private_tmp))} /tmp", f"mount --bind {q(str(private_shm))} /dev/shm"]
    for path, h in held:
        steps += [f"mkdir -p {q(str(path))}", f"mount --bind {q(str(h))} {q(str(path))}"]
    steps.append('exec "$@"')
    return ["unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", "; ".join(steps), "sh", *cmd]


def _files_left(top: Path, shown_as: str, ignore: set[str] = frozenset()) -> list[str]:
    """Everything under ``top`` but the directories in ``ignore`` (relative), as the run saw it."""
    found = []
    for path in sorted(top.rglob("*")):
        rel = path.relative_to(top).as_posix()
        if rel in ignore and path.is_dir():
            continue
        found.append(f"{shown_as}/{rel}" + ("/" if path.is_dir() and not path.is_symlink() else ""))
    return found


# --- Redis: a database of its own per run -------------------------------------

_REDIS_LOCK = threading.Lock()
_REDIS_FREE = list(range(15, 0, -1))  # databases 1-15; 0 is left to people


def _redis_command(url: str, *args: str) -> object:
    """Send one command over RESP and return the reply (enough for the checks here)."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=10) as s:
        db = (parts.path or "/0").lstrip("/") or "0"
        f = s.makefile("rb")
        for cmd in (("SELECT", db), args):
            s.sendall(b"*%d\r\n" % len(cmd) + b"".join(b"$%d\r\n%s\r\n" % (len(a.encode()), a.encode()) for a in cmd))
            reply = _resp(f)
        return reply


def _resp(f):
    line = f.readline().rstrip(b"\r\n")
    kind, rest = line[:1], line[1:]
    if kind in (b"+", b"-"):
        return rest.decode()
    if kind == b":":
        return int(rest)
    if kind == b"$":
        n = int(rest)
        return None if n < 0 else f.read(n + 2)[:-2].decode("utf-8", "replace")
    if kind == b"*":
        return [_resp(f) for _ in range(max(int(rest), 0))]
    raise OSError(f"unexpected Redis reply {line!r}")


def _own_redis_db(url: str) -> tuple[str, int | None]:
    with _REDIS_LOCK:
        if not _REDIS_FREE:
            return url, None
        db = _REDIS_FREE.pop()
    parts = urlsplit(url)
    mine = urlunsplit(parts._replace(path=f"/{db}"))
    _redis_command(mine, "FLUSHDB")
    return mine, db


def _redis_leftovers(url: str, db: int) -> list[str]:
    try:
        keys = _redis_command(url, "KEYS", "*") or []
        found = []
        for key in sorted(keys)[:20]:
            ttl = _redis_command(url, "TTL", key)
            found.append(key if ttl == -1 else f"{key} (expires in {ttl} s)")
        if len(keys) > 20:
            found.append(f"... {len(keys) - 20} more")
        _redis_command(url, "FLUSHDB")
        return found
    finally:
        with _REDIS_LOCK:
            _REDIS_FREE.append(db)


# --- one run --------------------------------------------------------------------


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
    tty: bool = False  # stdout was a pseudo-terminal, not a pipe
    events: tuple[tuple[int, str, str], ...] = ()  # (pid, kind, detail) from the start-up hook
    files_left: tuple[str, ...] = ()  # in the run's /tmp, /dev/shm or working directory
    redis_keys: tuple[str, ...] = ()
    variation: dict = field(default_factory=dict)  # environment the harness varied (make stress)
    main_pid: int = 0
    unwaited: tuple[str, ...] = ()  # children that exited non-zero and nobody waited for
    free_threaded: bool = False  # the interpreter is a free-threaded build (Py_GIL_DISABLED)

    @property
    def set_aside(self) -> str | None:
        """Why this run was checked against [free_threaded] instead of the .out, if it was."""
        if self.free_threaded and self.example.free_threaded_pattern is not None:
            return self.example.free_threaded_reason
        return None

    @property
    def where(self) -> str:
        how = f"start method {self.start_method}" if self.start_method else "its default start method"
        extra = ", stdout on a terminal" if self.tty else ""
        varied = "".join(f", {k}={v}" for k, v in sorted(self.variation.items()) if v is not None)
        return f"{self.example.name} ({how}{extra}, {self.python}{varied})"

    @property
    def started_methods(self) -> set[str]:
        """Start methods of every process the program (or its children) started."""
        return {detail for _, kind, detail in self.events if kind == "start"}

    @property
    def chosen_methods(self) -> set[str]:
        """Start methods the program chose itself (set_start_method, get_context(m))."""
        return {detail for _, kind, detail in self.events if kind == "choose"}

    @property
    def child_failures(self) -> list[str]:
        seen, found = set(), []
        for pid, kind, detail in self.events:
            # One line per failed process (a child's exit code is logged twice:
            # by multiprocessing's bootstrap and by sys.exit).
            key = pid if kind == "child-failed" else (pid, detail)
            if kind in ("child-failed", "subprocess-failed") and key not in seen:
                seen.add(key)
                found.append(f"pid {pid}: {detail}" if kind == "child-failed" else f"a subprocess of pid {pid}: {detail}")
        return found + list(self.unwaited)

    def problems(self, compare_output: bool = True) -> list[str]:
        """Everything wrong with this run, each as a sentence; empty when it passed.
        ``compare_output=False`` leaves out only the comparison with the .out
        (``make outputs`` writes it from this run)."""
        found = []
        meta = self.example.meta
        if self.timed_out:
            found.append(
                f"{self.where} did not finish within {self.example.timeout:g} s and was killed "
                f"with its whole process group. It had printed:\n{self.stdout or '(nothing)'}\n"
                f"and on stderr (thread tracebacks from faulthandler):\n{self.stderr or '(nothing)'}"
            )
            if self.leaked_segments or self.files_left:
                found.append(
                    f"Killing it left these behind; the harness has removed them: "
                    f"{', '.join(self.leaked_segments + self.files_left)}"
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
        if self.files_left:
            found.append(
                f"{self.where} left files behind in /tmp, /dev/shm or the reader's working "
                f"directory (the harness gave this run its own and has removed them): "
                f"{', '.join(self.files_left)}"
            )
        if self.redis_keys:
            found.append(
                f"{self.where} left keys in Redis (the harness gave this run a database of its "
                f"own and has emptied it; delete what the example creates): {', '.join(self.redis_keys)}"
            )
        if self.leftovers:
            found.append(
                f"{self.where} left processes running after it exited (the harness has killed "
                f"them): {', '.join(self.leftovers)}"
            )
        if self.orphans:
            found.append(
                f"{self.where} left processes running that had left its session (setsid or a "
                f"double fork); the harness has killed them: {', '.join(self.orphans)}"
            )
        toml = self.example.meta_path.name
        failures = self.child_failures
        declared = self.example.child_failures_reason(self.python_version)
        if failures and not declared:
            found.append(
                f"{self.where}: a child process failed, and nothing on the page says so:\n  "
                + "\n  ".join(failures)
                + f"\nCheck every child's exit code and report it. If the crash is the lesson, "
                f"declare it in {toml}: child_failures = \"why the child fails on purpose\"."
            )
        if declared and not failures:
            found.append(
                f"{self.where}: {toml} declares child_failures, but no child failed in this run. "
                f"Remove the declaration, or make the crash it describes happen."
            )
        chosen = self.chosen_methods
        if meta.get("own_start_method"):
            if not chosen and self.started_methods:
                found.append(
                    f"{self.where}: {toml} declares own_start_method, but the program never "
                    f"chose a start method (set_start_method() or get_context(method)); it "
                    f"started processes with {', '.join(sorted(self.started_methods))}. Remove the "
                    f"declaration, so the harness runs it under every method."
                )
            elif not chosen:
                found.append(
                    f"{self.where}: {toml} declares own_start_method, but the program never chose a "
                    f"start method and started no process. Remove the declaration."
                )
        elif chosen and self.started_methods:
            found.append(
                f"{self.where}: the program chooses its start method itself "
                f"({', '.join(sorted(chosen))}), so the harness cannot run it under every method. "
                f"If choosing is the lesson, declare it in {toml}: own_start_method = true."
            )
        if compare_output:
            found.extend(self.output_problems())
        return found

    def _pattern_problems(self, pattern: re.Pattern, reason: str | None, declared: str) -> list[str]:
        if pattern.fullmatch(self.stdout):
            return []
        return [
            f"{self.where}: stdout does not match {declared}.\n"
            f"pattern: {pattern.pattern!r}\nreason: {reason}\nstdout:\n{self.stdout}"
        ]

    def expected_path(self) -> Path:
        ex = self.example
        if self.tty and ex.terminal_reason:
            return ex.tty_out_path
        return ex.out_path_for(self.python_version)

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
        if ex.output_pattern is not None and not (self.tty and ex.terminal_reason):
            return self._pattern_problems(
                ex.output_pattern, ex.output_reason, f"the declared pattern in {toml} (shown on {pages})"
            )
        out_path = self.expected_path()
        if not out_path.exists():
            return [
                f"{_shown_path(out_path)} is missing. Write it from a real run with "
                f"`make outputs` (or `python tools/run_example.py --write {_shown_path(ex.path)}`)."
            ]
        expected = read_output(out_path)
        if self.stdout == expected:
            return []
        if out_path == ex.out_path:
            shown = f"shown on {pages}"
        elif out_path == ex.tty_out_path:
            shown = f"what a terminal shows, declared in {ex.meta_path.name}"
        else:
            shown = f"the output from Python {out_path.stem.rsplit('.py', 1)[1]} on, declared in {ex.meta_path.name}"
        what = "output differs from what the page shows"
        if self.tty and out_path != ex.tty_out_path:
            what = (
                "with stdout on a terminal, the output differs from what the page shows (recorded "
                "through a pipe): flush before starting a child, fork or os._exit(), and do not "
                "ask isatty(). If the difference is the lesson, declare terminal_output in "
                f"{ex.meta_path.name} and show both outputs"
            )
        diff = visible_diff(
            expected, self.stdout, f"{_shown_path(out_path)} ({shown})", f"what {self.where} printed"
        )
        return [f"{self.where}: {what}.\n{diff}"]


def read_output(path: Path) -> str:
    """An output file exactly as written: no newline translation, so \\r survives."""
    return path.read_bytes().decode("utf-8")


def write_output(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


_NO_NEWLINE = "\\ No newline at end of file\n"


def _visible_lines(text: str) -> list[str]:
    """Lines split at \n only (a \r stays inside its line), with the invisible made visible."""
    if not text:
        return []
    parts = text.split("\n")
    complete = parts[-1] == ""
    if complete:
        parts.pop()
    lines = []
    for body in parts:
        body = body.replace("\r", "␍")
        stripped = body.rstrip(" \t")
        lines.append(stripped + body[len(stripped):].replace(" ", "·").replace("\t", "→") + "\n")
    if not complete:
        lines.append(_NO_NEWLINE)
    return lines


def visible_diff(expected: str, actual: str, fromfile: str, tofile: str) -> str:
    """A unified diff in which a trailing space (·), tab (→), carriage return (␍)
    and a missing final newline are visible."""
    diff = "".join(
        difflib.unified_diff(_visible_lines(expected), _visible_lines(actual), fromfile=fromfile, tofile=tofile)
    )
    if not diff:  # only invisible differences left (should not happen)
        diff = f"expected {expected!r}\nprinted  {actual!r}\n"
    return diff + "(· is a trailing space, → a trailing tab, ␍ a carriage return)\n"


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


def _remove_leaked_segments(names: list[str]) -> list[str]:
    """Names this run created that still exist; removes them so the machine stays clean."""
    leaked = []
    for name in dict.fromkeys(names):
        if _segment_exists(name):
            leaked.append(name)
            import _posixshmem

            try:
                _posixshmem.shm_unlink(name)
            except OSError:
                pass
    return leaked


def _read_events(log: Path) -> tuple[tuple[int, str, str], ...]:
    if not log.exists():
        return ()
    events = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3 and parts[0].isdigit():
            events.append((int(parts[0]), parts[1], parts[2]))
    return tuple(events)


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
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    # pid (comm) state ppid pgrp session ...; comm may contain spaces.
    return stat[stat.rfind(")") + 2 :].split()


def _snapshot() -> dict[int, tuple[str, int, int]]:
    """Every process: pid -> (state, parent pid, session), in one pass over /proc."""
    found = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return found
    for name in names:
        if name.isdigit():
            rest = _proc_stat(name)
            if rest and len(rest) > 3:
                found[int(name)] = (rest[0], int(rest[1]), int(rest[3]))
    return found


def _cmdline(pid: str) -> str:
    try:
        return (Path("/proc") / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return "?"


def _adopted_children() -> dict[int, tuple[str, int]]:
    """Children of this process it did not start (adopted orphans): pid -> (state, session)."""
    me = os.getpid()
    found = {pid: (st, sess) for pid, (st, ppid, sess) in _snapshot().items() if ppid == me}
    with _RUNS_LOCK:
        return {pid: st for pid, st in found.items() if pid not in _RUNNING}


def _kill_orphans(
    before: set[int], sid: int, grace: float = _END_GRACE, killed: set[int] = frozenset()
) -> tuple[list[str], list[str]]:
    """Kill and reap the orphans adopted since ``before``; return (the live ones
    that had left session ``sid``, the ones of this session that had exited
    non-zero with nobody waiting for them). Processes still in the session of
    any run of this process are that run's leftovers (reported by its session
    check), so runs going on at the same time (tools/stress.py) are not blamed."""
    if not _SUBREAPER:
        return [], []
    unwaited: list[str] = []

    def escaped() -> dict[int, tuple[str, int]]:
        with _RUNS_LOCK:
            known = _RUNNING | set(_RECENT) | {sid}
        found = {}
        for pid, (state, session) in _adopted_children().items():
            if pid in before:
                continue
            if state == "Z" or session in known:
                if state == "Z":
                    cmd = _cmdline(str(pid))
                    try:
                        _, status = os.waitpid(pid, 0)  # adopted: ours to reap, or it stays a zombie
                    except ChildProcessError:
                        continue
                    code = os.waitstatus_to_exitcode(status)
                    if code and session == sid and pid not in killed:
                        unwaited.append(f"pid {pid} {cmd} exited with {code} and nobody waited for it")
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
    return reported, unwaited


def _session_members(sid: int) -> dict[int, str]:
    """Live processes in the example's session (Linux /proc; elsewhere, none known)."""
    if not os.path.isdir("/proc"):
        return {}
    return {pid: _cmdline(str(pid)) for pid, (st, _, sess) in _snapshot().items() if sess == sid and st != "Z"}


def _wait_for_session_to_end(sid: int, grace: float) -> dict[int, str]:
    """Give multiprocessing's helpers ``grace`` seconds to go, any other process a
    moment; return what is still running then."""
    started = time.monotonic()
    while True:
        members = _session_members(sid)
        waited = time.monotonic() - started
        # An empty command line: a process in the middle of exiting.
        others = {p: c for p, c in members.items() if c and not any(h in c for h in _HELPERS)}
        if not members or (others and waited >= _END_GRACE) or waited >= grace:
            return members
        time.sleep(0.02)


def _kill_all(pids, sid: int) -> None:
    """Kill each process by pid (one that moved to its own process group with
    setpgid() is not reached by killpg), then the group."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        os.killpg(sid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _prepare_cwd(cwd: Path) -> set[str]:
    for rel, text in _CWD_FILES.items():
        (cwd / rel).parent.mkdir(parents=True, exist_ok=True)
        (cwd / rel).write_text(text, encoding="utf-8")
    return {p.relative_to(cwd).as_posix() for p in cwd.rglob("*")}


def _cwd_changes(cwd: Path, before: set[str]) -> list[str]:
    changed = []
    now = {p.relative_to(cwd).as_posix() for p in cwd.rglob("*")}
    changed += [f"./{rel}" for rel in sorted(now - before)]
    changed += [f"./{rel} (deleted)" for rel in sorted(before - now)]
    for rel, text in _CWD_FILES.items():
        p = cwd / rel
        if p.is_file() and p.read_text(encoding="utf-8", errors="replace") != text:
            changed.append(f"./{rel} (changed)")
    return changed


def run_example(
    example: Example,
    python: str = sys.executable,
    start_method: str | None = None,
    extra_env: dict[str, str] | None = None,
    grace: float = 3.0,
    tty: bool = False,
    variation: dict[str, str] | None = None,
) -> Run:
    """Run ``example`` once and return what happened; never leaves a process behind.

    ``tty``: stdout on a pseudo-terminal (as a reader at a terminal has it)
    instead of a pipe. ``variation``: environment variables to set (or, with
    None, remove) on top of the clean environment (make stress).
    """
    version = python_version(python)
    free_threaded = is_free_threaded(python)
    _become_subreaper()
    isolated, _ = isolation()
    base = _scratch_base() if isolated else None
    with tempfile.TemporaryDirectory(prefix="example-", dir=base) as scratch, \
            tempfile.TemporaryDirectory(prefix="example-run-", dir="/dev/shm" if isolated else None) as shm_dir:
        scratch = Path(scratch)
        cwd = scratch / "run"  # a reader's directory, with a few files of theirs
        private_tmp = scratch / "tmp"
        hold = scratch / "hold"
        for d in (cwd, private_tmp, hold):
            d.mkdir()
        os.chmod(private_tmp, 0o1777)
        os.chmod(shm_dir, 0o1777)
        cwd_before = _prepare_cwd(cwd)
        log = scratch / "hook.log"
        env = example_env(start_method, extra_env, variation)
        env["EXAMPLE_HOOK_LOG"] = str(log)
        redis_db = None
        if env.get("REDIS_URL"):
            env["REDIS_URL"], redis_db = _own_redis_db(env["REDIS_URL"])
        cmd = [python, "-X", "dev", str(example.path)]
        keep: list[Path] = []
        if isolated:
            for top in ("/tmp", "/dev/shm"):
                for needed in (example.root, ROOT):
                    if _under(needed, top) and Path(needed).resolve() not in keep:
                        keep.append(Path(needed).resolve())
            for key in _PASS_THROUGH[4:]:
                env.pop(key, None)  # /tmp is the run's own; TMPDIR must not lead elsewhere
            cmd = _isolated_command(cmd, private_tmp, Path(shm_dir), keep, hold)
        # Children this process had already (a Redis server, a browser) are not this run's.
        before = set(_adopted_children()) if _SUBREAPER else set()
        popen_kw = {}
        if os.name == "posix":
            popen_kw["start_new_session"] = True  # its own session and process group
        master = slave = None
        tty = tty and HAVE_PTY
        if tty:
            master, slave = _open_pty()
        started = time.monotonic()
        with _RUNS_LOCK:
            proc = subprocess.Popen(
                cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                stdout=slave if tty else subprocess.PIPE, stderr=subprocess.PIPE, **popen_kw,
            )
            _RUNNING.add(proc.pid)
        if slave is not None:
            os.close(slave)
        # Read both outputs in threads and wait for the example's own process,
        # not for end-of-file: a leftover child holding them open must be
        # found and killed, not make the run look like a hang.
        out_reader = _Reader(master if tty else proc.stdout)
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
            killed: set[int] = set()
            if os.name == "posix":
                members = _wait_for_session_to_end(proc.pid, grace)
                if members:
                    leftovers = [f"pid {p}: {c}" for p, c in sorted(members.items())]
                    killed_shm |= _shm_files_of_session(proc.pid)
                    _kill_all(members, proc.pid)
                    killed = set(members)
            orphans, unwaited = _kill_orphans(before, proc.pid, killed=killed)
        finally:
            with _RUNS_LOCK:
                _RUNNING.discard(proc.pid)
                _RECENT.append(proc.pid)
        out, err = out_reader.result(), err_reader.result()
        events = _read_events(log)
        files_left: list[str] = []
        if isolated:
            ignore = set()
            for path in keep:
                if _under(path, "/tmp"):
                    parts = path.relative_to("/tmp").parts
                    ignore |= {"/".join(parts[: i + 1]) for i in range(len(parts))}
            files_left += _files_left(private_tmp, "/tmp", ignore)
            files_left += _files_left(Path(shm_dir), "/dev/shm")
            leaked = []
        else:
            leaked = _remove_leaked_segments([d for _, k, d in events if k == "shm"]) + _remove_files(killed_shm)
        files_left += _cwd_changes(cwd, cwd_before)
        redis_keys = _redis_leftovers(env["REDIS_URL"], redis_db) if redis_db is not None else []
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
        tty=tty,
        events=events,
        files_left=tuple(files_left),
        redis_keys=tuple(redis_keys),
        variation=dict(variation or {}),
        main_pid=proc.pid,
        unwaited=tuple(unwaited),
    )


def _open_pty() -> tuple[int, int]:
    """A pseudo-terminal pair whose output is passed through as written (no
    \\n -> \\r\\n translation), so it compares byte for byte with a pipe."""
    import pty
    import termios

    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST  # oflag: no output processing
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    return master, slave


def _shm_files_of_session(sid: int) -> set[str]:
    """/dev/shm files (named semaphores, segments) mapped by the processes of a
    session (Linux). Read just before the harness kills them: killing a program
    kills its resource tracker too, which would otherwise have removed them.
    (Used when runs are not isolated; otherwise the run's own /dev/shm shows them.)"""
    found: set[str] = set()
    if not sys.platform.startswith("linux") or isolation()[0]:
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
    """Collect a pipe (or a pty's master side) in a thread, so the process (not
    EOF) decides when a run ends."""

    def __init__(self, source):
        self._fd = source if isinstance(source, int) else None
        self._pipe = None if isinstance(source, int) else source
        self._chunks: list[bytes] = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        if self._fd is not None:
            try:
                while True:
                    try:
                        chunk = os.read(self._fd, 65536)
                    except OSError:  # EIO: every slave side is closed
                        break
                    if not chunk:
                        break
                    self._chunks.append(chunk)
            finally:
                os.close(self._fd)
            return
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
            _kill_all(_session_members(proc.pid), proc.pid)
    else:
        proc.kill()
    proc.wait()


# --- the judge of an example: every run it needs, and what they say together ------


def judge(example: Example, runs: list[Run], compare_output: bool = True, matrix: bool = True) -> list[str]:
    """Every problem of ``runs`` (all of one example on one Python), each as a sentence.

    Besides each run's own problems: the runs must print the same (every
    start method, pipe and terminal, unless terminal_output is declared),
    and with ``matrix``, an example that started processes must have run
    under every start method this platform has (not needed for a quick
    ``make test``, which runs each example once)."""
    found = [p for r in runs for p in r.problems(compare_output)]
    plain = [r for r in runs if not (r.tty and example.terminal_reason)]
    # With a declared [output] pattern the output varies by design: each run
    # matches the pattern (checked above), and they need not match each other.
    if example.output_pattern is None and len({r.stdout for r in plain}) > 1:
        first = plain[0]
        for other in plain[1:]:
            if other.stdout != first.stdout:
                found.append(
                    f"{example.name}: two runs printed different output; every start method, a "
                    f"pipe and a terminal must give the same text.\n"
                    + visible_diff(first.stdout, other.stdout, f"what {first.where} printed",
                                   f"what {other.where} printed")
                )
                break
    if example.terminal_reason and not any(r.tty for r in runs) and matrix:
        found.append(f"{example.name}: declares terminal_output but never ran on a terminal")
    started = set().union(*(r.started_methods for r in runs)) if runs else set()
    if matrix and started and not example.meta.get("own_start_method"):
        import multiprocessing

        forced = {r.start_method for r in runs if r.start_method}
        missing = [m for m in START_METHODS if m in multiprocessing.get_all_start_methods() and m not in forced]
        if missing:
            found.append(
                f"{example.name} starts processes ({', '.join(sorted(started))}) but was not run "
                f"under the start method(s) {', '.join(missing)}; it must print the same under every one."
            )
    return found


def methods_to_run(example: Example, first: Run) -> list[str]:
    """After a run under the default method: the start methods still to run, as
    the hook saw it (processes started, the method not chosen by the program)."""
    import multiprocessing

    if example.meta.get("own_start_method") or not first.started_methods:
        return []
    return [m for m in START_METHODS if m in multiprocessing.get_all_start_methods() and m != first.start_method]


def check_example(
    example: Example,
    python: str = sys.executable,
    extra_env: dict[str, str] | None = None,
    matrix: bool = True,
    compare_output: bool = True,
) -> tuple[list[Run], list[str]]:
    """Run ``example`` as the harness requires and judge it: once with stdout on a
    terminal (its default start method) and, with ``matrix``, through a pipe
    under every start method when it starts processes (or once when it does
    not). Returns (runs, problems)."""
    import multiprocessing

    runs = [run_example(example, python, None, extra_env, tty=True)]
    if matrix:
        own = example.meta.get("own_start_method")
        if own or not runs[0].started_methods:
            runs.append(run_example(example, python, None, extra_env))
        else:
            for m in START_METHODS:
                if m in multiprocessing.get_all_start_methods():
                    runs.append(run_example(example, python, m, extra_env))
    return runs, judge(example, runs, compare_output, matrix)
