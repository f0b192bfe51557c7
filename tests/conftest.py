"""Test-suite set-up: which interpreters to use, and the services examples need."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools"))
sys.path.insert(0, str(HERE))

from interpreters import current, discover, missing  # noqa: E402

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
        "--matrix",
        choices=("auto", "quick", "full"),
        default="auto",
        help="'quick': each example once, stdout on a terminal, the default start method; "
        "'full': also through a pipe under every start method (when it starts processes), and "
        "every example copied from its built page; 'auto' (default): full with --pythons=all",
    )
    parser.addoption(
        "--looks", action="store_true",
        help="also check every page in four looks (light/dark, 1280/390 px) with screenshots, "
        "axe-core and the phone-overflow check (slow; `make check` passes it)",
    )


def full_matrix(config) -> bool:
    choice = config.getoption("--matrix")
    return choice == "full" or (choice == "auto" and config.getoption("--pythons") == "all")


def interpreter_for(example, chosen, config):
    """The interpreter to run ``example`` with: ``chosen`` when it is new enough;
    else, with --pythons=current, the oldest on this machine that is, and with
    --pythons=all, the oldest selected that is. None when there is none (the
    example would never run). With a list chosen by hand, ``chosen`` (the test
    then skips, saying why)."""
    needed = example.requires_python
    if not needed or chosen.version >= needed:
        return chosen
    choice = config.getoption("--pythons")
    if choice == "current":
        newer = _oldest_at_least(needed)
    else:
        newer = next((i for i in selected_interpreters(config) if i.version >= needed), None)
    if newer is None and choice not in ("current", "all"):
        return chosen
    return newer


_FOUND: list = []


def _discovered():
    if not _FOUND:
        _FOUND.extend(discover())
    return _FOUND


def _oldest_at_least(needed):
    """The oldest CPython here that is at least ``needed``, probing only the
    executables whose name says they may be (python3.N on PATH, pyenv's
    versions/3.N.*), oldest first; None when there is none."""
    import glob
    import os
    import shutil

    from interpreters import probe

    roots = [os.environ.get("PYENV_ROOT"), os.path.expanduser("~/.pyenv")]
    for minor in range(needed[1], 30):
        candidates = [shutil.which(f"python{needed[0]}.{minor}")]
        for root in filter(None, roots):
            candidates += sorted(glob.glob(os.path.join(root, "versions", f"{needed[0]}.{minor}.*", "bin", "python3")))
        for exe in filter(None, candidates):
            interp = probe(exe)
            if interp and interp.version >= needed:
                return interp
    return None


def selected_interpreters(config):
    choice = config.getoption("--pythons")
    if choice == "current":
        return [current()]
    if choice == "all":
        found = _discovered()
        if not found:
            raise pytest.UsageError("--pythons=all found no CPython 3.9+ on this machine")
        lacking = missing(found)
        if lacking and os.environ.get("CI"):
            # CI promises the whole matrix: a version that went missing must
            # fail the run, not shrink the matrix without a word.
            raise pytest.UsageError(
                "--pythons=all under CI: no interpreter found for "
                + ", ".join("%d.%d" % v for v in lacking)
                + " (looked on PATH as python3.N, in pyenv and in the macOS installers)"
            )
        return found
    from interpreters import probe

    chosen = []
    for exe in choice.split(","):
        interp = probe(exe)
        if interp is None:
            raise pytest.UsageError(f"--pythons: {exe!r} is not a working CPython")
        chosen.append(interp)
    return chosen


def pytest_collection_modifyitems(config, items):
    """`make test` is the quick loop: what only `make test-all` runs is left out
    here, and the header says so (never a silent skip). Tests marked `looks`
    (every page in four looks) run only with --looks, which `make check` passes."""
    full, looks = full_matrix(config), config.getoption("--looks")
    kept, left = [], []
    for item in items:
        only_full = item.get_closest_marker("full") or item.path.name in _FULL_ONLY_MODULES
        only_looks = item.get_closest_marker("looks")
        (left if (only_full and not full) or (only_looks and not looks) else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


# The benchmark's quick run and plots take longer than the rest of `make test`.
_FULL_ONLY_MODULES = {"test_bench.py"}


def pytest_report_header(config):
    from runner import isolation

    names = ", ".join(f"{i.label} ({i.executable})" for i in selected_interpreters(config))
    matrix = (
        "full: a terminal, then a pipe under every start method"
        if full_matrix(config)
        else "quick: once each, stdout on a terminal, default start method; make test-all (--matrix=full) "
        "adds every start method through a pipe, the examples copied from the built pages, "
        "and tests/test_bench.py"
    )
    return [f"examples run with: {names}", f"example matrix: {matrix}", f"isolation: {isolation()[1]}"]


# An example run on a free-threaded build is checked against the pattern its
# .toml declares under [free_threaded] instead of its .out; each such run is
# recorded under this key and listed at the end, so nothing is set aside unseen.
FREE_THREADED_KEY = "free_threaded_set_aside"


def pytest_terminal_summary(terminalreporter):
    if hasattr(terminalreporter.config, "workerinput"):
        return  # an xdist worker: the controller, which sees every report, lists them once
    lines = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            for key, value in getattr(report, "user_properties", ()):
                if key == FREE_THREADED_KEY:
                    lines.setdefault(value, None)
    if not lines:
        return
    title = "free-threaded build: checked against the [free_threaded] pattern, not the .out"
    terminalreporter.section(title)
    for line in sorted(lines):
        terminalreporter.write_line(line)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as f:
            f.write(f"### {title}\n\n" + "".join(f"- {line}\n" for line in sorted(lines)))


@pytest.hookimpl(specname="pytest_terminal_summary")
def pytest_terminal_summary_versions(terminalreporter, config):
    """Say which Pythons ran examples, how many passed on each, and which
    supported versions were not run at all."""
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the controller sees every report and says it once
    chosen = selected_interpreters(config)
    counts = {interp.label: {"passed": 0, "failed": 0, "skipped": 0} for interp in chosen}
    for outcome in ("passed", "failed", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            if "test_example[" not in nodeid:
                continue
            label = nodeid.rstrip("]").rsplit("-", 1)[-1]
            if label in counts:
                counts[label][outcome] += 1
    if not any(sum(c.values()) for c in counts.values()):
        return
    parts = []
    for interp in chosen:
        c = counts[interp.label]
        part = f"{interp.version[0]}.{interp.version[1]}: {c['passed']} passed"
        if c["failed"]:
            part += f", {c['failed']} failed"
        if c["skipped"]:
            part += f", {c['skipped']} skipped"
        parts.append(part)
    terminalreporter.write_sep("-", "examples ran on Python " + "; ".join(parts))
    if config.getoption("--pythons") == "all":
        lacking = missing(chosen)
        if lacking:
            terminalreporter.write_line(
                "not found on this machine, so not run: Python "
                + ", ".join("%d.%d" % v for v in lacking)
                + " (under CI this fails the run)"
            )


@pytest.fixture(scope="session")
def redis_url():
    """A real, throwaway Redis server for this test session (per xdist worker)."""
    from redis_service import running_redis

    with running_redis() as url:
        yield url


@pytest.fixture(scope="session")
def all_interpreters():
    """Every CPython 3.9+ on this machine, whatever --pythons says."""
    return _discovered()


# The site, built as `make html` builds it: English in html/, Chinese in
# html/zh_CN/ (the same pages with -D language=zh_CN and doctrees of their
# own). The checks of the rendered pages and the browser checks share it;
# they run on one xdist worker (group "site").
SITE_SOURCES = ("docs", "examples", "tools", "conf.py")
SPHINX_OPTIONS = ("-n", "-W", "--keep-going", "-j", "auto")  # as SPHINXOPTS in the Makefile
CHINESE = "zh_CN"  # the Chinese build's folder under the English one, and its language
LANGUAGES = ("en", CHINESE)


def _newest_mtime(paths, skip: str | None = None) -> float:
    newest = 0.0
    for top in paths:
        top = Path(top)
        files = [top] if top.is_file() else top.rglob("*")
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts and not (skip and skip in f.relative_to(top).parts[:1]):
                newest = max(newest, f.stat().st_mtime)
    return newest


def site_root(built_site: Path, language: str) -> Path:
    """The root of one language's build: the English site, or its zh_CN/ folder."""
    return built_site if language == "en" else built_site / CHINESE


def _build_commands(out: Path) -> list[list[str]]:
    """The two sphinx-build runs of `make html`, into ``out`` instead of _build."""
    return [
        [sys.executable, "-m", "sphinx", "-M", "html", "docs", str(out), "-c", ".", *SPHINX_OPTIONS],
        [sys.executable, "-m", "sphinx", "-b", "html", "docs", str(out / "html" / CHINESE),
         "-d", str(out / f"doctrees-{CHINESE}"), "-c", ".", "-D", f"language={CHINESE}", *SPHINX_OPTIONS],
    ]


@pytest.fixture(scope="session")
def built_site():
    """The built HTML of both languages (English at the root, Chinese in
    zh_CN/): _build/html when both are newer than every source, else a fresh
    build (the same two builds as `make html`) into _build/test-site, made
    once and shared by the xdist workers. Never skipped: a failed build fails."""
    import subprocess

    root = HERE.parent
    sources = _newest_mtime(root / s for s in SITE_SOURCES)

    def fresh(html: Path) -> bool:
        return (
            (html / "index.html").is_file()
            and (html / CHINESE / "index.html").is_file()
            and _newest_mtime([html], skip=CHINESE) > sources
            and _newest_mtime([html / CHINESE]) > sources
        )

    if fresh(root / "_build" / "html"):
        return root / "_build" / "html"
    out = root / "_build" / "test-site"
    out.mkdir(parents=True, exist_ok=True)
    with _exclusive(out / ".lock"):  # one worker builds, the others wait and reuse it
        if fresh(out / "html"):
            return out / "html"
        # Both at once, as `make html` runs them.
        runs = [subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for cmd in _build_commands(out)]
        for language, run in zip(LANGUAGES, runs):
            _, stderr = run.communicate(timeout=1800)
            if run.returncode != 0:
                pytest.fail(
                    f"the {language} site does not build (exit {run.returncode}); `make html` shows the same:\n"
                    f"{stderr[-6000:]}",
                    pytrace=False,
                )
        # Newer than every source, even if no page changed.
        (out / "html" / ".built").touch()
        (out / "html" / CHINESE / ".built").touch()
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
