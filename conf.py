"""Sphinx configuration. The pages live in docs/, the examples in examples/."""
import os
import sys
from urllib.parse import urlsplit
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

from sphinx_inventory import write_inventory  # noqa: E402

# The title texts are msgids of docs/locale/<language>/LC_MESSAGES/site.po too:
# a translated build localises them (tools/site_strings.py).
project = "Threads, processes and queues in Python"
html_title = "Threads, processes & queues — a tested guide"
author = "The project's contributors"
copyright = "2026, the project's contributors"
language = "en"
# The Chinese site is the same pages built with -D language=zh_CN; its text
# comes from docs/locale/zh_CN/LC_MESSAGES/<page>.po (one catalogue per page).
locale_dirs = ["locale"]  # relative to docs/
gettext_compact = False
gettext_uuid = False
gettext_location = True
# An image's alt text is a message without any additional target. The
# "image" target would add its path as a second message of the same node, and
# Sphinx then skips the alt text once the path's message counts as
# translated (same text): Chinese pages showed English alt texts. A plot's
# Chinese file, NAME.zh_CN.svg, is found by figure_language_filename instead.
# Code blocks are never messages.
gettext_additional_targets = []

extensions = [
    "myst_parser",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",
    "sphinxext.opengraph",  # <meta name="description"> and Open Graph tags on every page
    "sphinx_sitemap",       # sitemap.xml for the hosted site
    "notfound.extension",   # 404.html with links that work from any depth
    "sphinx_example",     # tools/: the ``example`` directive
    "sphinx_diagrams",    # tools/: Mermaid as static SVG with alt text, images loaded lazily
    "sphinx_reader",      # tools/: fewer highlighting spans, minified stylesheets, caption heading levels
    "sphinx_bench",       # tools/: measured figures and tables from the benchmark data
    "site_strings",       # tools/: generated text and these titles in the build's language (locale/*/site.po)
]

root_doc = "index"
exclude_patterns = ["_build", "**/_data/*.md", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline", "substitution"]
# {{ pythons }} on a page: the range of Pythons every example is checked on
# ("3.9–3.15"); {{ oldest_python }}: the oldest of them.
from sphinx_example import OLDEST_PYTHON, PYTHONS  # noqa: E402

myst_substitutions = {"pythons": PYTHONS, "oldest_python": OLDEST_PYTHON}
myst_heading_anchors = 3
nitpicky = True

# Offline intersphinx: an inventory built from docs/_inventory/*.txt.
intersphinx_mapping = {
    "python": (
        "https://docs.python.org/3/",
        str(write_inventory(ROOT / "docs" / "_inventory", ROOT / "_build" / "python-inventory" / "objects.inv")),
    ),
}
intersphinx_timeout = 5

# Diagrams: rendered at build time, no client-side JavaScript, no CDN.
mermaid_output_format = "svg"
mermaid_cmd = f'"{sys.executable}" "{ROOT / "tools" / "mermaid_cached.py"}"'
mermaid_params = ["--theme", "neutral", "--background", "white"]

html_theme = "furo"
html_static_path = ["docs/_static"]
html_css_files = ["site.css"]
html_js_files = [("site.js", {"defer": "defer"})]
html_favicon = "docs/_static/favicon.svg"
html_show_sourcelink = False
html_copy_source = False  # nothing links to _sources/, and the search works without it
# Both from accessible-pygments (a furo dependency): every token, comments
# included, has at least 4.5:1 contrast on its background (tests/test_reader.py).
pygments_style = "a11y-high-contrast-light"
pygments_dark_style = "a11y-dark"

# Where the site is hosted: the sitemap, the Open Graph tags and the 404 page
# need absolute URLs. Read the Docs sets READTHEDOCS_CANONICAL_URL; elsewhere
# set SITE_URL (the default is `make livehtml`'s address). Nothing is fetched
# from it at build or view time.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or os.environ.get("SITE_URL") or "http://127.0.0.1:8000/"
sitemap_url_scheme = "{link}"
sitemap_show_lastmod = False  # no git history needed, and the build stays reproducible
ogp_site_url = html_baseurl
ogp_site_name = html_title
ogp_enable_meta_description = True
ogp_description_length = 180
ogp_social_cards = {"enable": False}  # cards would need matplotlib fonts at build time; plain tags suffice
ogp_type = "article"
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"  # 404.html's links work at any depth
# The 404 page's text is in site_strings.py, so a translated build can localise it.
from site_strings import not_found_context  # noqa: E402

notfound_context = not_found_context(None)

# Copy code, never output: output blocks sit in a wrapper marked example-output.
# Output blocks (and any other plain-text block) are language "text".
copybutton_selector = "div:not(.highlight-text) > div.highlight > pre"
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = False

# linkcheck: useful offline. Without network every external URL would fail,
# so only loopback is checked unless LINKCHECK_EXTERNAL=1 is set.
if os.environ.get("LINKCHECK_EXTERNAL") != "1":
    linkcheck_ignore = [r"^https?://(?!127\.0\.0\.1|localhost)"]
linkcheck_timeout = 10


# ---- Two languages: build, switcher, search ----------------------------
# `make html` builds English into _build/html and, with -D language=zh_CN,
# Chinese into _build/html/zh_CN (tools/sphinx_languages.py: the link to the
# same page in the other language, hreflang alternates, the zh_CN/ prefix of
# the Chinese build's absolute URLs, and the search's word list, generated
# from docs/glossary.md). The switch sits in furo's row of icons above every
# page (docs/_templates/components/edit-this-page.html: the site has no
# edit link), so it shows on a desktop and on a phone.
extensions.append("sphinx_languages")
templates_path = ["docs/_templates"]
html_theme_options = {"top_of_page_buttons": ["edit"]}
# One sitemap per language, each with its own pages; the alternates are in
# each page's head (sphinx-sitemap's would assume /<lang>/ for English too).
sitemap_locales = [None]
# Social cards are off (ogp_social_cards above), yet sphinxext-opengraph
# imports their module, and matplotlib with it, on every build: half a
# second of each no-change rebuild, in each language. Stand in for that
# module with what the extension uses when matplotlib is missing.
import types  # noqa: E402

_no_cards = types.ModuleType("sphinxext.opengraph._social_cards")
_no_cards.DEFAULT_SOCIAL_CONFIG, _no_cards.create_social_card = {}, None
sys.modules.setdefault(_no_cards.__name__, _no_cards)
