"""What the reader's browser gets: lighter pages, the same look, and one
accessibility repair.

Lighter, so that every page stays under the weights that
tests/test_page_weight.py enforces:

- Code is highlighted without a ``<span>`` around the tokens that both the
  light and the dark Pygments style draw as plain text (names, punctuation:
  a third of all spans on a code-heavy page). Their text is unchanged, so
  the copy button and the rendered-page tests see the same code.
- Pygments' stylesheet (a comment per rule, light and dark) and ours are
  written without comments and indentation.

Accessible: the captions of toctrees (the sidebar's "Threads",
"Processes", ...) are written as ``role="heading"`` with no level, which
ARIA requires (axe-core: aria-required-attr, critical); they get level 2.

In the build's language: furo writes a few texts without passing them
through a translation (its icons' titles, the labels of its toggles, a
possessive in the footer). A translated build replaces them in the written
pages with their translations from site.po (see site_strings.py).
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from pygments.formatters import HtmlFormatter
from site_strings import language, localise
from pygments.styles import get_style_by_name
from pygments.token import Text

_STYLE_KEYS = ("bold", "italic", "underline", "bgcolor", "border")


@lru_cache(maxsize=None)
def _plain_in(style_name: str, ttype) -> bool:
    style = get_style_by_name(style_name)
    look = style.style_for_token(ttype)
    base = style.style_for_token(Text)["color"]
    return look["color"] in (None, base) and not any(look[k] for k in _STYLE_KEYS)


def slim_formatter(light: str, dark: str) -> type[HtmlFormatter]:
    class SlimHtmlFormatter(HtmlFormatter):
        def _get_css_classes(self, ttype):
            if _plain_in(light, ttype) and _plain_in(dark, ttype):
                return ""
            return super()._get_css_classes(ttype)

    return SlimHtmlFormatter


def _use_slim_formatter(app):
    light = app.config.pygments_style
    dark = getattr(app.config, "pygments_dark_style", None)  # furo's option
    highlighter = getattr(app.builder, "highlighter", None)
    if app.builder.format == "html" and highlighter and light and dark and light != "sphinx":
        highlighter.formatter = slim_formatter(light, dark)


def _minify_css(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for name in ("pygments.css", "site.css"):
        path = Path(app.outdir) / "_static" / name
        if path.is_file():
            css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
            css = re.sub(r"\s*([{};:,>])\s*", r"\1", css)
            css = re.sub(r"\s+", " ", css).replace(";}", "}").strip()
            path.write_text(css + "\n", encoding="utf-8")


_CAPTION = re.compile(r'(<p class="caption(?: [^"]*)?" role="heading")(?! aria-level)')


def _caption_levels(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = _CAPTION.sub(r'\1 aria-level="2"', html)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


# (where furo writes it, with {} for the text; the text, a msgid of site.po)
FIXED_THEME_TEXTS = (
    ('aria-label="{}"', "Toggle site navigation sidebar"),
    ('aria-label="{}"', "Toggle table of contents sidebar"),
    ('aria-label="{}"', "Toggle Light / Dark / Auto color theme"),
    ("<title>{}</title>", "Contents"),
    ("<title>{}</title>", "Menu"),
    ("<title>{}</title>", "Expand"),
    ("<title>{}</title>", "Light mode"),
    ("<title>{}</title>", "Dark mode"),
    ("<title>{}</title>", "Auto light/dark, in light mode"),
    ("<title>{}</title>", "Auto light/dark, in dark mode"),
    ('<a class="muted-link" href="https://pradyunsg.me">@pradyunsg</a>{}', "'s"),
)
TOGGLE_NAVIGATION = "Toggle navigation of {title}"  # furo/navigation.py, one per sidebar section
_TOGGLE = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def theme_text_replacements(lang: str) -> list[tuple[str, str]]:
    return [
        (where.format(text), where.format(html.escape(localise(lang, text), quote=True)))
        for where, text in FIXED_THEME_TEXTS
    ]


def _theme_texts(app, exception):
    lang = language(app.config)
    if exception is not None or app.builder.format != "html" or not lang:
        return
    fixed = theme_text_replacements(lang)
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        out = text
        for english, translated in fixed:
            out = out.replace(english, translated)
        out = _TOGGLE.sub(lambda m: f'aria-label="{html.escape(localise(lang, TOGGLE_NAVIGATION, title=html.unescape(m[1])))}"', out)
        if out != text:
            page.write_text(out, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _caption_levels)
    app.connect("build-finished", _theme_texts)
    app.connect("builder-inited", _use_slim_formatter, priority=900)  # after furo's own set-up
    app.connect("build-finished", _minify_css, priority=900)  # after furo writes pygments.css
    return {"parallel_read_safe": True, "parallel_write_safe": True}
