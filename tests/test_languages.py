"""The two languages as one site, checked in the built HTML (no browser).

- Every English page X links to the Chinese page zh_CN/X, and every Chinese
  page back to X: a real link with hreflang and lang, relative (so it works
  offline and from file://), to a file that exists and is the same page.
  The 404 page, served at any depth, links to the other language's home
  page by its absolute prefix, like its other links.
- Every page declares its language, `<html lang="en">` or `<html lang="zh-CN">`
  (the BCP 47 tag, not Sphinx's zh_CN), and names both versions with
  `<link rel="alternate" hreflang>`.

tests/test_browser.py follows the switch in a real browser, both ways.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import CHINESE

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

TAGS = {"en": "en", CHINESE: "zh-CN"}


def pages(root: Path) -> list[str]:
    """Every HTML page of one language's build, relative to its root."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not ({"_static", "_downloads", "_images", "_sources", CHINESE} & set(p.relative_to(root).parts[:-1]))
    )


def switch_problems(root: Path, other_root: Path, language: str) -> list[str]:
    other = CHINESE if language == "en" else "en"
    problems = []
    for page in pages(root):
        soup = BeautifulSoup((root / page).read_text(encoding="utf-8"), "html.parser")
        where = f"{'' if language == 'en' else CHINESE + '/'}{page}"
        stray = soup.select("head [translated]")
        if stray:
            problems.append(f"{where}: Sphinx's translated= attribute left in the page: {stray[0]}")
        html_lang = soup.html.get("lang")
        if html_lang != TAGS[language]:
            problems.append(f"{where}: <html lang={html_lang!r}>, expected {TAGS[language]!r}")
        links = soup.select("nav.language-switch a[href]")
        if len(links) != 1:
            problems.append(f"{where}: {len(links)} language links, expected 1")
            continue
        a = links[0]
        if a.get("hreflang") != TAGS[other] or a.get("lang") != TAGS[other]:
            problems.append(f"{where}: the language link lacks hreflang/lang {TAGS[other]!r}: {a}")
        if not a.get_text(strip=True):
            problems.append(f"{where}: the language link has no text")
        href = a["href"]
        if page == "404.html":
            # Absolute, by the 404 page's prefix: the other language's home page.
            expected = "/index.html" if other == "en" else f"/{CHINESE}/index.html"
            if not href.startswith("/") or not href.endswith(expected):
                problems.append(f"{where}: the 404 page's language link is {href!r}, expected …{expected}")
            continue
        if urlsplit(href).scheme or href.startswith("/"):
            problems.append(f"{where}: the language link {href!r} is not relative (breaks offline)")
            continue
        target = ((root / page).parent / href).resolve()
        if target != (other_root / page).resolve():
            problems.append(f"{where}: the language link {href!r} leads to {target}, not the same page")
        elif not target.is_file():
            problems.append(f"{where}: the language link {href!r} leads to no file")
        alternates = {link.get("hreflang"): link.get("href") for link in soup.select('link[rel="alternate"][hreflang]')}
        if not (alternates.get("en", "").endswith("/" + page)
                and alternates.get("zh-CN", "").endswith(f"/{CHINESE}/{page}")
                and alternates.get("x-default") == alternates.get("en")):
            problems.append(f"{where}: <link rel=alternate hreflang> for en, zh-CN and x-default missing or wrong: {alternates}")
    return problems


@pytest.mark.parametrize("language", ["en", CHINESE])
def test_every_page_links_to_itself_in_the_other_language(built_site, language):
    english, chinese = built_site, built_site / CHINESE
    root, other_root = (english, chinese) if language == "en" else (chinese, english)
    assert pages(root) == pages(other_root), "the two builds do not have the same pages"
    problems = switch_problems(root, other_root, language)
    assert not problems, "\n".join(problems)


def test_the_chinese_build_uses_the_catalogues(built_site):
    """The glossary's catalogue is complete: its page is in Chinese, with the Chinese title."""
    soup = BeautifulSoup((built_site / CHINESE / "glossary.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("article h1").get_text(strip=True).startswith("术语表")
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical.endswith(f"/{CHINESE}/glossary.html"), canonical


def test_the_switch_check_catches_a_wrong_link(tmp_path):
    """A link to another page, an absolute one and a missing lang must fail."""
    en, zh = tmp_path / "en", tmp_path / "en" / CHINESE
    zh.mkdir(parents=True)
    head = '<link rel="alternate" hreflang="en" href="http://x/{p}"><link rel="alternate" hreflang="zh-CN" href="http://x/zh_CN/{p}"><link rel="alternate" hreflang="x-default" href="http://x/{p}">'
    page = '<!doctype html><html lang="en"><head>' + head + '</head><nav class="language-switch"><a href="{href}" hreflang="zh-CN" {lang}>中文</a></nav>'
    (en / "a.html").write_text(page.format(p="a.html", href="zh_CN/b.html", lang='lang="zh-CN"'), encoding="utf-8")
    (en / "b.html").write_text(page.format(p="b.html", href="/zh_CN/b.html", lang='lang="zh-CN"'), encoding="utf-8")
    (en / "c.html").write_text(page.format(p="c.html", href="zh_CN/c.html", lang=""), encoding="utf-8")
    (en / "d.html").write_text(page.format(p="d.html", href="zh_CN/d.html", lang='lang="zh-CN"'), encoding="utf-8")
    for name in "abcd":
        (zh / f"{name}.html").write_text("<html>", encoding="utf-8")
    problems = "\n".join(switch_problems(en, zh, "en"))
    assert "a.html: the language link 'zh_CN/b.html' leads to" in problems
    assert "b.html: the language link '/zh_CN/b.html' is not relative" in problems
    assert "c.html: the language link lacks hreflang/lang" in problems
    assert "d.html" not in problems, problems


def _heading_texts(root: Path, page: str) -> dict[str, str]:
    """Section id -> its heading's text, on one built page."""
    soup = BeautifulSoup((root / page).read_text(encoding="utf-8"), "html.parser")
    texts = {}
    for section in soup.select("article section[id]"):
        heading = section.find(["h1", "h2", "h3", "h4", "h5", "h6"])
        if heading:
            for link in heading.select("a.headerlink"):
                link.decompose()
            texts[section["id"]] = heading.get_text(" ", strip=True)
    return texts


def english_heading_links(english: Path, chinese: Path) -> list[str]:
    """Links on Chinese pages whose text is a heading's English text where
    that heading is translated: a link written with no text, ``[](page.md#id)``,
    showing the text MyST recorded before the page was translated."""
    cache: dict[tuple[Path, str], dict[str, str]] = {}

    def heading(root: Path, page: str, anchor: str) -> str | None:
        if (root, page) not in cache:
            cache[root, page] = _heading_texts(root, page) if (root / page).is_file() else {}
        return cache[root, page].get(anchor)

    problems = []
    for page in pages(chinese):
        soup = BeautifulSoup((chinese / page).read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("article a.reference.internal[href*='#']"):
            target, _, anchor = a["href"].partition("#")
            target = (Path(page).parent / target).as_posix() if target else page
            target = Path(target).as_posix()
            parts: list[str] = []
            for part in target.split("/"):
                if part == "..":
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            target = "/".join(parts)
            en, zh = heading(english, target, anchor), heading(chinese, target, anchor)
            if en and zh and en != zh and a.get_text(" ", strip=True) == en:
                problems.append(f"{CHINESE}/{page}: the link to {target}#{anchor} shows the English heading {en!r}")
    return problems


def test_links_to_headings_show_the_translated_heading(built_site):
    problems = english_heading_links(built_site, built_site / CHINESE)
    assert not problems, "\n".join(problems)


def test_the_heading_link_check_catches_an_english_heading(tmp_path):
    en, zh = tmp_path / "en", tmp_path / "zh"
    for root, title, link in ((en, "Stop it", "Stop it"), (zh, "停止它", "Stop it")):
        root.mkdir()
        (root / "a.html").write_text(
            f'<article><section id="stop"><h2>{title}<a class="headerlink" href="#stop">¶</a></h2></section>'
            f'<a class="reference internal" href="#stop">{link}</a></article>', encoding="utf-8")
    assert english_heading_links(en, zh) == ["zh_CN/a.html: the link to a.html#stop shows the English heading 'Stop it'"]


HAN = "\u3400-\u9fff"  # Chinese characters (CJK Unified Ideographs and Extension A)
_CJK = re.compile(f"[{HAN}]")


def articles(root: Path, drop: str = ""):
    """(page, its <article>) for every page of one build that has one, with
    the elements that match the selector ``drop`` taken out."""
    for page in pages(root):
        article = BeautifulSoup((root / page).read_text(encoding="utf-8"), "html.parser").select_one("article")
        if article is None:
            continue
        for node in article.select(drop) if drop else ():
            node.decompose()
        yield page, article


def english_alt_texts(chinese: Path) -> list[str]:
    """Images on Chinese pages (plots, diagrams) whose text alternative has no
    Chinese in it: an alt text whose translation the build did not apply."""
    problems = []
    for page, article in articles(chinese):
        for node in article.select("img, [role=img]"):
            text = node.get("alt") or node.get("aria-label") or ""
            if text.strip() and not _CJK.search(text):
                problems.append(f"{CHINESE}/{page}: {node.name} with English alt text {text[:70]!r}")
    return problems


def test_every_image_on_a_chinese_page_has_a_chinese_alt_text(built_site):
    problems = english_alt_texts(built_site / CHINESE)
    assert not problems, "\n".join(problems)


def test_the_alt_text_check_catches_an_english_alt(tmp_path):
    (tmp_path / "a.html").write_text(
        '<article><img alt="两块面板" src="a.svg"><img alt="Two panels" src="b.svg">'
        '<div role="img" aria-label="Dot plot"></div><img alt="" src="c.svg"></article>', encoding="utf-8")
    assert english_alt_texts(tmp_path) == [
        "zh_CN/a.html: img with English alt text 'Two panels'",
        "zh_CN/a.html: div with English alt text 'Dot plot'",
    ]


def markup_shown_as_text(root: Path) -> list[str]:
    """Markdown markup a page shows as text instead of rendering: ``**`` or a
    backtick outside code, as when bold is closed after Chinese punctuation
    that a letter follows (``**不是。**服务器``)."""
    problems = []
    for page, article in articles(root, drop="pre, code, kbd, script, style, svg, .highlight"):
        text = article.get_text("")
        for marker in ("**", "`"):
            at = text.find(marker)
            if at >= 0:
                problems.append(f"{page}: {marker!r} shown as text: {text[max(0, at - 30):at + 30]!r}")
    return problems


@pytest.mark.parametrize("language", ["en", CHINESE])
def test_no_page_shows_its_markup_as_text(built_site, language):
    problems = markup_shown_as_text(built_site if language == "en" else built_site / CHINESE)
    assert not problems, "\n".join(problems)


def test_the_markup_check_catches_unrendered_bold(tmp_path):
    (tmp_path / "a.html").write_text(
        "<article><p>**不是。**服务器</p><p><code>**kwargs</code> and <strong>bold</strong></p></article>",
        encoding="utf-8")
    assert markup_shown_as_text(tmp_path) == ["a.html: '**' shown as text: '**不是。**服务器 and bold'"]


# A space a Chinese reader sees as a gap: after full-width punctuation, or
# between two Chinese characters (a link or a quantity whose text is Chinese,
# written with a space on each side as if it were a Latin word).
_GAP = re.compile(f"[。，：；！？、）”][ \u00a0]+\\S|[{HAN}][ \u00a0]+[{HAN}]")


def chinese_gaps(chinese: Path) -> list[str]:
    problems = []
    for page, article in articles(chinese, drop="pre, script, style, svg, .highlight, a.headerlink"):
        for block in article.select("p, li, td, th, h1, h2, h3, h4, h5, h6, figcaption, dt, dd"):
            text = block.get_text("")
            for found in _GAP.finditer(text):
                problems.append(f"{CHINESE}/{page}: {text[max(0, found.start() - 15):found.end() + 15]!r}")
    return problems


def test_chinese_text_has_no_gaps(built_site):
    problems = chinese_gaps(built_site / CHINESE)
    assert not problems, "a space shows as a gap in Chinese text:\n" + "\n".join(problems)


def test_the_gap_check_catches_a_spaced_link(tmp_path):
    (tmp_path / "a.html").write_text(
        '<article><p>参见 <a href="b.html">启动方式</a>。</p><p>调用 <code>join()</code> 之后。</p>'
        '<p>结束。 下一句</p></article>', encoding="utf-8")
    assert chinese_gaps(tmp_path) == ["zh_CN/a.html: '参见 启动方式。'", "zh_CN/a.html: '结束。 下一句'"]
