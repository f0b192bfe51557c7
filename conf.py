"""Sphinx configuration. The pages live in docs/, the examples in examples/."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

from sphinx_inventory import write_inventory  # noqa: E402

project = "Threads, processes and queues in Python"
html_title = "Threads, processes & queues — a tested guide"
author = "The project's contributors"
copyright = "2026, the project's contributors"
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinx_example",     # tools/: the ``example`` directive
    "sphinx_diagrams",    # tools/: Mermaid as static SVG with alt text
    "sphinx_bench",       # tools/: measured figures and tables from the benchmark data
]

root_doc = "index"
exclude_patterns = ["_build", "**/_data/*.md", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
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
html_show_sourcelink = False
pygments_style = "sphinx"
pygments_dark_style = "monokai"

# Copy code, never output: output blocks sit in a wrapper marked example-output.
# Output blocks (and any other plain-text block) are language "text".
copybutton_selector = "div:not(.highlight-text) > div.highlight > pre"
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = False

# linkcheck: useful offline. Without network every external URL would fail,
# so only loopback is checked unless LINKCHECK_EXTERNAL=1 is set.
import os  # noqa: E402

if os.environ.get("LINKCHECK_EXTERNAL") != "1":
    linkcheck_ignore = [r"^https?://(?!127\.0\.0\.1|localhost)"]
linkcheck_timeout = 10
