"""Test-suite set-up: which interpreters to use, and the services examples need."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools"))
sys.path.insert(0, str(HERE))

from interpreters import current, discover  # noqa: E402

# Deliberately broken examples for tests/test_harness.py; never collected.
collect_ignore = ["fixtures"]


def pytest_addoption(parser):
    parser.addoption(
        "--pythons",
        default="current",
        help="which interpreters run the examples: 'current' (this one, the default), "
        "'all' (every CPython 3.9+ found on this machine), or a comma-separated list of executables",
    )


def selected_interpreters(config):
    choice = config.getoption("--pythons")
    if choice == "current":
        return [current()]
    if choice == "all":
        found = discover()
        if not found:
            raise pytest.UsageError("--pythons=all found no CPython 3.9+ on this machine")
        return found
    from interpreters import probe

    chosen = []
    for exe in choice.split(","):
        interp = probe(exe)
        if interp is None:
            raise pytest.UsageError(f"--pythons: {exe!r} is not a working CPython")
        chosen.append(interp)
    return chosen


def pytest_report_header(config):
    names = ", ".join(f"{i.label} ({i.executable})" for i in selected_interpreters(config))
    return f"examples run with: {names}"


@pytest.fixture(scope="session")
def redis_url():
    """A real, throwaway Redis server for this test session (per xdist worker)."""
    from redis_service import running_redis

    with running_redis() as url:
        yield url


@pytest.fixture(scope="session")
def all_interpreters():
    """Every CPython 3.9+ on this machine, whatever --pythons says."""
    return discover()
