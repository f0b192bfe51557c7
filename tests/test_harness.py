"""The harness on bad input: each kind of broken example must be caught, and said clearly.

The examples here live in tests/fixtures/site/, a small tree of its own
(examples/ and docs/) that the site and the example tests never see. Each
test points the harness's own functions at it: the same code that checks
the real examples.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

import catalog
from catalog import Example
from runner import run_example

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "site"
EXAMPLES = FIXTURES / "examples"
DOCS = FIXTURES / "docs"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="sessions, process groups and SIGABRT are POSIX")
LINUX_ONLY = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="finding processes uses /proc and PR_SET_CHILD_SUBREAPER (Linux)"
)


def fixture(name: str) -> Example:
    return Example(EXAMPLES / "bad" / name, EXAMPLES, DOCS)


def processes_mentioning(text: str) -> list[str]:
    """Live processes whose command line contains ``text`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if text in cmd and state != "Z":
            found.append(f"{entry.name}: {cmd}")
    return found


def test_a_correct_example_passes():
    run = run_example(fixture("ok.py"))
    assert run.problems() == []


def test_wrong_output_gives_a_diff_naming_the_page():
    (problem,) = run_example(fixture("wrong_output.py")).problems()
    assert "output differs from what the page shows" in problem
    assert "shown on index.html" in problem
    assert "-what the page claims" in problem
    assert "+what it really prints" in problem


def test_missing_output_says_how_to_make_it():
    (problem,) = run_example(fixture("missing_out.py")).problems()
    assert "missing_out.out is missing" in problem
    assert "make outputs" in problem
    assert "run_example.py --write" in problem
    assert catalog.examples_without_output(EXAMPLES) == ["bad/missing_out.py"]


@POSIX_ONLY
def test_a_hang_is_killed_with_every_thread_traceback_and_nothing_left():
    ex = fixture("hang.py")
    started = time.monotonic()
    run = run_example(ex, start_method="spawn")
    took = time.monotonic() - started
    assert run.timed_out
    assert took < ex.timeout + 10, f"took {took:.1f}s for a {ex.timeout}s timeout"
    problem = run.problems()[0]
    assert "did not finish within 3 s" in problem
    assert "started, now stuck" in problem  # what it printed before it hung
    # faulthandler (on under -X dev) dumped every thread of the stuck process.
    assert "Fatal Python error: Aborted" in run.stderr
    assert "wait_forever_in_thread" in run.stderr
    assert run.stderr.count("hread 0x") >= 2, run.stderr  # "Current thread 0x..." and "Thread 0x..."
    if sys.platform.startswith("linux"):
        assert processes_mentioning(str(ex.path)) == []
        # Its semaphores died with their resource tracker; the harness removed them.
        assert run.leaked_segments and all(s.startswith("/dev/shm/sem.") for s in run.leaked_segments)
        assert not any(os.path.exists(s) for s in run.leaked_segments)


def test_a_child_that_crashes_under_a_parent_that_exits_0_fails():
    run = run_example(fixture("child_crash.py"), start_method="spawn")
    assert run.returncode == 0 and run.stdout == "parent finished\n"  # it looks fine...
    problems = run.problems()
    assert len(problems) == 1 and "wrote to stderr" in problems[0]  # ...but is not
    assert "RuntimeError: the child failed" in problems[0]


def test_an_example_no_page_shows_is_named():
    assert catalog.unshown_examples(EXAMPLES, DOCS) == ["bad/unshown.py"]


def test_stray_and_undeclared_outputs_are_named():
    strays = [p.relative_to(EXAMPLES).as_posix() for p in catalog.stray_files(EXAMPLES)]
    # versioned.py3.10.out is declared in versioned.toml, ok.py3.12.out is not.
    assert strays == ["bad/ok.py3.12.out", "bad/stray.out"]
    assert catalog.missing_versioned_outputs(EXAMPLES) == []


@POSIX_ONLY
@pytest.mark.parametrize("name", ["leak_shm_silent.py", "leak_shm_tracked.py"])
def test_a_leaked_shared_memory_segment_is_caught_and_removed(name):
    run = run_example(fixture(name))
    assert run.returncode == 0 and run.stdout == "closed but never unlinked\n"
    problems = "\n".join(run.problems())
    if name == "leak_shm_silent.py":
        # Nothing on stderr: only the harness's own record of segments catches it.
        assert run.stderr == ""
        assert len(run.leaked_segments) == 1
        assert "left shared memory behind" in problems
        from runner import _segment_exists

        assert not _segment_exists(run.leaked_segments[0]), "the harness must remove it"
    else:
        assert "leaked shared_memory objects" in problems


@LINUX_ONLY
def test_a_process_left_in_the_session_is_caught_and_killed():
    run = run_example(fixture("orphan.py"), grace=0.5)
    problems = "\n".join(run.problems())
    assert "left processes running" in problems
    assert "orphan.py leftover" in problems
    assert processes_mentioning("orphan.py leftover") == []


@LINUX_ONLY
def test_a_process_that_escaped_the_session_is_caught_and_killed():
    run = run_example(fixture("orphan_setsid.py"), grace=0.5)
    problems = "\n".join(run.problems())
    assert "had left its session" in problems
    assert "orphan_setsid.py leftover" in problems
    assert processes_mentioning("orphan_setsid.py leftover") == []


def test_version_specific_output_is_chosen_by_version():
    ex = fixture("versioned.py")
    assert ex.out_path_for((3, 9)) == ex.out_path
    assert ex.out_path_for((3, 10)).name == "versioned.py3.10.out"
    assert ex.out_path_for((3, 14)).name == "versioned.py3.10.out"
    # On this interpreter (3.11+ runs the harness) the 3.10 file applies.
    assert run_example(ex).problems() == []


def test_version_specific_output_on_an_older_python(all_interpreters):
    older = [i for i in all_interpreters if i.version < (3, 10)]
    if not older:
        pytest.skip("no CPython older than 3.10 on this machine")
    run = run_example(fixture("versioned.py"), older[0].executable)
    assert run.stdout == "older than 3.10\n"
    assert run.problems() == []


def test_the_pages_options_are_read():
    regions = [s for s in catalog.showings(DOCS) if not s.full]
    assert [(s.name, s.options) for s in regions] == [("bad/ok.py", {"pyobject": "main", "no-output": ""})]


def test_metadata_mistakes_are_refused(tmp_path):
    bad = {
        "unknown key": 'timeout = 3\ncolour = "red"\n',
        "pattern without reason": '[output]\npattern = "x"\n',
        "output_from without reason": '[output_from]\n"3.12" = ""\n',
        "platforms not a list of known ones": 'platforms = ["windows"]\n',
        "output_from with a bad version": '[output_from]\n"3" = "why"\n',
    }
    for what, text in bad.items():
        path = tmp_path / (what.replace(" ", "_") + ".toml")
        path.write_text(text, encoding="utf-8")
        with pytest.raises(catalog.CatalogError):
            catalog.load_meta(path)


def test_a_missing_supported_python_fails_under_ci(monkeypatch):
    import conftest
    import interpreters
    from catalog import Interpreter

    found = [Interpreter(executable=f"/x/python3.{m}", version=(3, m)) for m in (9, 10, 11, 12, 13, 15)]
    monkeypatch.setattr(conftest, "discover", lambda: found)

    class Config:
        def getoption(self, name):
            return "all"

    assert interpreters.missing(found) == [(3, 14)]
    monkeypatch.delenv("CI", raising=False)
    assert conftest.selected_interpreters(Config()) == found   # off CI: run what there is
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.UsageError, match="3.14"):
        conftest.selected_interpreters(Config())


def test_an_asyncio_slow_step_is_a_note_not_a_failure():
    # Under -X dev asyncio logs each loop step over 0.1 s; a loaded machine
    # makes that happen to correct examples, so the harness sets exactly
    # those lines aside. Anything else on stderr still fails (see child_crash).
    run = run_example(fixture("asyncio_slow_step.py"))
    assert run.problems() == []
    assert len(run.notes) == 1 and run.notes[0].startswith("Executing <Task") and run.notes[0].endswith(" seconds")


def test_free_threaded_output_is_checked_against_its_declared_pattern():
    from dataclasses import replace

    ex = fixture("free_threaded.py")
    run = run_example(ex)
    if run.free_threaded:
        pytest.skip("this interpreter is a free-threaded build; the test fakes one from a default build")
    # On the default build the .out applies, and nothing is set aside.
    assert run.problems() == [] and run.set_aside is None
    # On a free-threaded build the pattern applies instead, and the run says why...
    faked = replace(run, free_threaded=True, stdout="GIL enabled: False\n")
    assert faked.problems() == []
    assert faked.set_aside == "no GIL on a free-threaded build"
    # ...and the pattern still rejects a wrong answer.
    (problem,) = replace(run, free_threaded=True).problems()
    assert "does not match the [free_threaded] pattern" in problem
    assert "free_threaded.toml" in problem


def test_free_threaded_needs_a_reason(tmp_path):
    bad = tmp_path / "x.toml"
    bad.write_text("[free_threaded]\npattern = 'x'\n", encoding="utf-8")
    with pytest.raises(catalog.CatalogError, match=r"\[free_threaded\] needs exactly 'pattern' and a non-empty 'reason'"):
        catalog.load_meta(bad)
