"""No hand-typed timing on any page: every measured figure comes from the data.

A measured figure on a page is written with the ``{bench}`` role or comes
from a ``bench-table`` directive (tools/sphinx_bench.py), both of which read
docs/benchmarks/_data/results.json at build time, or from an example's
recorded output. This test reads every Markdown page under docs/ and fails
on a timing typed by hand:

* a number with a unit of time or rate: ``21 µs``, ``~1 ms``, ``0.5 s``,
  ``5 seconds``, ``1,000 msg/s``, ``40 MB/s``;
* a multiplier: ``12×``, ``3x faster``, ``5 times slower``, ``ten times
  as fast``;
* a duration in number words: ``a few microseconds``, ``tens of
  milliseconds``.

What is not read (the rule CONTRIBUTING.md states): code (fenced blocks
other than directives whose body is prose, and inline code), the
``{bench}`` role, and the ``{quantity}`` role, which marks a figure that is
not a measurement: an API default or argument (``{quantity}`5 ms```), a
documented constant, a setting of the benchmark, or a rough order that the
sentence itself calls rough. Counts ("200 times out of 200") are not
timings and pass.

``tests/fixtures/figures/`` proves the check: ``typed.md`` has figures that
must each be caught, ``allowed.md`` the forms that must pass.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "figures"

NUM = r"(?<![\w.])~?\d+(?:[.,]\d+)*"
RANGE = NUM + r"(?:\s*(?:–|-|to)\s*\d+(?:[.,]\d+)*)?"
UNIT = (r"(?:ns|µs|μs|us|ms|s|secs?|seconds?|milliseconds?|microseconds?|nanoseconds?|minutes?|mins?"
        r"|msgs?/s|messages?/s|messages per second|[kKMG]i?B/s|ops/s)")
NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
               r"|hundred|thousand|several|a few|few|many|tens of|dozens of|hundreds of|thousands of|a hundred"
               r"|a thousand)")
COMPARATIVE = r"(?:faster|slower|quicker|longer|shorter|cheaper|costlier|more expensive|as fast|as slow|as long)"
PATTERNS = [
    ("number with a time or rate unit", re.compile(RANGE + r"\s?" + UNIT + r"(?![\w/])")),
    ("multiplier", re.compile(NUM + r"\s?×")),
    ("multiplier", re.compile(NUM + r"\s?x\s+" + COMPARATIVE)),
    ("N times faster/slower", re.compile(r"(?:" + NUM + r"|\b" + NUMBER_WORD + r")\s+times\s+" + COMPARATIVE, re.I)),
    ("duration in words", re.compile(r"\b" + NUMBER_WORD + r"\s+(?:micro|milli|nano)seconds\b", re.I)),
]

# Fenced blocks whose body is code, not prose: ``` or ~~~ with no language,
# a language, or a code directive. Other directives ({note}, {warning},
# {figure}, ...) hold prose and are read.
CODE_DIRECTIVES = {"code-block", "code", "literalinclude", "example", "mermaid", "bench-table"}
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{([\w:-]+)\})?\s*(\S*)")
ROLE = re.compile(r"\{(bench|quantity)\}`[^`]*`")
HTML_COMMENT = re.compile(r"<!--.*?-->")
INLINE_CODE = re.compile(r"(\{[\w:-]+\})?(`+)(.+?)\2")


def prose_lines(text: str):
    """Yield (line number, text) of the lines a reader sees as prose."""
    stack = []  # open fences: (marker, is_code)
    for n, line in enumerate(text.splitlines(), 1):
        m = FENCE.match(line)
        if m:
            marker = m.group(2)
            if stack and stack[-1][0][0] == marker[0] and len(marker) >= len(stack[-1][0]) \
                    and not m.group(3) and not m.group(5):
                stack.pop()  # a closing fence
                continue
            directive = m.group(4)
            is_code = (directive in CODE_DIRECTIVES) if directive else marker[0] != ":"
            stack.append((marker, is_code or any(code for _, code in stack)))
            continue
        if any(code for _, code in stack):
            continue
        if line.lstrip().startswith("%"):
            continue  # a MyST comment
        line = HTML_COMMENT.sub(" ", line)  # not shown to a reader
        line = ROLE.sub(" ", line)
        line = INLINE_CODE.sub(" ", line)
        yield n, line


def typed_figures(path: Path):
    """Every hand-typed timing in one page: (line, kind, text).

    The prose lines are read as one text, so that a figure broken over two
    lines ("60 to 120" / "microseconds") is still seen.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    prose = [""] * len(lines)
    for n, line in prose_lines("\n".join(lines)):
        prose[n - 1] = line.strip()
    text = "\n".join(prose)
    found = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            found.append((text.count("\n", 0, m.start()) + 1, kind, " ".join(m.group(0).split())))
    return sorted(found)


def pages():
    return sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)


def test_there_are_pages_to_check():
    assert len(pages()) > 20


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_hand_typed_timing(page):
    found = typed_figures(page)
    assert not found, (
        "hand-typed figures in docs/%s: %s\nA measured figure comes from the data: {bench}`mechanism.size.metric`"
        " (tools/sphinx_bench.py). A figure that is not a measurement (an API default, an argument, a rough "
        "order that the sentence calls rough) is marked {quantity}`...`. See CONTRIBUTING.md, 'Figures'." % (
            page.relative_to(DOCS), "; ".join("line %d: %r (%s)" % (n, t, k) for n, k, t in found)))


def test_fixture_typed_figures_are_all_caught():
    """Each line of typed.md that ends with a count marker must yield that many figures."""
    path = FIXTURES / "typed.md"
    found = typed_figures(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = {}
    for n, line in enumerate(lines, 1):
        m = re.search(r"<!-- expect (\d+) -->\s*$", line)
        if m:
            expected[n] = int(m.group(1))
    assert expected, "the fixture declares no expectations"
    got = {}
    for n, _, _ in found:
        got[n] = got.get(n, 0) + 1
    assert got == expected, found


def test_fixture_allowed_forms_pass():
    assert typed_figures(FIXTURES / "allowed.md") == []
