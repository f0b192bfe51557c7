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
    parser.addoption(
        "--looks", action="store_true",
        help="also check every page in four looks (light/dark, 1280/390 px) with screenshots, "
        "axe-core and the phone-overflow check (slow; `make check` passes it)",
    )


def pytest_collection_modifyitems(config, items):
    """Tests marked `looks` run only with --looks; they are deselected (and counted as such) otherwise."""
    if config.getoption("--looks"):
        return
    keep, drop = [], []
    for item in items:
        (drop if item.get_closest_marker("looks") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


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


# The site, built as `make html` builds it. The checks of the rendered pages
# and the browser checks share it; they run on one xdist worker (group "site").
SITE_SOURCES = ("docs", "examples", "tools", "conf.py")
SPHINX_OPTIONS = ("-n", "-W", "--keep-going", "-j", "auto")  # as SPHINXOPTS in the Makefile


def _newest_mtime(paths) -> float:
    newest = 0.0
    for top in paths:
        top = Path(top)
        files = [top] if top.is_file() else top.rglob("*")
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


@pytest.fixture(scope="session")
def built_site():
    """The built HTML: _build/html when it is newer than every source, else a
    fresh build (same options as `make html`) into _build/test-site, made once
    and shared by the xdist workers. Never skipped: a failed build fails."""
    import subprocess

    root = HERE.parent
    sources = _newest_mtime(root / s for s in SITE_SOURCES)

    def fresh(html: Path) -> bool:
        return (html / "index.html").is_file() and _newest_mtime([html]) > sources

    if fresh(root / "_build" / "html"):
        return root / "_build" / "html"
    out = root / "_build" / "test-site"
    out.mkdir(parents=True, exist_ok=True)
    with _exclusive(out / ".lock"):  # one worker builds, the others wait and reuse it
        if fresh(out / "html"):
            return out / "html"
        done = subprocess.run(
            [sys.executable, "-m", "sphinx", "-M", "html", "docs", str(out), "-c", ".", *SPHINX_OPTIONS],
            cwd=root, capture_output=True, text=True, timeout=1800,
        )
        if done.returncode != 0:
            pytest.fail(
                f"the site does not build (exit {done.returncode}); `make html` shows the same:\n"
                f"{done.stderr[-6000:]}",
                pytrace=False,
            )
        (out / "html" / ".built").touch()  # newer than every source, even if no page changed
    return out / "html"


class _exclusive:
    """An exclusive lock on a file across processes (no-op where fcntl is missing)."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        self.f = open(self.path, "w")
        try:
            import fcntl

            fcntl.flock(self.f, fcntl.LOCK_EX)
        except ImportError:
            pass
        return self

    def __exit__(self, *exc):
        self.f.close()
