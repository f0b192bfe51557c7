"""The Chinese catalogues are complete: one per page, every message translated.

Each page docs/<path>.md has its catalogue docs/locale/zh_CN/LC_MESSAGES/<path>.po
(`make gettext` writes and refreshes them). A message with an empty msgstr
shows in English on the Chinese site, and a fuzzy one (sphinx-intl marks a
message so when its English changed) is left out of the build altogether:
both fail here, by file and msgid. The catalogue's header entry is not a
message and is not checked.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from catalog import DOCS

LOCALE = DOCS / "locale" / "zh_CN" / "LC_MESSAGES"
CATALOGUES = sorted(LOCALE.rglob("*.po"))


def _pages() -> list[str]:
    return sorted(
        p.relative_to(DOCS).with_suffix("").as_posix()
        for p in DOCS.rglob("*.md")
        if not any(part.startswith("_") or part == "locale" for part in p.relative_to(DOCS).parts)
    )


def untranslated(po: Path) -> list[str]:
    """'<file>: untranslated|fuzzy: <msgid>' for each message that is not done."""
    with po.open("rb") as f:
        catalogue = read_po(f)
    where = po.relative_to(DOCS.parent) if DOCS.parent in po.parents else po
    found = []
    for message in catalogue:
        if not message.id:  # the header
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        short = msgid if len(msgid) <= 100 else msgid[:97] + "..."
        if message.fuzzy:
            found.append(f"{where}: fuzzy: {short!r}")
        elif not all(s.strip() for s in strings):
            found.append(f"{where}: untranslated: {short!r}")
    return found


def test_every_page_has_its_catalogue_and_no_catalogue_is_left_over():
    catalogues = {p.relative_to(LOCALE).with_suffix("").as_posix() for p in CATALOGUES}
    pages = set(_pages())
    assert not pages - catalogues, f"pages without a zh_CN catalogue (run `make gettext`): {sorted(pages - catalogues)}"
    assert not catalogues - pages, f"catalogues of no page (delete them): {sorted(catalogues - pages)}"


@pytest.mark.parametrize("po", CATALOGUES, ids=[p.relative_to(LOCALE).as_posix() for p in CATALOGUES])
def test_every_message_is_translated(po):
    found = untranslated(po)
    assert not found, f"{len(found)} messages not translated, or fuzzy:\n" + "\n".join(found)


def test_the_check_catches_empty_and_fuzzy_messages(tmp_path):
    po = tmp_path / "page.po"
    po.write_text(
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Done"\nmsgstr "完成"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Changed"\nmsgstr "旧译文"\n',
        encoding="utf-8",
    )
    found = untranslated(po)
    assert found == [f"{po}: untranslated: 'Empty'", f"{po}: fuzzy: 'Changed'"], found
