"""The text the site's extensions and conf.py write on pages, in the build's language.

Pages are translated through their own catalogues; the text the build
generates (example captions, tab labels, the diagram's full-size link, the
benchmark figures' tooltips, tables and plots, the site's title, the 404
page) is not on any page, so it has a catalogue of its own:
``docs/locale/<language>/LC_MESSAGES/site.po``, read with Babel when the
build starts. Its msgids are the English texts written in the code, with
``{name}`` fields filled in after translation::

    msgid "checked on Python {pythons}"
    msgstr "已在 Python {pythons} 上验证"

The English build uses the msgids as they are. A build in another language
warns (so ``-W`` fails) about any text that has no translation in its
site.po: nothing generated stays English by accident. tests/test_i18n_strings.py
checks that every text the code asks for has a msgid there.
"""
from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po
from sphinx.util import logging

LOCALE = Path(__file__).resolve().parent.parent / "docs" / "locale"
logger = logging.getLogger(__name__)


def site_po(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "site.po"


def language(config) -> str | None:
    """The language of a translated build, None for the English one."""
    return config.language if config.language not in (None, "", "en") else None


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """msgid -> msgstr of the translated, non-fuzzy messages of a site.po."""
    path = site_po(lang)
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        cat = read_po(f, locale=None)
    return {m.id: m.string for m in cat if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def localise(lang: str | None, text: str, **fields) -> str:
    """``text`` (an English msgid of site.po) in ``lang``, its fields filled in."""
    if lang:
        found = catalogue(lang).get(text)
        if found is None:
            logger.warning(f"{site_po(lang).relative_to(LOCALE.parent.parent)} has no translation of {text!r}")
        else:
            text = found
    return text.format(**fields) if fields else text


def t(env_or_config, text: str, **fields) -> str:
    """localise() for the language of a Sphinx build (its env or config)."""
    config = getattr(env_or_config, "config", env_or_config)
    return localise(language(config), text, **fields)


# conf.py's own texts, as written there, localised when the configuration is read.
NOT_FOUND_TITLE = "Page not found"
NOT_FOUND_TEXT = (
    'This page does not exist, or has moved. Start from the <a href="index.html">home page</a> or use the search.'
)


# The theme's own texts (furo's templates, through Sphinx's translator) that
# Sphinx's Chinese catalogue lacks. Sphinx's catalogue comes first; these
# msgids of site.po fill the gaps. Texts furo writes without translating
# them are localised in the written pages by sphinx_reader.py.
THEME_TEXTS = (
    "Next",
    "Previous",
    "Home",
    "On this page",
    "Skip to content",
    "Back to top",
    "Copyright &#169; %(copyright)s",
    "Made with ",
    '<a href="https://www.sphinx-doc.org/">Sphinx</a> and ',
)


class _SiteTranslations(gettext.NullTranslations):
    def __init__(self, messages: dict[str, str]):
        super().__init__()
        self._messages = messages

    def gettext(self, message):
        if message in self._messages:
            return self._messages[message]
        return super().gettext(message)


def _theme_texts(app):
    lang = language(app.config)
    if lang:
        messages = catalogue(lang)
        missing = [text for text in THEME_TEXTS if text not in messages]
        if missing:
            logger.warning(f"{site_po(lang).relative_to(LOCALE.parent.parent)} has no translation of {missing}")
        app.translator.add_fallback(_SiteTranslations({k: messages[k] for k in THEME_TEXTS if k in messages}))


def not_found_context(lang: str | None) -> dict[str, str]:
    title = localise(lang, NOT_FOUND_TITLE)
    return {"title": title, "body": f"<h1>{title}</h1><p>{localise(lang, NOT_FOUND_TEXT)}</p>"}


def _per_language(app, config):
    """conf.py cannot see ``-D language``: its titles are localised here."""
    lang = language(config)
    if not lang:
        return
    config.project = localise(lang, config.project)
    config.html_title = localise(lang, config.html_title)
    config.copyright = localise(lang, config.copyright)
    config.ogp_site_name = config.html_title
    config.notfound_context = not_found_context(lang)
    # The addresses under zh_CN/ (404 prefix, base URL, Open Graph URL) are
    # set by sphinx_languages.py, which also keeps the English ones.


def _depends_on_site_po(app, doctree):
    """Every page of a translated build shows text from site.po (captions,
    tables, the title, the theme's words): an edit there re-reads them all."""
    lang = language(app.config)
    if lang and site_po(lang).is_file():
        app.env.note_dependency(str(site_po(lang)))


def setup(app):
    app.connect("config-inited", _per_language)
    app.connect("builder-inited", _theme_texts)
    app.connect("doctree-read", _depends_on_site_po)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
