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
other, into ``docs/_diagrams/<language>/``, so the Chinese site shows
Chinese diagrams. A diagram not translated yet is the English diagram, and
the translated build uses its English render.

It also keeps the committed render cache (``docs/_diagrams/``) honest: at
the end of a build it warns about any render in the build's own folder
that no diagram on any page uses any more, so each folder holds exactly
its site's diagrams; a build says so when it renders a new one.
"""
from __future__ import annotations

import html
import os
import posixpath
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import set_source_info
from sphinxcontrib import mermaid as mm

from mermaid_cached import CACHE, cache_dir, cache_key
from site_strings import language, t

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
        if self.get("translated_here"):
            return []  # see TranslateDiagrams
        return [m for m in (self.get("original_alt", self.get("alt")),
                            self.get("original_code", self["code"])) if m]

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        if original_message == self.get("original_alt", self.get("alt")):
            self["alt"] = translated_message
        if original_message == self.get("original_code", self["code"]):
            self["code"] = translated_message


class TranslateDiagrams(SphinxTransform):
    """Translate each diagram from its page's catalogue, just before
    Sphinx's own Locale transform (priority 20) would.

    Locale parses every translated message as Markdown before it asks the
    node to apply it (to find translated section titles); for a Mermaid
    source that parse is meaningless, and ``{{name}}``, Mermaid's hexagon
    node, is a MyST substitution there, which fails. So the diagram is
    translated here, through the same translatable-node methods, and then
    offers Locale no messages.
    """

    default_priority = 19

    def apply(self, **kwargs) -> None:
        found = list(self.document.findall(diagram))
        if not found or not language(self.config):
            return
        # The page's catalogue, found the way Sphinx's Locale transform finds it.
        domain = docname_to_domain(self.env.current_document.docname, self.config.gettext_compact)
        dirs = [self.env.srcdir / folder for folder in self.config.locale_dirs]
        catalog, has_catalog = init_locale(dirs, self.config.language, domain)
        if not has_catalog:
            return
        for node in found:
            translated = False
            for msg in node.extract_original_messages():
                msgstr = catalog.gettext(msg)
                if msgstr and msgstr != msg:
                    node.apply_translated_message(msg, msgstr)
                    translated = True
            node["translated"] = translated
            node["translated_here"] = True


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
        alt = t(self.builder.config, "diagram")
    config = self.builder.config
    key = _key(config, node)
    render = _folder(config, node) / f"{key}.svg"
    if render.exists():
        # The committed render: copied here, with no renderer process at
        # all (one per diagram and language took a tenth of a clean build).
        fname = posixpath.join(self.builder.imgpath, f"diagram-{key}.svg")
        outfn = os.path.join(self.builder.outdir, self.builder.imagedir, f"diagram-{key}.svg")
        if not os.path.isfile(outfn):
            os.makedirs(os.path.dirname(outfn), exist_ok=True)
            shutil.copyfile(render, outfn)
    else:
        logger.info(f"rendering a new diagram into {render.relative_to(CACHE.parent.parent)}: commit it", location=node)
        fname, outfn = _render(self, node, render)
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
        f'<figcaption><a href="{src}">{html.escape(t(self.builder.config, "Open the diagram at full size"))}</a>'
        f'</figcaption></figure>\n'
    )
    raise nodes.SkipNode


def _render(self, node, render: Path):
    """Run the renderer (tools/mermaid_cached.py, through sphinxcontrib-mermaid),
    which stores the new render in the committed cache."""
    config = self.builder.config
    # sphinxcontrib-mermaid reads the parameters from the configuration: a
    # translated diagram's are set for the length of its render.
    saved = config.mermaid_params
    config.mermaid_params = _params(config, node)
    try:
        fname, outfn = mm.render_mm(self, node["code"], node["options"], "svg")
        if fname is not None and not render.exists():
            # sphinxcontrib-mermaid reused an image of an earlier build (it
            # names them by the source alone) and never ran the renderer:
            # render afresh, so the committed cache gets this render.
            Path(outfn).unlink()
            fname, outfn = mm.render_mm(self, node["code"], node["options"], "svg")
    except mm.MermaidError as exc:
        logger.warning(f"mermaid diagram could not be rendered: {exc}", location=node)
        raise nodes.SkipNode
    finally:
        config.mermaid_params = saved
    return fname, outfn


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


def _translated(node) -> bool:
    return node["code"] != node.get("original_code", node["code"])


def _params(config, node) -> list[str]:
    """The renderer's parameters for this diagram. A diagram whose source is
    translated renders with ``--lang``: into its language's own folder, with
    wide characters measured as they are drawn (see mermaid_cached.py). An
    untranslated one is the English diagram, and uses the English render."""
    params = list(config.mermaid_params)
    lang = language(config)
    return [*params, "--lang", lang] if lang and _translated(node) else params


def _folder(config, node) -> Path:
    return cache_dir(language(config) if _translated(node) else None)


def _key(config, node) -> str:
    return cache_key(node["code"].encode("utf-8"), _params(config, node))


def record_keys(app, doctree):
    """Remember, per page, the cache keys of its diagrams (kept across incremental builds)."""
    keys = getattr(app.env, "diagram_keys", {})
    own = cache_dir(language(app.config))  # only this build's folder is checked for disuse
    keys[app.env.docname] = {
        _key(app.config, node) for node in doctree.findall(mm.mermaid) if _folder(app.config, node) == own
    }
    app.env.diagram_keys = keys


def purge_keys(app, env, docname):
    getattr(env, "diagram_keys", {}).pop(docname, None)


def merge_keys(app, env, docnames, other):
    env.diagram_keys = getattr(env, "diagram_keys", {})
    for docname in docnames:
        env.diagram_keys[docname] = getattr(other, "diagram_keys", {}).get(docname, set())


def report_unused(app, exception):
    """Warn about each render in this build's own folder that no diagram
    uses: the English build looks at docs/_diagrams/*.svg only, a build in
    another language at docs/_diagrams/<language>/*.svg only (its
    untranslated diagrams use the English renders, which the English build
    checks)."""
    folder = cache_dir(language(app.config))
    if exception is not None or app.builder.format != "html" or not folder.is_dir():
        return
    used = set().union(*getattr(app.env, "diagram_keys", {}).values())
    for svg in sorted(folder.glob("*.svg")):
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
    app.add_transform(TranslateDiagrams)
    app.connect("doctree-read", record_keys)
    app.connect("doctree-read", lazy_images)
    app.connect("env-purge-doc", purge_keys)
    app.connect("env-merge-info", merge_keys)
    app.connect("build-finished", report_unused)
    # env_version: an environment pickled before this extension recorded
    # diagram keys is read afresh instead of reporting every render unused.
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 5}
