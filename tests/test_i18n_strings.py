"""The generated text of a translated build, and translatable diagrams.

The text the extensions and conf.py write on pages comes from
docs/locale/<language>/LC_MESSAGES/site.po (tools/site_strings.py); each
diagram is two messages of its page's catalogue (tools/sphinx_diagrams.py),
and a translated diagram is rendered with wide characters measured 1 em wide
(tools/mermaid_cached.py).
"""
from __future__ import annotations

import ast
import html
import re
import string
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT / "bench"))

import mermaid_cached  # noqa: E402
import site_strings  # noqa: E402

SITE_POS = sorted((ROOT / "docs" / "locale").glob("*/LC_MESSAGES/site.po"))
ZH_SITE = ROOT / "_build" / "html" / "zh_CN"


def _conf_value(name: str) -> str:
    tree = ast.parse((ROOT / "conf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"conf.py sets no {name}")


BENCH_TABLES = ROOT / "bench" / "tables.py"
BENCH_PLOT = ROOT / "bench" / "plot.py"


def _literal_calls(path: Path) -> set[str]:
    """The literal texts a file hands to t(env, text) or localise(lang, text), or
    to a translate function _(text) (bench/tables.py's templates and
    bench/plot.py's words, and tools/sphinx_bench.py, which passes t to the
    templates)."""
    texts = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            index = {"t": 1, "localise": 1, "_": 0}.get(getattr(node.func, "id", None))
            arg = node.args[index] if index is not None and len(node.args) > index else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                texts.add(arg.value)
    return texts


def _asked_for() -> set[str]:
    """Every text the code hands to t() or localise() as a literal, and the
    other texts site_strings localises (conf.py's titles, the 404 page, the
    benchmark metrics' names and the texts a run records)."""
    texts = set()
    for path in [*TOOLS.glob("*.py"), BENCH_TABLES, BENCH_PLOT]:
        texts |= _literal_calls(path)
    import tables

    texts |= set(tables.METRICS.values()) | set(tables.DATA_TEXTS) | set(tables.MECHANISM_LABELS)
    texts |= {_conf_value("project"), _conf_value("html_title")}
    texts |= {site_strings.NOT_FOUND_TITLE, site_strings.NOT_FOUND_TEXT, _conf_value("copyright")}
    texts |= set(site_strings.THEME_TEXTS)
    import sphinx_reader

    texts |= {text for _, text in sphinx_reader.FIXED_THEME_TEXTS} | {sphinx_reader.TOGGLE_NAVIGATION}
    return texts


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_code_asks_for_texts():
    asked = _asked_for()
    # The scan must see the calls: a sample of what sphinx_example.py asks for.
    assert {"checked on Python {pythons}", "on a terminal", "Outputs", "download"} <= asked
    assert "Open the diagram at full size" in asked and "not measured" in asked
    # and bench/tables.py's templates
    assert {"Mechanism", "no copy", "*Measured with {provenance}; {link}.*"} <= _literal_calls(BENCH_TABLES)
    assert {"message size", "{mechanism} (limit)"} <= _literal_calls(BENCH_PLOT)


def test_there_is_a_site_catalogue():
    assert SITE_POS, "no docs/locale/<language>/LC_MESSAGES/site.po"


@pytest.mark.parametrize("po", SITE_POS, ids=lambda p: p.parts[-3])
def test_site_catalogue_translates_every_generated_text(po):
    with po.open("rb") as f:
        cat = read_po(f)
    messages = {m.id: m for m in cat if m.id}
    asked = _asked_for()
    missing = sorted(asked - set(messages))
    assert not missing, f"{po.relative_to(ROOT)} lacks these msgids: {missing}"
    stale = sorted(set(messages) - asked)
    assert not stale, f"{po.relative_to(ROOT)} has msgids nothing asks for any more: {stale}"
    for msgid, m in messages.items():
        assert m.string, f"{po.relative_to(ROOT)}: {msgid!r} is untranslated"
        assert not m.fuzzy, f"{po.relative_to(ROOT)}: {msgid!r} is fuzzy"
        assert _fields(m.string) == _fields(msgid), f"{po.relative_to(ROOT)}: {msgid!r} and its msgstr name different fields"


def test_localise_uses_the_catalogue_and_fills_fields():
    assert site_strings.localise(None, "checked on Python {pythons}", pythons="3.9–3.15") == "checked on Python 3.9–3.15"
    assert site_strings.localise("zh_CN", "checked on Python {pythons}", pythons="3.9–3.15") == "已在 Python 3.9–3.15 上验证"


def test_a_text_missing_from_the_catalogue_is_a_warning(caplog):
    with caplog.at_level("WARNING"):
        out = site_strings.localise("zh_CN", "a text nobody translated")
    assert out == "a text nobody translated"
    assert "has no translation of 'a text nobody translated'" in caplog.text


def test_conf_titles_are_localised_per_language():
    class Config:
        language = "zh_CN"
        project = _conf_value("project")
        html_title = _conf_value("html_title")
        copyright = _conf_value("copyright")
        ogp_site_name = html_title
        notfound_context = site_strings.not_found_context(None)
        notfound_urls_prefix = "/"
        html_baseurl = "https://example.org/"
        ogp_site_url = html_baseurl

    site_strings._per_language(None, Config)
    assert Config.html_title == Config.ogp_site_name == "线程、进程与队列：经过测试的指南"
    assert "页面不存在" in Config.notfound_context["body"] and Config.copyright == "2026，本项目的贡献者"
    # The addresses move under zh_CN/ in sphinx_languages, once.
    assert Config.notfound_urls_prefix == "/" and Config.html_baseurl == "https://example.org/"


# --- benchmark tables ---------------------------------------------------


def test_every_text_the_tables_write_is_a_site_msgid():
    """What bench/tables.py hands its translate function, whether the scan above sees it or not."""
    import tables

    data = ROOT / "docs" / "benchmarks" / "_data"
    run, kept = tables.Run(data / "results.json"), tables.Run(data / "results-3.11.json")
    asked = []

    def record(text, **fields):
        asked.append(text)
        return tables.english(text, **fields)

    for group in tables.GROUP_TITLES:
        tables.group_tables(run, group, record)
    tables.ratio_tables(run, record), tables.machine_table(run, record), tables.compare_tables(run, kept, _=record)
    tables.describe(run, "mp_Queue", 64, "rtt", record)
    assert "Mechanism" in asked and "a throwaway redis-server started by tests/redis_service.py" in asked
    with SITE_POS[0].open("rb") as f:
        msgids = {m.id for m in read_po(f) if m.id}
    assert set(asked) <= msgids, sorted(set(asked) - msgids)


# Lower-case names in the mechanisms' labels: the rest of a label's
# lower-case words are English to be translated.
_LABEL_NAMES = {"deque", "memcpy", "send", "recv", "send_bytes", "recv_bytes"}


def _plain_words(label: str) -> list[str]:
    return [w for w in re.split(r"[\s,+/()]+", label) if re.fullmatch(r"[a-z]+", w) and w not in _LABEL_NAMES]


def test_every_mechanism_label_in_words_is_translated():
    """A label that says something in words (not only names) is a site msgid;
    a new mechanism whose label has an English word fails here until it is."""
    import tables

    recorded = set()
    for path in sorted((ROOT / "docs" / "benchmarks" / "_data").glob("results*.json")):
        recorded |= {m["label"] for m in tables.Run(path).data["mechanisms"]}
    assert "os.pipe, raw bytes" in recorded and "queue.Queue" in recorded
    in_words = {label for label in recorded if _plain_words(label)}
    assert in_words <= set(tables.MECHANISM_LABELS), sorted(in_words - set(tables.MECHANISM_LABELS))
    assert _plain_words("TCP socket, loopback") == ["socket", "loopback"]
    assert _plain_words("deque + Condition") == [] and _plain_words("Pipe send_bytes/recv_bytes") == []


_BENCH_PAGE = """# Page

Some text around {bench}`mp_Queue.64.rtt`.

```{bench-table} processes
```
"""


def _build(tmp_path, builder, **overrides):
    from io import StringIO

    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_bench"]\n')
    (src / "index.md").write_text(_BENCH_PAGE)
    out = tmp_path / builder
    warnings = StringIO()
    app = Sphinx(str(src), str(src), str(out), str(tmp_path / f"doctrees-{builder}"), builder,
                 confoverrides=overrides, status=None, warning=warnings, freshenv=True)
    app.build()
    return out, warnings.getvalue()


def test_a_bench_table_is_not_a_message_of_its_page(tmp_path):
    """The page's catalogue gets the page's own text, never the generated table (which changes with every run)."""
    out, _ = _build(tmp_path, "gettext")
    pot = (out / "index.pot").read_text(encoding="utf-8")
    assert 'msgid "Some text around {bench}`mp_Queue.64.rtt`."' in pot
    for generated in ("Mechanism", "Round trip", "Throughput", "Measured with", "limit", "µs"):
        assert generated not in pot, generated


def test_a_bench_table_is_written_in_the_build_language(tmp_path):
    out, warnings = _build(tmp_path, "html", language="zh_CN")
    assert "has no translation" not in warnings, warnings
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<em>测量环境：CPython 3." in page and "<strong>吞吐量</strong>" in page and "（极限）" in page
    for english in ("Measured with", "Mechanism", "Round trip", "Throughput", "not measured", "no copy"):
        assert english not in page, english


# --- diagrams -----------------------------------------------------------


def test_a_diagram_is_two_messages_and_takes_their_translations():
    from sphinx_diagrams import diagram

    node = diagram("", code='flowchart LR\n  P["producer"] --> Q', alt="A producer puts", options={})
    node.preserve_original_messages()
    assert node.extract_original_messages() == ["A producer puts", 'flowchart LR\n  P["producer"] --> Q']
    node.apply_translated_message("A producer puts", "生产者放入")
    node.apply_translated_message('flowchart LR\n  P["producer"] --> Q', 'flowchart LR\n  P["生产者"] --> Q')
    assert node["alt"] == "生产者放入" and node["code"] == 'flowchart LR\n  P["生产者"] --> Q'
    # Extraction still gives the originals (what the catalogue's msgids are).
    assert node.extract_original_messages()[1] == 'flowchart LR\n  P["producer"] --> Q'


def test_wide_characters_are_measured_one_em():
    assert mermaid_cached.em_wide('P["生产者"] -- "put()，满时阻塞"') == 'P["@@@"] -- "put()@@@@@"'
    # Latin text, arrows and ambiguous-width signs are left to the font's own widths.
    for text in ("put(item) → queue", "not_full · not_empty", "café ±5 %"):
        assert mermaid_cached.em_wide(text) == text
        assert mermaid_cached.em_wide_breakable(text, "v") == text
    # In HTML that may wrap, a break is possible between any two of them, as in a browser.
    assert mermaid_cached.em_wide_breakable("<p>子进程 fork 出副本</p>", "v") == "<p>v v @ fork v v @</p>"


def test_the_wide_measure_is_one_em_in_both_faces(tmp_path):
    """The translated render of a Chinese label is sized for 1 em a character."""
    src = tmp_path / "d.mmd"
    src.write_text('flowchart LR\n  A["生产者生产者"] --> B["消费者"]\n', encoding="utf-8")
    out = tmp_path / "d.svg"
    import subprocess

    done = subprocess.run(
        [sys.executable, str(TOOLS / "mermaid_cached.py"), "--measure-wide-as-em", "-q", "-i", str(src), "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    widths = sorted(float(w) for w in re.findall(r'<foreignObject width="([\d.]+)"', out.read_text()) if float(w))
    assert widths == [48.0, 96.0], widths  # 3 and 6 characters at 16 px


def test_translated_renders_have_their_own_folder_and_english_keys_are_unchanged():
    assert mermaid_cached.cache_dir(None) == mermaid_cached.CACHE
    assert mermaid_cached.cache_dir("zh_CN") == mermaid_cached.CACHE / "zh_CN"
    params = _conf_value("mermaid_params")
    # The English key is what it was before translations existed: source, params, renderer.
    src = b"flowchart LR\n  A --> B"
    assert mermaid_cached.cache_key(src, params) != mermaid_cached.cache_key(src, [*params, "--lang", "zh_CN"])
    committed = {p.stem for p in mermaid_cached.CACHE.glob("*.svg")}
    assert committed, "no committed English renders"


# --- the built Chinese site ---------------------------------------------

# Generated English that must not appear outside code and output blocks of
# the Chinese site (page text is the page catalogues' business, not this test's).
_ENGLISH = [
    "checked on Python",
    "wherever it starts a process",
    "with the start method it picks itself",
    "one run shown, it varies from run to run",
    ", through a pipe</label>",
    ">on a terminal</label>",
    'aria-label="Outputs"',
    "Open the diagram at full size",
    '<span class="pre">download</span>',
    ". Measured with ",  # a benchmark figure's tooltip
    ">not measured</abbr>",
    # the benchmark tables
    "<em>Measured with ",
    "the run and its machine",
    "Mechanism ÷ its limit",  # (method.md has a table of its own with a "Mechanism" column)
    "<strong>Round trip</strong>, one message",
    "<strong>Throughput</strong>, one producer",
    "Compared: CPython",
    "Moved by more than a factor",
    "was not measured in this run",
    "<br>limit<br>",
    "<br>no copy</p>",
    html.escape(_conf_value("html_title"), quote=False),
    "<h1>Page not found</h1>",
    # the theme's own texts (furo), through Sphinx's translator or written untranslated
    "<span>Next</span>",
    "<span>Previous</span>",
    "On this page",
    "Skip to content",
    "Back to top",
    "Copyright &#169;",
    "Made with ",
    "@pradyunsg</a>'s",
    'aria-label="Toggle',
    "<title>Contents</title>",
    "<title>Menu</title>",
    "<title>Expand</title>",
    "<title>Light mode</title>",
    "<title>Dark mode</title>",
    "<title>Auto light/dark",
]
_PRE = re.compile(r"<pre\b.*?</pre>", re.S)


@pytest.mark.skipif(
    not (ZH_SITE / "index.html").is_file(),
    reason="no Chinese site at _build/html/zh_CN: build it (make html) to check its generated text",
)
def test_the_chinese_site_shows_no_generated_english():
    import tables

    found = []
    pages = sorted(ZH_SITE.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = _PRE.sub("", page.read_text(encoding="utf-8")).replace("\u200b", "")
        for english in _ENGLISH + list(tables.MECHANISM_LABELS):
            if english in text:
                found.append(f"{page.relative_to(ZH_SITE)}: {english!r}")
    assert not found, "generated English in the Chinese site:\n" + "\n".join(found[:40])


@pytest.mark.skipif(
    not (ZH_SITE / "404.html").is_file(),
    reason="no Chinese site at _build/html/zh_CN: build it (make html) to check its 404 page and URLs",
)
def test_the_chinese_404_page_and_urls_stay_in_the_chinese_site():
    page = (ZH_SITE / "404.html").read_text(encoding="utf-8")
    # Every absolute link stays in the Chinese site, but the one to the
    # English site, which says so with hreflang="en".
    links = re.findall(r'href="(/[^"]*)"(?![^>]*hreflang="en")', page)
    assert links and all(link.startswith("/zh_CN/") for link in links if not link.startswith("/_")), links
    assert re.search(r'href="/index\.html"[^>]*hreflang="en"', page)
    assert "<h1>页面不存在</h1>" in page
    kinds = (ZH_SITE / "queues" / "kinds.html").read_text(encoding="utf-8")
    assert re.search(r'<meta property="og:url" content="[^"]*/zh_CN/queues/kinds\.html"', kinds)
