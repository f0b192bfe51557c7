"""The ``example`` directive: show an example file and, right under it, its output.

    ```{example} queues/fifo_order.py
    ```

renders ``examples/queues/fifo_order.py`` (caption: its path and a download
link) and then ``examples/queues/fifo_order.out`` as the output block. Both
are included from the files, so nothing on the page is pasted by hand. A
part of the file can be shown with ``:pyobject:`` or ``:start-after:`` /
``:end-before:`` text markers; ``:lines:`` is deliberately not offered.

Above the output stands the command that printed it (``$ python
fifo_order.py``) and what it was checked on: the Pythons (from the oldest
supported, or the example's ``requires_python``, to ``NEWEST``) and, for a
multiprocessing example, the start methods. Where an example declares
version-specific outputs (``[output_from]``), each one is a tab, the plain
``.out`` first.

``:emphasize-text:`` highlights the lines that carry the lesson, found by
text, never by number: one or more pieces of code separated by `` | ``,
each of which must occur in the part shown (else the build fails, so a
highlight cannot drift off its line)::

    ```{example} queues/task_done_join.py
    :emphasize-text: q.task_done() | q.join()
    ```
"""
from __future__ import annotations

import html
import os
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.util.docutils import SphinxDirective

from catalog import EXAMPLES, START_METHODS, Example, refusal
from interpreters import NEWEST, OLDEST
from site_strings import t

_REGION_OPTIONS = ("pyobject", "start-after", "end-before")
# The newest CPython the test matrix runs the examples on.


def _v(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


def python_range(low: tuple[int, int], high: tuple[int, int] = NEWEST) -> str:
    return _v(low) if low == high else f"{_v(low)}\N{EN DASH}{_v(high)}"


PYTHONS = python_range(OLDEST)  # "3.9–3.15", for the pages' prose
OLDEST_PYTHON = _v(OLDEST)


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
        "emphasize-text": directives.unchanged_required,
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

        options = {k: self.options[k] for k in _REGION_OPTIONS if k in self.options}
        code = self._include(example.path, "python", options)
        self._emphasize(code)
        result = [self._wrap(code, self._code_caption(example), ["example-code"])]
        if show_output:
            result.append(self._outputs(example))
        return result

    def _emphasize(self, code: nodes.literal_block) -> None:
        """:emphasize-text: -> the line numbers literalinclude's highlighter wants."""
        wanted = [t.strip() for t in self.options.get("emphasize-text", "").split(" | ") if t.strip()]
        lines = code.astext().splitlines()
        hits = []
        for text in wanted:
            found = [n for n, line in enumerate(lines, 1) if text in line]
            if not found:
                raise self.error(f":emphasize-text: {text!r} is on no line of what is shown of {self.arguments[0]}")
            hits.extend(found)
        if hits:
            code["highlight_args"] = dict(code.get("highlight_args", {}), hl_lines=sorted(set(hits)))

    def _outputs(self, example: Example) -> nodes.container:
        """The output block(s) under the code: one per declared version, as tabs."""
        low = example.requires_python or OLDEST
        versions = sorted(v for v in example.output_versions if v > low)
        starts = [low, *versions]
        ends = [(v[0], v[1] - 1) for v in versions] + [NEWEST]
        files = [example.out_path] + [example.versioned_out_path(v) for v in versions]
        blocks = []
        for since, until, path in zip(starts, ends, files):
            if not path.is_file():
                raise self.error(f"examples/{example.name}: the output {path.name} is declared but missing")
            out = self._include(path, "text", {})
            out["classes"].append("example-output")
            blocks.append((t(self.env, "Python {versions}", versions=python_range(since, until)), out))
        if example.terminal_reason:
            # terminal_output: what a terminal shows differs, and that is the lesson.
            if not example.tty_out_path.is_file():
                raise self.error(f"examples/{example.name}: terminal_output is declared but {example.tty_out_path.name} is missing")
            blocks = [(t(self.env, "{label}, through a pipe", label=label), out) for label, out in blocks]
            tty = self._include(example.tty_out_path, "text", {})
            tty["classes"].append("example-output")
            blocks.append((t(self.env, "on a terminal"), tty))
        caption = [nodes.literal("", f"$ python {example.path.name}", classes=["example-command"])]
        checked = t(self.env, "checked on Python {pythons}", pythons=python_range(low))
        if example.meta.get("own_start_method"):
            checked += t(self.env, ", with the start method it picks itself")
        elif example.imports_process_tools:
            methods = t(self.env, "{first} and {last}", first=t(self.env, ", ").join(START_METHODS[:-1]), last=START_METHODS[-1])
            checked += t(self.env, ", under {methods} wherever it starts a process", methods=methods)
        if example.output_pattern is not None:
            checked += t(self.env, "; one run shown, it varies from run to run (see the text)")
        caption += [nodes.Text(" "), nodes.inline("", checked, classes=["example-checked"])]
        if len(blocks) == 1:
            return self._wrap(blocks[0][1], caption, ["example-output-wrapper"])
        return self._tabs(blocks, caption)

    def _tabs(self, blocks, caption) -> nodes.container:
        """Tabs with no script: a radio button per output, its panel shown when checked."""
        group = f"out-{self.env.docname.replace('/', '-')}-{self.env.new_serialno('example-tabs')}"
        container = nodes.container("", classes=["literal-block-wrapper", "example-output-wrapper", "output-tabs"])
        cap = nodes.caption("", "", *caption)
        cap.source, cap.line = blocks[0][1].source, blocks[0][1].line
        cap["translatable"] = False  # generated text, localised here rather than in the page's catalogue
        container += cap
        outputs = html.escape(t(self.env, "Outputs"))
        radios = "".join(
            f'<input type="radio" name="{group}" id="{group}-{i}"{" checked" if i == 0 else ""}>'
            f'<label for="{group}-{i}">{html.escape(label)}</label>'
            for i, (label, _) in enumerate(blocks)
        )
        container += nodes.raw("", f'<div class="tab-bar" role="radiogroup" aria-label="{outputs}">{radios}</div>', format="html")
        for i, (label, block) in enumerate(blocks):
            panel = nodes.container("", classes=["tab-panel", f"tab-panel-{i}"])
            panel += block
            container += panel
        return container

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
        link += nodes.literal("", t(self.env, "download"), classes=["xref", "download"])
        caption = [nodes.literal("", f"examples/{example.name}"), nodes.Text(" ("), link, nodes.Text(")")]
        return caption

    def _wrap(self, block: nodes.literal_block, caption: list[nodes.Node], classes: list[str]) -> nodes.container:
        """A captioned code block, built the way Sphinx builds one for ``:caption:``."""
        container = nodes.container("", literal_block=True, classes=["literal-block-wrapper", *classes])
        cap = nodes.caption("", "", *caption)
        cap.source, cap.line = block.source, block.line
        cap["translatable"] = False  # generated text, localised here rather than in the page's catalogue
        container += cap
        container += block
        return container


def setup(app):
    app.add_directive("example", ExampleDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
