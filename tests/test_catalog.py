"""Coverage both ways: every example is shown and checked, every shown file exists."""
from __future__ import annotations

import sys

import pytest

import catalog
from catalog import (
    EXAMPLES,
    ROOT,
    examples,
    examples_without_output,
    load_meta,
    missing_versioned_outputs,
    pages_showing,
    stray_files,
    unshown_examples,
)


def test_every_example_is_shown_on_a_page():
    unshown = unshown_examples()
    assert not unshown, (
        "these examples are on no page; show each with ```{example} <name>``` "
        f"or delete it: {unshown}"
    )


def test_every_page_names_an_existing_example():
    missing = {name: pages for name, pages in pages_showing().items() if not (EXAMPLES / name).is_file()}
    assert not missing, f"pages show examples that do not exist: {missing}"


def test_every_example_has_its_output():
    lacking = examples_without_output()
    assert not lacking, (
        f"examples without a .out: {lacking}. Write them from real runs with `make outputs`."
    )


def test_every_declared_version_specific_output_exists():
    lacking = [str(p.relative_to(ROOT)) for p in missing_versioned_outputs()]
    assert not lacking, (
        f"declared in [output_from] but never written: {lacking}. Write each from a real run "
        "on that Python: `python tools/run_example.py --python python3.N --write <example>`."
    )


def test_no_output_or_metadata_without_an_example():
    strays = [str(p.relative_to(ROOT)) for p in stray_files()]
    assert not strays, (
        f".out/.toml files with no example beside them, or a name.py3.N.out that the "
        f"example's .toml does not declare under [output_from]: {strays}"
    )


def test_every_metadata_file_is_valid():
    # load_meta raises on unknown keys, a pattern without a reason, or an unknown service.
    for ex in examples():
        load_meta(ex.meta_path)


def test_examples_follow_the_contract():
    broken = []
    for ex in examples():
        src = ex.source
        stem = ex.path.stem
        if not src.lstrip().startswith(('"""', "'''")):
            broken.append(f"{ex.name}: no docstring saying what it shows")
        if 'if __name__ == "__main__":' not in src:
            broken.append(f"{ex.name}: no `if __name__ == \"__main__\":` guard")
        if stem in _STDLIB_NAMES:
            broken.append(f"{ex.name}: its name shadows the stdlib module {stem!r}")
        if ":lines:" in src:
            broken.append(f"{ex.name}: mentions :lines:")
    assert not broken, "\n".join(broken)


def test_pages_never_include_by_line_numbers():
    offenders = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip().startswith(":lines:"):
                offenders.append(f"{page.relative_to(ROOT)}:{n}")
    assert not offenders, f"use :pyobject: or text markers instead of :lines: at {offenders}"


def test_pages_show_only_what_the_tests_run():
    # The example directive refuses the same (catalog.refusal), so the build fails too.
    refused = [f"{s.page}: {catalog.refusal(s.name)}" for s in catalog.showings() if catalog.refusal(s.name)]
    assert not refused, "\n".join(refused)


def test_no_hand_written_python_on_pages():
    found = catalog.handwritten_code()
    assert not found, (
        "Python on a page comes from examples/ (so the tests run it), never written into the "
        "page by hand. Show the lines from an example with ```{example} <name>``` and "
        ":pyobject: or :start-after:/:end-before: markers (and :no-output:):\n" + "\n".join(found)
    )


def test_no_sleep_used_to_order_events():
    found = [p for ex in examples() for p in catalog.sleep_calls(ex)]
    assert not found, "\n".join(found)


@pytest.mark.full  # it needs every interpreter on the machine: make test-all
def test_every_output_file_is_checked_by_some_installed_python(all_interpreters):
    versions = [i.version for i in all_interpreters]
    found = [p for ex in examples() for p in catalog.unchecked_outputs(ex, versions)]
    assert not found, "\n".join(found)


_STDLIB_NAMES = set(getattr(sys, "stdlib_module_names", ())) | {"redis", "rq"}
