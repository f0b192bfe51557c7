"""Run every example as a reader would, and compare with what its page shows.

Each example found under examples/ becomes one test per interpreter. In
`make test` an example runs once, with stdout on a terminal and the
interpreter's default start method; in `make test-all` (``--matrix=full``)
it runs again through a pipe, under every start method when the start-up
hook saw it start a process. A test passes when the judge
(``runner.judge``) finds nothing: exit code 0, nothing on stderr (under
-X dev), no process, file, segment or Redis key left behind, no child
failure the example does not declare, the same output on a terminal and a
pipe and under every start method, and exactly its .out (or a match of its
declared pattern).
"""
from __future__ import annotations

import sys

import pytest

from catalog import examples
from conftest import FREE_THREADED_KEY, full_matrix, interpreter_for, selected_interpreters
from runner import check_example


def pytest_generate_tests(metafunc):
    if "case" not in metafunc.fixturenames:
        return
    params = []
    for interp in selected_interpreters(metafunc.config):
        for ex in examples():
            tag = f"{ex.name}-{interp.label}"
            marks = [pytest.mark.redis] if "redis" in ex.needs else []
            params.append(pytest.param((ex, interp), id=tag, marks=marks))
    metafunc.parametrize("case", params)


@pytest.mark.example
def test_example(case, request):
    example, chosen = case
    interp = interpreter_for(example, chosen, request.config)
    needed = ".".join(map(str, example.requires_python or (0,)))
    if interp is None:
        pytest.fail(
            f"{example.name} needs Python {needed}+ (requires_python in {example.meta_path.name}), and no "
            f"interpreter on this machine has it, so its output is never checked. Install Python "
            f"{needed} (pyenv, or python{needed} on PATH), or lower requires_python.",
            pytrace=False,
        )
    if example.requires_python and interp.version < example.requires_python:
        pytest.skip(f"{example.name} needs Python {needed}+; none of the interpreters chosen with --pythons has it")
    if interp is not chosen and request.config.getoption("--pythons") != "current":
        # The interpreters were chosen (all, or a list): a newer one among them runs it.
        pytest.skip(
            f"{example.name} needs Python {needed}+ (declared in {example.meta_path.name}); "
            f"this is {chosen.label}"
        )
    if example.platforms and sys.platform not in example.platforms:
        pytest.skip(
            f"{example.name} runs only on {', '.join(example.platforms)} "
            f"(declared in {example.meta_path.name}); this is {sys.platform}"
        )
    extra_env = {}
    if example.needs:
        if interp.executable != sys.executable:
            pytest.skip(
                f"{example.name} uses a client library ({', '.join(example.needs)}) that is "
                f"installed only in the test runner's own environment ({sys.executable})"
            )
        if "redis" in example.needs:
            extra_env["REDIS_URL"] = request.getfixturevalue("redis_url")
    runs, problems = check_example(example, interp.executable, extra_env, matrix=full_matrix(request.config))
    started = any(run.started_methods for run in runs)
    if started and not example.imports_process_tools and not example.meta.get("own_start_method"):
        # The page's caption names the start methods from the source; a process
        # started some other way would make it leave out runs that did happen.
        problems.append(
            f"{example.name}: the start-up hook saw it start processes, but it neither imports "
            f"multiprocessing nor names ProcessPoolExecutor, so its page does not say it is checked "
            f"under every start method. Start processes through those."
        )
    for run in runs:
        if run.set_aside is not None:
            # Listed at the end of the run (conftest.py), never passed over in silence.
            request.node.user_properties.append((FREE_THREADED_KEY, f"{example.name} ({interp.label}): {run.set_aside}"))
    assert not problems, "\n\n".join(problems)
