"""The built pages against the files: what a reader sees and copies is what runs.

Reads every page of the built site, in both languages (see the
``built_site`` fixture: the same builds as `make html`; the Chinese pages
show the same files and outputs), with BeautifulSoup and checks that

- each example block is exactly the file (or the region the page asks
  for), as the copy button would copy it (prompts stripped per conf.py);
- each output block is exactly the .out;
- code blocks get a copy button and output blocks do not (conf.py's
  copybutton_selector), and the download link serves the file itself;
- every example is shown on some built page;

and, in `make test-all` (``--matrix=full``), copies each full example out
of the HTML into a scratch directory, runs it as the harness does, and
compares what it prints with the output block on the same page. (`make
test` leaves that run out: the copy is checked to be exactly the file, and
the file is run by tests/test_examples.py.)
"""
from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

import catalog
from catalog import DOCS, EXAMPLES, ROOT, Example
from conftest import LANGUAGES, full_matrix, site_root
from interpreters import current, discover
from runner import check_example, read_output

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

SHOWINGS = catalog.showings()
PAGES = sorted({s.page for s in SHOWINGS})


def _copybutton_config() -> dict:
    """The copybutton_* settings of conf.py, read without executing it."""
    tree = ast.parse((ROOT / "conf.py").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.startswith("copybutton_"):
                found[name] = ast.literal_eval(node.value)
    return found


COPYBUTTON = _copybutton_config()


def copied_text(pre) -> str:
    """What sphinx-copybutton puts on the clipboard for this <pre> (a port of
    its filterText + formatCopyText for the settings in conf.py)."""
    clone = BeautifulSoup(str(pre), "html.parser")
    for node in clone.select(COPYBUTTON.get("copybutton_exclude", ".linenos")):
        node.decompose()
    text = clone.get_text()
    prompt = COPYBUTTON.get("copybutton_prompt_text", "")
    if prompt:
        if not COPYBUTTON.get("copybutton_prompt_is_regexp", False):
            prompt = re.escape(prompt)
        regexp = re.compile("^(" + prompt + ")(.*)")
        only_prompt_lines = COPYBUTTON.get("copybutton_only_copy_prompt_lines", True)
        out, any_prompt = [], False
        for line in text.split("\n"):
            m = regexp.match(line)
            if m:
                any_prompt = True
                out.append(m.group(2))
            elif not only_prompt_lines or line.strip() == "":
                out.append(line)
        if any_prompt:
            text = "\n".join(out)
    if text.endswith("\n"):
        text = text[:-1]  # copybutton drops one trailing newline
    return text


def expected_code(showing: catalog.Showing) -> str:
    """The file, or the region of it the page asks for, as literalinclude reads it."""
    from sphinx.directives.code import LiteralIncludeReader

    options = {k: v for k, v in showing.options.items() if k in ("pyobject", "start-after", "end-before")}
    text, _ = LiteralIncludeReader(str(EXAMPLES / showing.name), options, SimpleNamespace(source_encoding="utf-8")).read()
    return text


def _soup(site: Path, page: str) -> BeautifulSoup:
    html = site / (page[: -len(".md")] + ".html")
    assert html.is_file(), f"{page} has no built page {html.name}"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def _caption_name(block) -> str:
    code = block.select_one("div.code-block-caption code")
    text = code.get_text() if code else ""
    assert text.startswith("examples/"), f"an example block without its path as caption: {text!r}"
    return text[len("examples/") :]


def page_blocks(site: Path, page: str, soup: BeautifulSoup | None = None) -> list[tuple[str, object, object]]:
    """[(example name, code block, output block or None)] in page order."""
    soup = soup or _soup(site, page)
    found = []
    for block in soup.select("div.example-code"):
        nxt = block.find_next_sibling("div")
        out = nxt if nxt is not None and "example-output-wrapper" in nxt.get("class", []) else None
        found.append((_caption_name(block), block, out))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_shows_the_files_exactly(built_site, page, language):
    built_site = site_root(built_site, language)
    showings = [s for s in SHOWINGS if s.page == page]
    soup = _soup(built_site, page)
    blocks = page_blocks(built_site, page, soup)
    assert [b[0] for b in blocks] == [s.name for s in showings], (
        f"{page}: the built page's example blocks differ from the directives in its source"
    )
    copy_targets = {id(p) for p in soup.select(COPYBUTTON["copybutton_selector"])}
    assert soup.find("script", src=re.compile(r"copybutton\.js")), f"{page}: no copy button script"
    problems = []
    for showing, (name, code_block, out_block) in zip(showings, blocks):
        where = f"{page} [{language}]: {name}" + ("" if showing.full else f" ({showing.options})")
        pre = code_block.select_one("div.highlight pre")
        if copied_text(pre) != expected_code(showing).rstrip("\n"):
            problems.append(f"{where}: the copy button would not copy the file's text")
        if id(pre) not in copy_targets:
            problems.append(f"{where}: the code block has no copy button")
        link = code_block.select_one("a.download")
        target = (built_site / page).parent / link["href"] if link else None
        if target is None or target.read_bytes() != (EXAMPLES / name).read_bytes():
            problems.append(f"{where}: the download link does not serve the example file")
        if "no-output" in showing.options:
            if out_block is not None:
                problems.append(f"{where}: an output block although the page asks for none")
            continue
        if out_block is None:
            problems.append(f"{where}: no output block right under the code")
            continue
        out_pre = out_block.select_one("pre")
        if "example-output" not in out_block.select_one("div.highlight").parent.get("class", []):
            problems.append(f"{where}: the output block is not marked example-output")
        if out_pre.get_text() != read_output(Example(EXAMPLES / name).out_path):
            problems.append(f"{where}: the output block is not exactly {Path(name).stem}.out")
        if id(out_pre) in copy_targets:
            problems.append(f"{where}: the output block has a copy button")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_example_is_on_a_built_page(built_site, language):
    built_site = site_root(built_site, language)
    shown = {name for page in PAGES for name, _, _ in page_blocks(built_site, page)}
    missing = [ex.name for ex in catalog.examples() if ex.name not in shown]
    assert not missing, f"examples on no built page: {missing}"


def _full_showings() -> list[catalog.Showing]:
    first = {}
    for s in SHOWINGS:
        if s.full and s.name not in first and (EXAMPLES / s.name).is_file():
            first[s.name] = s
    return [first[n] for n in sorted(first)]


_INTERPRETERS: list = []


def _interpreter_for(ex: Example):
    """This Python when it is new enough for the example, else the newest found."""
    if not ex.requires_python or current().version >= ex.requires_python:
        return current()
    if not _INTERPRETERS:
        _INTERPRETERS.extend(discover())
    usable = [i for i in _INTERPRETERS if i.version >= ex.requires_python]
    return usable[-1] if usable else None


def _example_params():
    for index, s in enumerate(_full_showings()):
        marks = [pytest.mark.redis] if "redis" in Example(EXAMPLES / s.name).needs else []
        yield pytest.param(index, s, id=s.name, marks=marks)


def pytest_generate_tests(metafunc):
    if "showing" in metafunc.fixturenames:
        if full_matrix(metafunc.config):
            metafunc.parametrize("index, showing", list(_example_params()))
        else:
            metafunc.parametrize("index, showing", [pytest.param(0, None, marks=pytest.mark.full, id="test-all-only")])


def test_example_copied_from_the_page_runs_and_prints_its_output(built_site, tmp_path, request, index, showing):
    blocks = [b for b in page_blocks(built_site, showing.page) if b[0] == showing.name]
    assert blocks, (
        f"{showing.page} shows {showing.name} in its source, but the built page has no such "
        f"example block (is the directive inside a code block?)"
    )
    _, code_block, out_block = blocks[0]
    original = Example(EXAMPLES / showing.name)
    # Lay it out as the reader would have it: the copied text, beside it the
    # output the page shows (and the metadata, which the page does not show).
    copy = tmp_path / showing.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(copied_text(code_block.select_one("div.highlight pre")) + "\n", encoding="utf-8")
    copy.with_suffix(".out").write_bytes(out_block.select_one("pre").get_text().encode("utf-8"))
    if original.meta_path.exists():
        shutil.copy(original.meta_path, copy.with_suffix(".toml"))
    if original.terminal_reason:
        shutil.copy(original.tty_out_path, copy.with_name(original.tty_out_path.name))
    for since in original.output_versions:
        shutil.copy(original.versioned_out_path(since), tmp_path / original.versioned_out_path(since).relative_to(EXAMPLES))
    ex = Example(copy, tmp_path, DOCS)
    interp = _interpreter_for(ex)
    if interp is None:
        pytest.skip(f"{showing.name} needs Python {ex.requires_python}; none found on this machine")
    extra_env = {}
    if ex.needs:
        if interp.executable != sys.executable:
            pytest.skip(f"{showing.name} needs a client library installed only for {sys.executable}")
        extra_env["REDIS_URL"] = request.getfixturevalue("redis_url")
    # Once, stdout on a terminal, its default start method: the example tests run the matrix.
    _, problems = check_example(ex, interp.executable, extra_env, matrix=False)
    assert not problems, f"copied from {showing.page}:\n" + "\n\n".join(problems)


def test_the_copy_emulation_strips_prompts_like_copybutton():
    # conf.py's prompts are "$ ", ">>> " and "... "; lines without one are kept.
    pre = BeautifulSoup("<pre><span>&gt;&gt;&gt; </span>x = 1\n... y\nplain\n</pre>", "html.parser").pre
    assert copied_text(pre) == "x = 1\ny\nplain"
    pre = BeautifulSoup('<pre><span class="linenos">1</span>print()\n</pre>', "html.parser").pre
    assert copied_text(pre) == "print()"
