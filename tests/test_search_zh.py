"""The Chinese search finds the glossary's terms as words.

Sphinx's Chinese search cuts text into words with jieba; on its own jieba
cuts 启动方式 into 启动 + 方式, and a reader who searches for 启动方式 finds
nothing under that word. tools/sphinx_languages.py gives jieba the Chinese
terms of docs/glossary.md as a user dictionary at build time. These tests
read the built _build/html/zh_CN/searchindex.js (see the ``built_site``
fixture) and check that the terms are whole words there, on the pages that
use them.
"""
from __future__ import annotations

import json
import logging

import pytest

from catalog import DOCS
from conftest import CHINESE
from sphinx_languages import glossary_terms, user_dictionary

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

TERMS = glossary_terms(DOCS / "glossary.md")
# Terms a page is about (in its title or its text once the page is translated).
TERM_PAGES = [
    ("启动方式", "processes/start-methods"),
    ("共享内存", "processes/shared-memory"),
    ("哨兵值", "queues/stopping"),
    ("守护线程", "threads/stopping"),
    ("可重入锁", "threads/locks"),
]


def search_index(built_site) -> dict:
    text = (built_site / CHINESE / "searchindex.js").read_text(encoding="utf-8")
    assert text.startswith("Search.setIndex("), "searchindex.js is not Sphinx's format"
    return json.loads(text[len("Search.setIndex(") : text.rindex(")")])


def pages_of(index: dict, word: str) -> set[str]:
    """The pages the index lists under ``word`` as a whole term, in the text or a title."""
    found = set()
    for table in ("terms", "titleterms"):
        hits = index[table].get(word, [])
        found.update(index["docnames"][i] for i in ([hits] if isinstance(hits, int) else hits))
    return found


def test_the_glossary_gives_the_terms():
    for term in ("启动方式", "共享内存", "共享内存块", "守护线程", "全局解释器锁", "先进先出", "哨兵值"):
        assert term in TERMS, f"{term} is not read from docs/glossary.md's table"
    assert all(len(t) >= 2 for t in TERMS) and len(TERMS) == len(set(TERMS))
    assert not any(t.isascii() for t in TERMS), "only Chinese words go into jieba's dictionary"


def test_without_the_dictionary_jieba_splits_the_terms(tmp_path):
    """What the dictionary is for: on its own, jieba cuts these terms apart,
    so the checks below fail on a build that did not load it."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    plain = jieba.Tokenizer()
    text = "选择启动方式时，注意共享内存块和守护线程。"
    words = set(plain.cut_for_search(text))
    assert not {"启动方式", "共享内存块", "守护线程"} & words, words
    with_terms = jieba.Tokenizer()
    dictionary = tmp_path / "userdict.txt"
    dictionary.write_text(user_dictionary(TERMS), encoding="utf-8")
    with_terms.load_userdict(str(dictionary))
    assert {"启动方式", "共享内存块", "守护线程"} <= set(with_terms.cut_for_search(text))


def test_every_glossary_term_is_a_whole_word_in_the_index(built_site):
    """The glossary page shows every term, so each is a word of that page."""
    index = search_index(built_site)
    missing = [t for t in TERMS if "glossary" not in pages_of(index, t)]
    assert not missing, (
        "terms not indexed as whole words of the glossary page (was jieba given the "
        f"dictionary, html_search_options['dict']?): {missing}"
    )


@pytest.mark.parametrize("term, page", TERM_PAGES, ids=[p for _, p in TERM_PAGES])
def test_a_term_leads_to_its_page(built_site, term, page):
    """Holds once the page is translated: until then its text is English."""
    index = search_index(built_site)
    assert page in index["docnames"], f"{page} is not in the Chinese search index"
    found = sorted(pages_of(index, term))
    assert page in found, (
        f"searching the Chinese site for {term} does not find {page} "
        f"(found: {found or 'nothing'}); is the page translated?"
    )


def test_the_chinese_stemmer_shortcut_changes_nothing(built_site):
    """The build skips the English stemmer for words of Chinese characters
    (tools/sphinx_languages.py); Sphinx's own stemmer gives the same words,
    so the query side, which stems every word, finds them. Every such word
    of the built index is checked."""
    from sphinx.search.zh import SearchChinese

    from sphinx_languages import _chinese_search_language

    plain, fast = SearchChinese({"dict": ""}), _chinese_search_language()({"dict": ""})
    index = search_index(built_site)
    words = [w for table in ("terms", "titleterms") for w in index[table] if not w.isascii()]
    words += TERMS + ["ＡＢＣｓ", "ΣΑΣ", "中文s", "café"]
    differ = [w for w in words if plain.stem(w) != fast.stem(w)]
    assert not differ, differ
