"""The site in two languages: English at the root, Simplified Chinese in zh_CN/.

`make html` builds the same pages twice: English into ``_build/html`` and,
with ``-D language=zh_CN``, Chinese into ``_build/html/zh_CN`` (the text
from docs/locale/zh_CN/LC_MESSAGES/<page>.po). This extension gives the two
builds what they need to be one site:

- every page links to the same page in the other language (English X is
  zh_CN/X, and back), by a relative link, so it works offline and from
  file:// (the template is docs/_templates/components/edit-this-page.html);
  the 404 page, which is served at any depth, links to the other language's
  home page by the same absolute prefix as its other links;
- ``<link rel="alternate" hreflang>`` for both languages (and x-default,
  English) in every page's head, absolute like the canonical link;
- the Chinese build's absolute URLs (canonical, Open Graph, sitemap, the
  404 page's links) carry the zh_CN/ prefix;
- the Chinese search page works (Sphinx 9.0's throws, see
  _chinese_search_language), and its index cuts text into words with
  jieba, given a user dictionary of the Chinese terms in docs/glossary.md,
  written at build time (so the glossary is the one list of terms, and
  启动方式 or 共享内存 are indexed as words, not as 启动 + 方式). When that
  list changes, every page is read again, so no page keeps an index cut
  with the old list.
"""
from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from docutils import nodes
from sphinx.util.nodes import clean_astext

SUBDIR = "zh_CN"  # where the Chinese build goes, under the English one
# language setting -> (name shown in the switch, BCP 47 tag for lang/hreflang)
LANGUAGES = {"en": ("English", "en"), "zh_CN": ("中文", "zh-CN")}
SWITCH_TITLE = {"en": "Read this page in English", "zh_CN": "阅读本页的中文版"}
SWITCH_NAV_LABEL = {"en": "Language", "zh_CN": "语言"}
GLOSSARY = "glossary.md"  # in the source folder
_TRANSLATED_ATTR = re.compile(r' translated="(?:True|False)"')
_HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
_ALL_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def is_chinese(config) -> bool:
    return (config.language or "en") == "zh_CN"


def glossary_terms(glossary: Path) -> list[str]:
    """The Chinese words of the glossary's first table, second column, in order.

    A cell may hold several renderings (``线程 / 主线程 / 守护线程``) and Latin
    words or markup (``全局解释器锁（GIL）``, ``用 pickle 序列化``): each run
    of two or more Han characters is a word. Single characters (锁, 池) are
    words to jieba already."""
    terms: list[str] = []
    rows = 0
    for line in glossary.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line.startswith("|"):
            if rows:
                break  # the end of the first table
            continue
        rows += 1
        cells = [c.strip() for c in line.strip("|").split("|")]
        if rows <= 2 or len(cells) < 2:  # header and delimiter rows
            continue
        for word in _HAN_WORD.findall(cells[1]):
            if word not in terms:
                terms.append(word)
    return terms


def user_dictionary(terms: list[str]) -> str:
    """jieba's user-dictionary format: one word a line; with no frequency
    given, jieba picks one high enough to keep the word whole."""
    return "".join(f"{t}\n" for t in terms)


def _config_inited(app, config):
    # The English build's addresses, before the Chinese build moves them.
    app.site_root_url = config.html_baseurl
    app.site_404_prefix = config.notfound_urls_prefix
    if not is_chinese(config):
        return
    config.html_baseurl = _join(config.html_baseurl, SUBDIR)
    config.ogp_site_url = _join(config.ogp_site_url, SUBDIR)
    config.notfound_urls_prefix = _join(config.notfound_urls_prefix, SUBDIR)
    # Search: jieba with the glossary's terms. The file lives beside the
    # doctrees (build output, never published).
    text = user_dictionary(glossary_terms(Path(app.srcdir) / GLOSSARY))
    path = Path(app.doctreedir) / "search-userdict-zh_CN.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    app.site_search_dict_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    config.html_search_options = {**(config.html_search_options or {}), "dict": str(path)}
    try:
        import jieba

        jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict..." on every build
    except ImportError:
        pass  # Sphinx then indexes without words; requirements.txt pins jieba


def _join(base: str, sub: str) -> str:
    return (base if base.endswith("/") else base + "/") + sub + "/"


def _outdated(app, env, added, changed, removed):
    """Read every page again when the glossary's term list changed: the
    search index of a page is only rebuilt when the page is."""
    wanted = getattr(app, "site_search_dict_hash", None)
    if wanted is None or getattr(env, "site_search_dict_hash", None) == wanted:
        return []
    env.site_search_dict_hash = wanted
    return sorted(env.found_docs)


def _page_context(app, pagename, templatename, context, doctree):
    # Sphinx's i18n marks a page's <meta name="description"> translated="True"
    # (or "False"), and the tag keeps it: not an HTML attribute.
    if "translated=" in context.get("metatags", ""):
        context["metatags"] = _TRANSLATED_ATTR.sub("", context["metatags"])
    lang = "zh_CN" if is_chinese(app.config) else "en"
    other = "en" if lang == "zh_CN" else "zh_CN"
    suffix = app.config.html_file_suffix or ".html"
    if pagename == getattr(app.config, "notfound_pagename", "404"):
        # Served at any URL, so its links are absolute (notfound_urls_prefix):
        # the other language's home page.
        prefix = app.site_404_prefix or "/"
        href = (prefix if other == "en" else _join(prefix, SUBDIR)) + "index" + suffix
    else:
        depth = pagename.count("/")
        up = "../" * (depth + (1 if lang == "zh_CN" else 0))
        href = up + ("" if other == "en" else SUBDIR + "/") + pagename + suffix
        # Both languages, absolute like the canonical link, for search engines.
        root = app.site_root_url
        if root:
            root = root if root.endswith("/") else root + "/"
            tags = [
                f'<link rel="alternate" hreflang="en" href="{root}{pagename}{suffix}">',
                f'<link rel="alternate" hreflang="zh-CN" href="{_join(root, SUBDIR)}{pagename}{suffix}">',
                f'<link rel="alternate" hreflang="x-default" href="{root}{pagename}{suffix}">',
            ]
            context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"
    name, tag = LANGUAGES[other]
    context["site_language_switch"] = {
        "href": href,
        "label": name,
        "hreflang": tag,
        "title": SWITCH_TITLE[other],
        "nav_label": SWITCH_NAV_LABEL[lang],
    }


def _chinese_search_language():
    """Sphinx's Chinese search with a query side that runs.

    Sphinx 9.0 (the pinned 9.0.4) ends the Chinese language_data.js with
    ``window.Stemmer = ChineseStemmer``, a name no script defines: the
    search page throws and never shows a result (fixed upstream after
    9.0.4). The index stems Latin words with the English stemmer, so the
    query must too: the same scripts, ending with ``EnglishStemmer``."""
    from sphinx.search import _MINIFIED_JS_PATH
    from sphinx.search.zh import SearchChinese

    scripts = [(_MINIFIED_JS_PATH / name).read_text(encoding="utf-8")
               for name in ("base-stemmer.js", SearchChinese.js_stemmer_rawcode)]
    defined = "EnglishStemmer"
    assert f"{defined}=" in scripts[1] or f"{defined} =" in scripts[1], f"{defined} is not in Sphinx's stemmer"

    class SearchChineseFixed(SearchChinese):
        js_stemmer_rawcode = ""  # the code below instead
        js_stemmer_code = "\n".join([*scripts, f"window.Stemmer = {defined};"])

        def stem(self, word: str) -> str:
            # The English stemmer returns a word of Chinese characters as it
            # is; skip it for them, most of a Chinese page's words. (The
            # index is written while the pages are, one page at a time: this
            # is the build's slowest step.)
            if _ALL_HAN.fullmatch(word):
                return word
            return super().stem(word)

    return SearchChineseFixed


def _translated_heading_texts(app, doctree):
    """A link with no text to a heading (``[](page.md#anchor)``) shows that
    heading's text, which MyST records while parsing, before the page is
    translated: in a translated build, record the translated text instead."""
    if not is_chinese(app.config):
        return
    slugs = app.env.metadata.get(app.env.docname, {}).get("myst_slugs")
    if not slugs:
        return
    titles = {}
    for section in doctree.findall(nodes.section):
        if section.children and isinstance(section[0], nodes.title):
            for node_id in section["ids"]:
                titles.setdefault(node_id, clean_astext(section[0]))
    for slug, (line, node_id, text) in list(slugs.items()):
        slugs[slug] = (line, node_id, titles.get(node_id, text))


def setup(app):
    app.add_search_language(_chinese_search_language())
    app.connect("doctree-read", _translated_heading_texts)
    # Before the other extensions read the addresses (default priority 500).
    app.connect("config-inited", _config_inited, priority=200)
    app.connect("env-get-outdated", _outdated)
    app.connect("html-page-context", _page_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

