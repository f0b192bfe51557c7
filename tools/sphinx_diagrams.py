"""Mermaid diagrams as static SVG images that carry their alt text.

sphinxcontrib-mermaid renders each diagram at build time (see
mermaid_cached.py). Its HTML output for SVG is an ``<object>`` with the alt
text hidden inside; this writes an ``<img>`` with a real ``alt`` instead,
wrapped in a figure the stylesheet can give a light card in dark mode, and
it refuses a diagram with no ``:alt:``.

Each diagram is shown at its own size, never enlarged: the ``<img>`` carries
the width and height of the SVG's viewBox, and the stylesheet only shrinks
it to the column. A link under it opens the SVG at full size.

Other images (the benchmark plots) load lazily and, when they are SVG files
with a size of their own, get the same treatment: that size as their width,
and a link to the full-size file (Sphinx's scaled-image link).

Every diagram is two messages of its page's catalogue (``make gettext``):
its ``:alt:`` text and its whole Mermaid source. A translator translates
the labels inside the source; the translated source is rendered like any
other, so the Chinese site shows Chinese diagrams.

It also keeps the committed render cache (``docs/_diagrams/``) honest: at
the end of a build it warns about any render that no diagram on any page
uses any more, so the folder holds exactly the site's diagrams.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.nodes import set_source_info
from sphinxcontrib import mermaid as mm

from mermaid_cached import CACHE, cache_key

logger = logging.getLogger(__name__)


class diagram(mm.mermaid, addnodes.translatable):
    """A Mermaid diagram whose alt text and source are messages of its page.

    Sphinx's i18n transform asks it for its original messages (for the
    catalogue) and hands it the translations (for a translated build).
    """

    def preserve_original_messages(self) -> None:
        self.setdefault("original_alt", self.get("alt", ""))
        self.setdefault("original_code", self["code"])

    def extract_original_messages(self) -> list[str]:
        return [m for m in (self.get("original_alt", self.get("alt")),
                            self.get("original_code", self["code"])) if m]

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        if original_message == self.get("original_alt", self.get("alt")):
            self["alt"] = translated_message
        if original_message == self.get("original_code", self["code"]):
            self["code"] = translated_message


class Diagram(mm.Mermaid):
    """sphinxcontrib-mermaid's directive, making a translatable node that
    knows where on the page it stands (the catalogue records the line)."""

    def run(self, **kwargs):
        result = super().run(**kwargs)
        for i, top in enumerate(result):
            for old in list(top.findall(mm.mermaid)):
                new = diagram(old.rawsource, *old.children, **old.attributes)
                set_source_info(self, new)
                if old is top:
                    result[i] = new
                else:
                    old.replace_self(new)
        return result


def visit_mermaid_html(self, node):
    alt = node.get("alt")
    if not alt:
        logger.warning("a mermaid diagram has no :alt: text", location=node)
        alt = "diagram"
    try:
        fname, outfn = mm.render_mm(self, node["code"], node["options"], "svg")
    except mm.MermaidError as exc:
        logger.warning(f"mermaid diagram could not be rendered: {exc}", location=node)
        raise nodes.SkipNode
    if fname is None:
        logger.warning("mermaid renderer is missing", location=node)
        raise nodes.SkipNode
    size = svg_size(Path(outfn))
    attrs = ""
    if size:
        w, h = (round(x) for x in size)
        attrs = f' width="{w}" height="{h}" style="--natural-width: {w}px"'
    src = html.escape(fname)
    self.body.append(
        f'<figure class="diagram"><div class="diagram-scroll">'
        f'<img src="{src}" alt="{html.escape(alt)}"{attrs} loading="lazy"/></div>'
        f'<figcaption><a href="{src}">Open the diagram at full size</a></figcaption></figure>\n'
    )
    raise nodes.SkipNode


_VIEWBOX = re.compile(rb'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"')
_WIDTH = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)(pt|px)?"', re.S)


def svg_size(path: Path) -> tuple[float, float] | None:
    """The CSS-pixel size an SVG file draws at by itself, from its viewBox."""
    try:
        head = path.read_bytes()[:4000]
    except OSError:
        return None
    box = _VIEWBOX.search(head)
    if not box:
        return None
    w, h = float(box[1]), float(box[2])
    width = _WIDTH.search(head)
    if width and width[2] == b"pt":  # matplotlib: viewBox in points, 1pt = 4/3 px
        w, h = w * 4 / 3, h * 4 / 3
    return w, h


def lazy_images(app, doctree):
    """Every image loads lazily; an SVG with a size of its own is shown at
    that size at most, and linked to its full-size file."""
    for node in doctree.findall(nodes.image):
        node["loading"] = "lazy"
        uri = node.get("uri", "")
        if not uri.endswith(".svg") or {"width", "height", "scale"} & set(node.attributes):
            continue
        size = svg_size(Path(app.srcdir) / uri)
        if size:
            node["width"] = f"{round(size[0])}px"
            node["classes"].append("plot")


def record_keys(app, doctree):
    """Remember, per page, the cache keys of its diagrams (kept across incremental builds)."""
    keys = getattr(app.env, "diagram_keys", {})
    keys[app.env.docname] = {
        cache_key(node["code"].encode("utf-8"), list(app.config.mermaid_params))
        for node in doctree.findall(mm.mermaid)
    }
    app.env.diagram_keys = keys


def purge_keys(app, env, docname):
    getattr(env, "diagram_keys", {}).pop(docname, None)


def merge_keys(app, env, docnames, other):
    env.diagram_keys = getattr(env, "diagram_keys", {})
    for docname in docnames:
        env.diagram_keys[docname] = getattr(other, "diagram_keys", {}).get(docname, set())


def report_unused(app, exception):
    if exception is not None or app.builder.format != "html" or not CACHE.is_dir():
        return
    used = set().union(*getattr(app.env, "diagram_keys", {}).values())
    for svg in sorted(CACHE.glob("*.svg")):
        if svg.stem not in used:
            logger.warning(f"{svg.relative_to(CACHE.parent.parent)} is a render no diagram uses any more: delete it")


def setup(app):
    app.setup_extension("sphinxcontrib.mermaid")
    app.add_node(mm.mermaid, override=True, html=(visit_mermaid_html, None))
    app.add_node(
        diagram,
        html=(visit_mermaid_html, None),
        latex=(mm.latex_visit_mermaid, None),
        texinfo=(mm.texinfo_visit_mermaid, None),
        text=(mm.text_visit_mermaid, None),
        man=(mm.man_visit_mermaid, None),
    )
    app.add_directive("mermaid", Diagram, override=True)
    app.connect("doctree-read", record_keys)
    app.connect("doctree-read", lazy_images)
    app.connect("env-purge-doc", purge_keys)
    app.connect("env-merge-info", merge_keys)
    app.connect("build-finished", report_unused)
    # env_version: an environment pickled before this extension recorded
    # diagram keys is read afresh instead of reporting every render unused.
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 4}
