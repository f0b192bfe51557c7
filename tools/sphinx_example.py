"""The ``example`` directive: show an example file and, right under it, its output.

    ```{example} queues/fifo_order.py
    ```

renders ``examples/queues/fifo_order.py`` (caption: its path and a download
link) and then ``examples/queues/fifo_order.out`` as the output block. Both
are included from the files, so nothing on the page is pasted by hand. A
part of the file can be shown with ``:pyobject:`` or ``:start-after:`` /
``:end-before:`` text markers; ``:lines:`` is deliberately not offered.
"""
from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.util.docutils import SphinxDirective

from catalog import EXAMPLES, Example, refusal

_REGION_OPTIONS = ("pyobject", "start-after", "end-before")


class _Reported(Exception):
    def __init__(self, node: nodes.system_message):
        super().__init__(node.astext())
        self.node = node


class ExampleDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {
        "pyobject": directives.unchanged_required,
        "start-after": directives.unchanged_required,
        "end-before": directives.unchanged_required,
        "emphasize-lines": directives.unchanged_required,
        "no-output": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        try:
            return self._run()
        except _Reported as reported:
            return [reported.node]

    def _run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if refusal(name):
            raise self.error(f"examples/{name}: {refusal(name)}")
        example = Example(EXAMPLES / name)
        if not example.path.is_file():
            raise self.error(f"example {name!r} does not exist: no file examples/{name}")
        region = [o for o in _REGION_OPTIONS if o in self.options]
        if "no-output" in self.options and not region:
            raise self.error(":no-output: is only for a region of a file whose output is shown elsewhere")
        show_output = "no-output" not in self.options
        if show_output and not example.out_path.is_file() and example.output_pattern is None:
            raise self.error(
                f"examples/{name} has no output file {example.out_path.name}: run `make outputs`"
            )
        if show_output and not example.out_path.is_file():
            raise self.error(f"examples/{name}: the page shows a real run, so {example.out_path.name} must exist")

        code = self._include(example.path, "python", dict((k, self.options[k]) for k in self.options if k != "no-output"))
        result = [self._wrap(code, self._code_caption(example), ["example-code"])]
        if show_output:
            out = self._include(example.out_path, "text", {})
            out["classes"].append("example-output")
            caption = "Output"
            if example.output_pattern is not None:
                caption = "Output of one run (it varies from run to run; see the text)"
            result.append(self._wrap(out, [nodes.Text(caption)], ["example-output-wrapper"]))
        return result

    def _include(self, path: Path, language: str, options: dict) -> nodes.literal_block:
        """Reuse literalinclude, so regions, dependencies and highlighting behave as usual."""
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        rel = os.path.relpath(path, docdir).replace(os.sep, "/")
        options = dict(options, language=language)
        inc = LiteralInclude(
            "literalinclude", [rel], options, [], self.lineno, self.content_offset,
            self.block_text, self.state, self.state_machine,
        )
        (node,) = inc.run()
        if isinstance(node, nodes.system_message):
            # literalinclude has already reported it (a warning: fatal under -W).
            raise _Reported(node)
        return node

    def _code_caption(self, example: Example) -> list[nodes.Node]:
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        rel = os.path.relpath(example.path, docdir).replace(os.sep, "/")
        link = addnodes.download_reference(
            "", "", refdoc=self.env.docname, reftarget=rel, refexplicit=True, refdomain="", reftype="download",
        )
        link += nodes.literal("", "download", classes=["xref", "download"])
        caption = [nodes.literal("", f"examples/{example.name}"), nodes.Text(" ("), link, nodes.Text(")")]
        return caption

    def _wrap(self, block: nodes.literal_block, caption: list[nodes.Node], classes: list[str]) -> nodes.container:
        """A captioned code block, built the way Sphinx builds one for ``:caption:``."""
        container = nodes.container("", literal_block=True, classes=["literal-block-wrapper", *classes])
        cap = nodes.caption("", "", *caption)
        cap.source, cap.line = block.source, block.line
        container += cap
        container += block
        return container


def setup(app):
    app.add_directive("example", ExampleDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
