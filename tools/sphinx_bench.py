"""Measured figures on the pages, read from the benchmark data at build time.

One figure, inline (a role)::

    a round trip took {bench}`queue_Queue.64.rtt`
    {bench}`3.11:queue_Queue.64.rtt` on the kept 3.11 run
    {bench}`redis_list.64.rtt/tcp_loopback.64.rtt`   (a ratio of two figures: "12×")

``mechanism.size.metric``: a mechanism id of docs/benchmarks/_data/results.json,
a size (64, 4k, 1m) and a metric (rtt, p99, rate, mbs, xlimit, share; see
bench/tables.py). A ``X.Y:`` prefix reads the kept run results-X.Y.json.
The figure links to the section that describes the run (label
``bench-run``) and carries, as a tooltip, what it is and which Python,
machine and run it came from.

A generated table::

    ```{bench-table} threads
    ```

``threads`` (or any other group), ``ratios``, ``machine``, or
``compare 3.11`` (what moved between the kept 3.11 run and this one).

A quantity that is not a measurement (an API default, a documented delay,
an argument) is marked so that the check for hand-typed figures
(tests/test_figures.py) lets it through::

    the switch interval, {quantity}`5 ms` by default

Re-running ``make bench`` rewrites results.json, and the next build
updates every page at once.

The text of the tables and of a figure's tooltip is in the build's
language: bench/tables.py writes it through a translate function, and this
extension passes site_strings.t, so its templates are msgids of site.po
with the numbers filled in after translation. A generated table is marked
not translatable: its text, which changes with every run, never enters the
page's catalogue.
"""
from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "docs" / "benchmarks" / "_data"
sys.path.insert(0, str(ROOT / "bench"))

import tables  # noqa: E402  (bench/tables.py: standard library only)
from site_strings import t  # noqa: E402

logger = logging.getLogger(__name__)
_RUNS: dict = {}


def load_run(version: str | None) -> "tables.Run":
    path = DATA / ("results.json" if not version else "results-%s.json" % version)
    key = (path, path.stat().st_mtime_ns if path.exists() else None)
    if key not in _RUNS:
        if not path.exists():
            raise FileNotFoundError("no benchmark data %s" % path.relative_to(ROOT))
        _RUNS[key] = tables.Run(path)
    return _RUNS[key]


class bench_figure(nodes.inline):
    """A figure from the data; becomes a link to the run's description when written."""


def _one(env, key: str):
    """(run, number or None, formatted text, description) for one key."""
    version = None
    if ":" in key:
        version, key = key.split(":", 1)
    run = load_run(version)
    mech, size, metric = tables.parse_key(key)
    x = tables.value(run, mech, size, metric)
    return run, x, metric, tables.describe(run, mech, size, metric, _translate(env))


def _translate(env):
    """bench/tables.py's translate function for this build: its templates are msgids of site.po."""
    return partial(t, env)


def _note_dependencies(env, *runs):
    """Rebuild a page when its data or its formatting change (a translated
    build re-reads every page when site.po changes: site_strings.py)."""
    for run in runs:
        env.note_dependency(str(run.path))
    env.note_dependency(tables.__file__)


class BenchRole(SphinxRole):
    def run(self):
        try:
            if "/" in self.text:
                a, b = self.text.split("/", 1)
                run_a, xa, metric_a, what_a = _one(self.env, a.strip())
                run_b, xb, metric_b, what_b = _one(self.env, b.strip())
                if metric_a != metric_b:
                    raise ValueError("a ratio needs the same metric on both sides: %r" % self.text)
                runs = {run_a.path: run_a, run_b.path: run_b}
                if xa is None or xb is None:
                    text, what = t(self.env, "not measured"), "%s ÷ %s" % (what_a, what_b)
                else:
                    text, what = tables.fmt_times(xa / xb), "%s ÷ %s" % (what_a, what_b)
            else:
                run, x, metric, what = _one(self.env, self.text.strip())
                runs = {run.path: run}
                text = t(self.env, "not measured") if x is None else tables.formatted(metric, x)
        except (ValueError, KeyError, FileNotFoundError) as exc:
            msg = self.inliner.reporter.error("bench: %s" % exc, line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        _note_dependencies(self.env, *runs.values())
        _ = _translate(self.env)
        title = _("{what}. Measured with {runs}.", what=what, runs=_("; ").join(r.provenance(_) for r in runs.values()))
        node = bench_figure("", "", nodes.abbreviation(text, text, explanation=title), classes=["bench-figure"])
        return [node], []


class QuantityRole(SphinxRole):
    """A stated quantity (an API default, an argument, a documented delay): not a measurement."""

    def run(self):
        return [nodes.inline(self.text, self.text, classes=["quantity"])], []


class BenchTable(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True  # "shared memory", "compare 3.11"
    has_content = False

    def run(self):
        words = self.arguments[0].split()
        kind = words[0] if words[0] == "compare" else " ".join(words)
        _ = _translate(self.env)
        try:
            run = load_run(None)
            runs = [run]
            if kind == "ratios":
                text = tables.ratio_tables(run, _)
            elif kind == "machine":
                text = tables.machine_table(run, _)
            elif kind == "compare":
                if len(words) != 2:
                    raise ValueError("compare needs the kept run's version, e.g. `compare 3.11`")
                old = load_run(words[1])
                runs.append(old)
                text = tables.compare_tables(run, old, _=_)
            elif kind in tables.GROUP_TITLES:
                text = tables.group_tables(run, kind, _)
            else:
                raise ValueError("unknown table %r: a group (%s), ratios, machine or compare X.Y" % (
                    kind, ", ".join(tables.GROUP_TITLES)))
        except (ValueError, KeyError, FileNotFoundError) as exc:
            raise self.error("bench-table: %s" % exc)
        _note_dependencies(self.env, *runs)
        container = nodes.container(classes=["bench-table"])
        self.state.nested_parse(text.splitlines(), self.content_offset, container)
        for node in container.findall(nodes.TextElement):
            # Generated text, in the build's language already: not a message of the page's catalogue.
            node["translatable"] = False
        return [container]


class LinkFigures(SphinxPostTransform):
    """Turn each figure into a link to the section that describes the run."""

    default_priority = 5

    def run(self, **kwargs):
        std = self.env.domains["std"]
        target = std.labels.get("bench-run")
        for node in list(self.document.findall(bench_figure)):
            if target is None or not hasattr(self.app.builder, "get_relative_uri"):
                node.replace_self(nodes.inline("", "", *node.children, classes=node["classes"]))
                continue
            docname, labelid, _ = target
            uri = self.app.builder.get_relative_uri(self.env.docname, docname) + "#" + labelid
            ref = nodes.reference("", "", *node.children, internal=True, refuri=uri, classes=node["classes"])
            node.replace_self(ref)


def setup(app):
    app.add_role("bench", BenchRole())
    app.add_role("quantity", QuantityRole())
    app.add_directive("bench-table", BenchTable)
    app.add_node(bench_figure)
    app.add_post_transform(LinkFigures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
