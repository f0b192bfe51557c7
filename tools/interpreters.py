"""Find the CPython interpreters on this machine that the examples support."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys

from catalog import Interpreter

OLDEST = (3, 9)
NEWEST = (3, 15)
# Every version the examples promise to run on; under CI each must be found.
SUPPORTED = [(3, minor) for minor in range(OLDEST[1], NEWEST[1] + 1)]
_PROBE = "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.implementation.name)"


def probe(executable: str) -> Interpreter | None:
    """Ask an executable what it is; None if it is not a working CPython."""
    try:
        done = subprocess.run(
            [executable, "-I", "-c", _PROBE], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) != 2 or lines[1] != "cpython":
        return None
    major, minor = (int(x) for x in lines[0].split("."))
    return Interpreter(executable=executable, version=(major, minor))


def _candidates() -> list[str]:
    found = [sys.executable]
    for minor in range(OLDEST[1], 30):
        exe = shutil.which(f"python3.{minor}")
        if exe:
            found.append(exe)
    # pyenv keeps each version under its root; its shims only answer for the
    # versions currently selected, so look at the installs themselves.
    roots = [os.environ.get("PYENV_ROOT"), os.path.expanduser("~/.pyenv")]
    pyenv = shutil.which("pyenv")
    if pyenv:
        try:
            roots.append(subprocess.run([pyenv, "root"], capture_output=True, text=True, timeout=20).stdout.strip())
        except (OSError, subprocess.TimeoutExpired):
            pass
    for root in filter(None, roots):
        found.extend(sorted(glob.glob(os.path.join(root, "versions", "3.*", "bin", "python3"))))
    # Windows and macOS installers.
    found.extend(sorted(glob.glob("/Library/Frameworks/Python.framework/Versions/3.*/bin/python3")))
    return found


def discover() -> list[Interpreter]:
    """One interpreter per minor version from 3.9 up, this one first for its own version."""
    chosen: dict[tuple[int, int], Interpreter] = {}
    for exe in _candidates():
        if not exe or not os.path.exists(exe):
            continue
        interp = probe(exe)
        if interp and interp.version >= OLDEST and interp.version not in chosen:
            chosen[interp.version] = interp
    return [chosen[v] for v in sorted(chosen)]


def missing(found: list[Interpreter]) -> list[tuple[int, int]]:
    """The supported versions that ``found`` lacks."""
    have = {interp.version for interp in found}
    return [v for v in SUPPORTED if v not in have]


def current() -> Interpreter:
    return Interpreter(executable=sys.executable, version=sys.version_info[:2])
