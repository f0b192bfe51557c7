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
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from catalog import ROOT, Example

SITEHOOK = ROOT / "tools" / "sitehook"
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
            return found
        if self.returncode != 0:
            found.append(f"{self.where} exited with code {self.returncode}.")
        if self.stderr:
            found.append(
                f"{self.where} wrote to stderr (a traceback, a warning under -X dev, or a "
                f"child's error the parent did not notice):\n{self.stderr}"
            )
        if self.leftovers:
            found.append(f"{self.where} left processes running: {', '.join(self.leftovers)}")
        found.extend(self.output_problems())
        return found

    def output_problems(self) -> list[str]:
        ex = self.example
        pages = ", ".join(page_list(ex)) or "no page yet"
        if ex.output_pattern is not None:
            if ex.output_pattern.fullmatch(self.stdout):
                return []
            return [
                f"{self.where}: stdout does not match the declared pattern in "
                f"{ex.meta_path.relative_to(ROOT)} (shown on {pages}).\n"
                f"pattern: {ex.output_pattern.pattern!r}\nreason: {ex.output_reason}\n"
                f"stdout:\n{self.stdout}"
            ]
        if not ex.out_path.exists():
            return [
                f"{ex.out_path.relative_to(ROOT)} is missing. Write it from a real run with "
                f"`make outputs` (or `python tools/run_example.py --write {ex.path.relative_to(ROOT)}`)."
            ]
        expected = ex.out_path.read_text(encoding="utf-8")
        if self.stdout == expected:
            return []
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                self.stdout.splitlines(keepends=True),
                fromfile=f"{ex.out_path.relative_to(ROOT)} (shown on {pages})",
                tofile=f"what {self.where} printed",
            )
        )
        return [f"{self.where}: output differs from what the page shows.\n{diff}"]


def page_list(ex: Example) -> list[str]:
    from catalog import page_urls

    return page_urls(ex.name)


def _session_members(sid: int) -> list[str]:
    """Processes still in the example's session (Linux /proc; elsewhere, none known)."""
    members = []
    proc = Path("/proc")
    if not proc.is_dir():
        return members
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp session ...; comm may contain spaces.
        rest = stat[stat.rfind(")") + 2 :].split()
        if len(rest) > 3 and int(rest[3]) == sid and rest[0] != "Z":
            try:
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
            except OSError:
                cmd = "?"
            members.append(f"pid {entry.name}: {cmd}")
    return members


def run_example(
    example: Example,
    python: str = sys.executable,
    start_method: str | None = None,
    extra_env: dict[str, str] | None = None,
    grace: float = 3.0,
) -> Run:
    """Run ``example`` once and return what happened; never leaves a process behind."""
    env = example_env(start_method, extra_env)
    cmd = [python, "-X", "dev", str(example.path)]
    with tempfile.TemporaryDirectory(prefix="example-") as cwd:
        started = time.monotonic()
        popen_kw = {}
        if os.name == "posix":
            popen_kw["start_new_session"] = True  # its own session and process group
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen_kw
        )
        timed_out = False
        try:
            out, err = proc.communicate(timeout=example.timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            out, err = _kill_hung(proc)
        seconds = time.monotonic() - started
        leftovers: list[str] = []
        if os.name == "posix":
            # The resource tracker and forkserver exit when the parent's pipe
            # closes; give them a moment, then anything left is a leak.
            deadline = time.monotonic() + grace
            while (leftovers := _session_members(proc.pid)) and time.monotonic() < deadline:
                time.sleep(0.05)
            if leftovers:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
    return Run(
        example=example,
        python=python,
        start_method=start_method,
        returncode=proc.returncode,
        stdout=out.decode("utf-8", "replace"),
        stderr=err.decode("utf-8", "replace"),
        seconds=seconds,
        timed_out=timed_out,
        leftovers=tuple(leftovers),
    )


def _kill_hung(proc: subprocess.Popen) -> tuple[bytes, bytes]:
    """Dump every thread's traceback (faulthandler, on under -X dev), then kill the group."""
    if os.name == "posix":
        try:
            os.kill(proc.pid, signal.SIGABRT)
            out, err = proc.communicate(timeout=3)
        except subprocess.TimeoutExpired:
            out, err = b"", b""
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        more_out, more_err = proc.communicate()
        return out + more_out, err + more_err
    proc.kill()
    return proc.communicate()
