"""Run every example as a reader would, and compare with what its page shows.

Each example found under examples/ becomes one test per interpreter and,
for multiprocessing examples, per start method. A test passes when the
example exits 0, writes nothing to stderr (under -X dev), leaves no process
behind, and prints exactly its .out (or matches its declared pattern).
"""
from __future__ import annotations

import multiprocessing
import sys

import pytest

from catalog import examples
from conftest import FREE_THREADED_KEY, selected_interpreters
from runner import run_example


def pytest_generate_tests(metafunc):
    if "case" not in metafunc.fixturenames:
        return
    params = []
    for interp in selected_interpreters(metafunc.config):
        for ex in examples():
            for method in ex.start_methods:
                tag = f"{ex.name}[{method or 'own'}]-{interp.label}"
                marks = [pytest.mark.redis] if "redis" in ex.needs else []
                params.append(pytest.param((ex, interp, method), id=tag, marks=marks))
    metafunc.parametrize("case", params)


@pytest.mark.example
def test_example(case, request):
    example, interp, method = case
    needed = example.requires_python
    if needed and interp.version < needed:
        pytest.skip(
            f"{example.name} needs Python {needed[0]}.{needed[1]}+ "
            f"(declared in {example.meta_path.name}); this is {interp.label}"
        )
    if example.platforms and sys.platform not in example.platforms:
        pytest.skip(
            f"{example.name} runs only on {', '.join(example.platforms)} "
            f"(declared in {example.meta_path.name}); this is {sys.platform}"
        )
    if method and method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"start method {method!r} does not exist on {sys.platform}")
    extra_env = {}
    if example.needs:
        if interp.executable != sys.executable:
            pytest.skip(
                f"{example.name} uses a client library ({', '.join(example.needs)}) that is "
                f"installed only in the test runner's own environment ({sys.executable})"
            )
        if "redis" in example.needs:
            extra_env["REDIS_URL"] = request.getfixturevalue("redis_url")
    run = run_example(example, interp.executable, method, extra_env=extra_env)
    if run.set_aside is not None:
        # Listed at the end of the run (conftest.py), never passed over in silence.
        request.node.user_properties.append((FREE_THREADED_KEY, f"{example.name} ({interp.label}): {run.set_aside}"))
    problems = run.problems()
    assert not problems, "\n\n".join(problems)
