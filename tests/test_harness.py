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
from runner import check_example, judge, run_example

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
        # Its semaphores died with their resource tracker; the harness removed them
        # (from the run's own /dev/shm, or, without one, from the machine's).
        left = run.leaked_segments + run.files_left
        assert left and all(s.startswith("/dev/shm/sem.") for s in left), left
        assert not any(os.path.exists(s) for s in run.leaked_segments)


def test_a_child_that_crashes_under_a_parent_that_exits_0_fails():
    run = run_example(fixture("child_crash.py"), start_method="spawn")
    assert run.returncode == 0 and run.stdout == "parent finished\n"  # it looks fine...
    problems = run.problems()
    assert len(problems) == 2 and "wrote to stderr" in problems[0]  # ...but is not
    assert "RuntimeError: the child failed" in problems[0]
    assert "a child process failed, and nothing on the page says so" in problems[1]


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
        # Nothing on stderr: only the harness's own /dev/shm (or its log of segments) catches it.
        assert run.stderr == ""
        from runner import _segment_exists, isolation

        if isolation()[0]:
            assert len(run.files_left) == 1 and run.files_left[0].startswith("/dev/shm/psm_")
            assert "left files behind in /tmp, /dev/shm" in problems
            assert not _segment_exists(run.files_left[0][len("/dev/shm"):]), "not in the machine's /dev/shm"
        else:
            assert len(run.leaked_segments) == 1
            assert "left shared memory behind" in problems
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


@pytest.mark.full  # it needs every interpreter on the machine: make test-all
def test_version_specific_output_on_an_older_python(all_interpreters):
    older = [i for i in all_interpreters if i.version < (3, 10)]
    if not older:
        pytest.skip("no CPython older than 3.10 on this machine")
    run = run_example(fixture("versioned.py"), older[0].executable)
    assert run.stdout == "older than 3.10\n"
    assert run.problems() == []


def test_the_pages_options_are_read():
    regions = [(s.page, s.name, s.options) for s in catalog.showings(DOCS) if not s.full]
    assert regions == [
        ("handwritten.md", "bad/ok.py", {"pyobject": "main", "no-output": ""}),  # inside a note: real
        ("index.md", "bad/ok.py", {"pyobject": "main", "no-output": ""}),
    ]


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
    monkeypatch.setattr(conftest, "_discovered", lambda: found)  # discovery is cached per session

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


# --- 1. A terminal and a pipe --------------------------------------------------------
# `make test` runs every example with stdout on a pseudo-terminal; its .out was
# recorded through a pipe (make outputs), and make test-all runs the pipe again.


def test_output_that_differs_on_a_terminal_is_caught():
    for name in ("tty_child_order.py", "tty_isatty.py"):
        _, problems = check_example(fixture(name), matrix=False)
        assert len(problems) == 1, problems
        assert "with stdout on a terminal, the output differs from what the page shows" in problems[0]
        assert "declare terminal_output" in problems[0]
    _, problems = check_example(fixture("tty_child_order.py"), matrix=True)
    assert any("two runs printed different output" in p for p in problems), problems


def test_a_declared_terminal_difference_passes_with_both_outputs():
    ex = fixture("tty_declared.py")
    runs, problems = check_example(ex)
    assert problems == []
    assert {r.tty: r.stdout for r in runs} == {True: "terminal\n", False: "pipe\n"}
    assert ex.tty_out_path.name == "tty_declared.tty.out"


# --- 2. Shown but never checked -----------------------------------------------------


def test_a_shown_output_that_breaks_its_own_pattern_is_refused_by_the_build():
    why = catalog.refusal("bad/pattern_out_broken.py", EXAMPLES)
    assert "the page shows pattern_out_broken.out, which does not match the pattern" in why
    assert catalog.refusal("bad/ok.py", EXAMPLES) is None


def test_helpers_and_paths_outside_examples_are_refused_by_the_build():
    assert "files whose name starts with _ are never run" in catalog.refusal("bad/_helper.py", EXAMPLES)
    assert "leaves examples/" in catalog.refusal("../tools/runner.py", EXAMPLES)
    assert "leaves examples/" in catalog.refusal("bad/../../outside.py", EXAMPLES)
    assert "not an example program" in catalog.refusal("bad/ok.out", EXAMPLES)


def test_an_output_no_installed_python_checks_is_named():
    ex = fixture("output_from_all.py")
    (problem,) = catalog.unchecked_outputs(ex, [(3, 11), (3, 14)])
    assert "no Python on this machine checks output_from_all.out" in problem
    assert catalog.unchecked_outputs(ex, [(3, 8), (3, 11)]) == []


def test_an_example_no_installed_python_can_run_fails_instead_of_skipping(request):
    from conftest import interpreter_for
    from interpreters import current

    ex = fixture("future_python.py")
    assert interpreter_for(ex, current(), request.config) is None  # test_example then fails, saying why


# --- 3. Hand-written code on pages ------------------------------------------------------


def test_hand_written_python_on_a_page_is_named():
    assert catalog.handwritten_code(DOCS) == [
        "handwritten.md:5: a hand-written ```python block",
        "handwritten.md:10: a hand-written ```pycon block",
        "handwritten.md:15: a hand-written ```python block",
    ]


# --- 4. Start methods, seen at run time -----------------------------------------------------


def test_processes_are_found_whatever_the_import_looks_like():
    ex = fixture("mp_import_on_one_line.py")
    runs, problems = check_example(ex)
    assert {r.start_method for r in runs} == {None, "fork", "spawn", "forkserver"}
    assert any("two runs printed different output" in p for p in problems), problems
    assert any("start method spawn" in p and "output differs" in p for p in problems), problems
    runs, problems = check_example(fixture("pool_multiline_import.py"))
    assert problems == [] and len(runs) == 4


def test_own_start_method_is_not_taken_on_trust():
    _, problems = check_example(fixture("own_never_chooses.py"), matrix=False)
    assert len(problems) == 1 and "declares own_start_method, but the program never chose" in problems[0]
    _, problems = check_example(fixture("chooses_undeclared.py"), matrix=False)
    assert len(problems) == 1 and "the program chooses its start method itself (spawn)" in problems[0]
    assert "own_start_method = true" in problems[0]


def test_a_process_starting_example_not_run_under_every_method_fails():
    ex = fixture("pool_multiline_import.py")
    one = run_example(ex)
    (problem,) = judge(ex, [one])
    assert "starts processes" in problem and "was not run under the start method(s)" in problem


# --- 5. The reader's environment ------------------------------------------------------------


def test_stdin_is_at_end_of_file_and_the_working_directory_is_not_empty():
    problems = "\n".join(run_example(fixture("reads_stdin.py")).problems())
    assert "EOFError" in problems
    (problem,) = run_example(fixture("lists_cwd.py")).problems()
    assert "+['data', 'notes.txt']" in problem
    (problem,) = run_example(fixture("writes_cwd.py")).problems()
    assert "left files behind" in problem and "./result.txt" in problem


def test_stress_varies_time_zone_locale_and_hash_seed():
    import random

    from stress import variation_for

    (problem,) = run_example(fixture("local_time.py"), variation={"TZ": "Asia/Kathmandu"}).problems()
    assert "TZ=Asia/Kathmandu" in problem and "+05:30" in problem
    ascii_stdout = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": None}
    problems = "\n".join(run_example(fixture("non_ascii.py"), variation=ascii_stdout).problems())
    assert "UnicodeEncodeError" in problems
    outputs = {run_example(fixture("set_order.py"), variation={"PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(outputs) > 1
    rng = random.Random(0)
    declared = [variation_for(fixture("local_time_declared.py"), rng) for _ in range(20)]
    assert all("TZ" not in v for v in declared) and all("PYTHONHASHSEED" in v for v in declared)
    assert run_example(fixture("local_time_declared.py")).problems() == []


# --- 6. Leaks that do not change the output ------------------------------------------------------


@LINUX_ONLY
@pytest.mark.parametrize(
    "name, left",
    [
        ("leak_raw_shm_file.py", "/dev/shm/leak_raw_shm_file"),
        ("leak_shm_isolated_child.py", "/dev/shm/psm_"),
        ("leak_tmp_file.py", ".leak_tmp_file"),
    ],
)
def test_files_left_in_tmp_or_dev_shm_are_caught(name, left):
    from runner import isolation

    if not isolation()[0]:
        pytest.skip(f"no private /tmp and /dev/shm here: {isolation()[1]}")
    (problem,) = run_example(fixture(name)).problems()
    assert "left files behind in /tmp, /dev/shm" in problem and left in problem
    assert not os.path.exists("/dev/shm/leak_raw_shm_file"), "the machine's /dev/shm was never touched"


@LINUX_ONLY
def test_a_helper_that_outlives_the_program_briefly_is_caught():
    (problem,) = run_example(fixture("helper_outlives.py")).problems()
    assert "left processes running after it exited" in problem and "helper_outlives.py helper" in problem
    assert processes_mentioning("helper_outlives.py helper") == []


@LINUX_ONLY
def test_a_child_in_its_own_process_group_is_caught_and_killed():
    (problem,) = run_example(fixture("setpgid_escape.py"), grace=0.5).problems()
    assert "left processes running" in problem and "setpgid_escape.py leftover" in problem
    assert processes_mentioning("setpgid_escape.py leftover") == []


@pytest.mark.redis
def test_redis_keys_left_behind_are_caught(redis_url):
    run = run_example(fixture("redis_key_left.py"), extra_env={"REDIS_URL": redis_url})
    (problem,) = run.problems()
    assert "left keys in Redis" in problem and "redis_key_left:counter" in problem


# --- 7. Rare nondeterminism -----------------------------------------------------------------------


def test_sleep_is_flagged_unless_declared():
    found = catalog.sleep_calls(fixture("sleep_orders.py"))
    assert [p.split(": ", 1)[0] for p in found] == ["bad/sleep_orders.py:8", "bad/sleep_orders.py:12"]
    assert "A sleep does not order events" in found[0] and 'sleep = "why"' in found[0]
    assert catalog.sleep_calls(fixture("sleep_declared.py")) == []


def test_stress_makes_threads_switch_far_more_often():
    from stress import SWITCH_INTERVAL

    run = run_example(fixture("switch_interval.py"), variation={"EXAMPLE_SWITCH_INTERVAL": SWITCH_INTERVAL})
    assert abs(float(run.stdout) - float(SWITCH_INTERVAL)) < 1e-9, run.stdout
    assert run_example(fixture("switch_interval.py")).problems() == []


# --- 8. Hidden child failures -----------------------------------------------------------------------


def test_a_child_failure_hidden_from_stderr_is_caught():
    run = run_example(fixture("child_crash_hidden.py"))
    assert run.stderr == "" and run.returncode == 0 and run.stdout == "all went well\n"
    (problem,) = run.problems()
    assert "a child process failed, and nothing on the page says so" in problem
    assert "exit code 1" in problem  # the Process whose target raised
    assert "exited with 3" in problem  # the subprocess nobody checked
    assert 'child_failures = "why the child fails on purpose"' in problem


def test_a_declared_child_failure_passes_and_must_happen():
    assert run_example(fixture("child_crash_declared.py")).problems() == []


# --- 9. One judge -------------------------------------------------------------------------------------


@LINUX_ONLY
def test_make_outputs_refuses_what_the_tests_refuse(tmp_path, capsys):
    import shutil

    import run_example as tool

    tree = tmp_path / "examples" / "bad"
    tree.mkdir(parents=True)
    for name in ("orphan_setsid.py", "leak_shm_silent.py", "child_crash_hidden.py"):
        shutil.copy(EXAMPLES / "bad" / name, tree / name)
        assert tool.main(["--write", str(tree / name)]) == 1
        assert not (tree / name).with_suffix(".out").exists()
    err = capsys.readouterr().err
    assert "had left its session" in err and "a child process failed" in err


# --- 10. Messages -----------------------------------------------------------------------------------------


def test_diffs_show_trailing_spaces_and_a_missing_final_newline():
    (problem,) = run_example(fixture("trailing_space.py")).problems()
    assert "+total: 3·" in problem and "· is a trailing space" in problem
    (problem,) = run_example(fixture("no_final_newline.py")).problems()
    assert "\\ No newline at end of file" in problem


def test_a_carriage_return_round_trips():
    assert check_example(fixture("carriage_return.py"))[1] == []


def test_a_directive_inside_a_code_block_is_not_a_showing():
    pages = [(s.page, s.name) for s in catalog.showings(DOCS) if s.page == "handwritten.md"]
    assert pages == [("handwritten.md", "bad/ok.py")]  # the one in the note, not the one in ````markdown
