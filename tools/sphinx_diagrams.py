"""Mermaid diagrams as static SVG images that carry their alt text.

sphinxcontrib-mermaid renders each diagram at build time (see
mermaid_cached.py). Its HTML output for SVG is an ``<object>`` with the alt
text hidden inside; this writes an ``<img>`` with a real ``alt`` instead,
wrapped in a figure the stylesheet can give a light card in dark mode, and
it refuses a diagram with no ``:alt:``.
"""
from __future__ import annotations

import html

from docutils import nodes
from sphinx.util import logging
from sphinxcontrib import mermaid as mm

logger = logging.getLogger(__name__)


def visit_mermaid_html(self, node):
    alt = node.get("alt")
    if not alt:
        logger.warning("a mermaid diagram has no :alt: text", location=node)
        alt = "diagram"
    try:
        fname, _ = mm.render_mm(self, node["code"], node["options"], "svg")
    except mm.MermaidError as exc:
        logger.warning(f"mermaid diagram could not be rendered: {exc}", location=node)
        raise nodes.SkipNode
    if fname is None:
        logger.warning("mermaid renderer is missing", location=node)
        raise nodes.SkipNode
    self.body.append(
        f'<figure class="diagram"><img src="{html.escape(fname)}" alt="{html.escape(alt)}" '
        f'loading="lazy"/></figure>\n'
    )
    raise nodes.SkipNode


def setup(app):
    app.setup_extension("sphinxcontrib.mermaid")
    app.add_node(mm.mermaid, override=True, html=(visit_mermaid_html, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
