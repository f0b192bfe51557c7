"""The CI workflow is validated offline, and the validation is shown to catch broken workflows.

`make lint-ci` runs the same two tools on .github/workflows/. The fixtures
under tests/fixtures/workflows/ are broken on purpose: if either tool ever
stopped rejecting them, the check would be passing without looking.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
FIXTURES = ROOT / "tests" / "fixtures" / "workflows"
BIN = Path(sys.executable).parent  # the tools are pinned in requirements.txt, installed beside pytest


def run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / tool), *args], capture_output=True, text=True, timeout=120, cwd=ROOT
    )


def schema(path: Path) -> subprocess.CompletedProcess:
    return run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(path))


def zizmor(path: Path) -> subprocess.CompletedProcess:
    return run("zizmor", "--offline", "--no-progress", str(path))


def test_the_workflow_matches_githubs_schema():
    done = schema(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_rejects_a_broken_workflow():
    done = schema(FIXTURES / "broken_schema.yml")
    assert done.returncode != 0
    assert "'runs-on' is a required property" in done.stdout


def test_zizmor_finds_nothing_in_the_workflow():
    done = zizmor(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def test_zizmor_rejects_an_insecure_workflow():
    done = zizmor(FIXTURES / "insecure.yml")
    assert done.returncode != 0
    for audit in ("unpinned-uses", "template-injection", "artipacked"):
        assert f"[{audit}]" in done.stdout, f"zizmor no longer reports {audit}:\n{done.stdout}"


def test_every_action_is_pinned_to_a_commit_with_its_version_named():
    uses = [line.split("uses:", 1)[1].strip() for line in WORKFLOW.read_text().splitlines() if "uses:" in line]
    assert uses
    for ref in uses:
        action, _, rest = ref.partition("@")
        sha, _, comment = rest.partition(" # ")
        assert len(sha) == 40 and all(c in "0123456789abcdef" for c in sha), ref
        assert comment.startswith("v"), f"say which release {sha} is: {ref}"


def test_free_threaded_jobs_check_their_build_first():
    job = yaml.safe_load(WORKFLOW.read_text())["jobs"]["free-threaded"]
    assert job["strategy"]["matrix"]["python"] == ["3.14t", "3.15t"]
    runs = [step.get("run", "") for step in job["steps"]]
    check = next(i for i, r in enumerate(runs) if "Py_GIL_DISABLED" in r)
    tests = next(i for i, r in enumerate(runs) if "make test" in r)
    assert check < tests, "the build check must run before the tests"
    assert "_is_gil_enabled()" in runs[check] and "sys.exit" in runs[check]
