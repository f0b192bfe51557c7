#!/usr/bin/env python3
"""Draw the benchmark plots (SVG) from results.json.

    python bench/plot.py docs/benchmarks/_data/results.json
    python bench/plot.py results.json --images DIR

The SVGs go to docs/benchmarks/_images/ by default; they are generated,
never edited by hand. The tables and every figure in the text are not drawn
here: the site's build reads them from the same JSON (tools/sphinx_bench.py,
bench/tables.py).

Made for a phone as much as a desktop: one column of panels, about 5 inches
wide with 11-12 pt text, so that at 360 px wide the text stays near its
natural size; dots and lines on log axes (never bars, whose length on a log
axis depends on where the axis starts); a colour AND a marker for each
series; real text in the SVG (svg.fonttype none) instead of glyph outlines,
with fallback fonts, which keeps the files small. Drawn on a white card so
they read the same on a light or a dark page.

Each plot is drawn in English (NAME.svg) and again in every language that
has a site catalogue, docs/locale/<language>/LC_MESSAGES/site.po
(NAME.<language>.svg), which a build in that language shows instead: Sphinx's
figure_language_filename. The plots' words are msgids of that catalogue,
written as literals in ``_()`` calls (tests/test_i18n_strings.py finds them
there); numbers, units and mechanism names stay as they are.
"""
import argparse
import json
import sys
from pathlib import Path

import matplotlib
import matplotlib.ticker  # noqa: F401
import matplotlib.transforms  # noqa: F401

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from tables import english, mechanism_label  # noqa: E402  (bench/ is on sys.path: run as a script)
from timing import human_size  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_IMAGES = ROOT / "docs" / "benchmarks" / "_images"
LOCALE = ROOT / "docs" / "locale"
# Fonts for the characters DejaVu Sans lacks, in a translated plot: matplotlib
# measures the text with the first one installed, and a browser draws it with
# the first one it has.
WIDE_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC"]
WIDTH = 5.0  # inches: 360 px on a phone shows the text at about its natural size

GROUPS = ["threads", "coroutines", "interpreters", "processes", "shared memory", "broker"]
INK = "#222222"
GRID = "#dddddd"
# A colour and a marker for each series (Okabe-Ito colours, distinguishable with colour blindness).
SERIES = [("#0072B2", "o"), ("#D55E00", "s"), ("#009E73", "^"), ("#CC79A7", "D"), ("#E69F00", "v"),
          ("#56B4E9", "P"), ("#000000", "X"), ("#7f7f7f", "*")]

plt.rcParams.update({
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#888888",
    "xtick.color": INK,
    "ytick.color": INK,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10.5,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Helvetica", "Arial", "sans-serif"],
    "svg.fonttype": "none",  # real text: crisp, selectable, and far smaller than glyph paths
    "svg.hashsalt": "bench",  # stable ids, so an unchanged plot gives an unchanged file
    "lines.markersize": 6,
    "axes.spines.top": False,
    "axes.spines.right": False,
})


def slug(group):
    return group.replace(" ", "-")


def load(path):
    data = json.loads(Path(path).read_text())
    rows = {(r["mechanism"], r["size"]): r for r in data["results"]}
    return data, data["mechanisms"], rows


def save(fig, path):
    fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight",
                pad_inches=0.08)
    plt.close(fig)


def ordered(mechs):
    """Measured mechanisms, grouped as on the pages."""
    return sorted((m for m in mechs if m["status"] == "measured"),
                  key=lambda m: GROUPS.index(m["group"]))


def tick_text(what):
    """Plain tick labels on a log axis: 1 µs, 10 µs ... 1 ms; 1k, 1M; 0.1, 1, 10."""
    def label(x, _pos):
        if x <= 0:
            return ""
        if what in ("latency", "rtt"):
            return ("%g µs" % x) if x < 1000 else ("%g ms" % (x / 1000))
        if what == "throughput":
            for div, unit in ((1e6, "M"), (1e3, "k")):
                if x >= div:
                    return "%g%s" % (x / div, unit)
            return "%g" % x
        return "{:,g}".format(x)
    return matplotlib.ticker.FuncFormatter(label)


def dot_plot(data, mechs, rows, what, path, _=english):
    """Every mechanism on a row of its own, a dot per message size, on a log axis.

    The name of each row is written above its dots, across the full width,
    so that on a phone the plot keeps the whole width for the data.
    """
    sizes = data["settings"]["sizes"]
    measured = ordered(mechs)
    if what == "ratios":
        measured = [m for m in measured if m["limit"] is not None]
    n = len(measured)
    step = 1.0
    fig, ax = plt.subplots(figsize=(WIDTH, 0.42 * n + 0.9))
    ys = [(n - 1 - i) * step for i in range(n)]
    for k, size in enumerate(sizes):
        color, marker = SERIES[k]
        xs = []
        for m in measured:
            r = rows[(m["id"], size)]
            if what == "latency":
                xs.append(r["latency"]["median_us"])
            elif what == "throughput":
                xs.append(r["throughput"]["msgs_per_s"]["median"])
            else:
                xs.append(r["latency"]["times_limit"])
        # Each size a little lower than the last, so equal values do not hide each other.
        offset = -0.06 - 0.13 * k
        ax.plot(xs, [y + offset for y in ys], linestyle="none", marker=marker, color=color, label=human_size(size),
                markersize=7, markeredgecolor="white", markeredgewidth=0.6, zorder=3)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(tick_text(what))
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_yticks([])
    label_at = matplotlib.transforms.blended_transform_factory(ax.transAxes, ax.transData)
    for y, m in zip(ys, measured):
        if what == "ratios":
            limit = next(x for x in mechs if x["id"] == m["limit"])
            text = "%s ÷ %s" % (mechanism_label(_, m), mechanism_label(_, limit))
        else:
            name = mechanism_label(_, m)
            text = _("{mechanism} (limit)", mechanism=name) if m["limit"] is None else name
        ax.text(0.005, y + 0.08, text, transform=label_at, va="bottom", ha="left", fontsize=10.5,
                color="#555555" if m["limit"] is None else INK,
                fontstyle="italic" if m["limit"] is None else "normal")
        if (n - 1 - y) % 2 == 0:  # every other row on a faint band: a name and its dots read as one
            ax.axhspan(y - 0.45, y + 0.55, color="#f3f3f3", zorder=0, linewidth=0)
    ax.grid(axis="x", color=GRID, linewidth=0.6, which="major")
    ax.set_axisbelow(True)
    ax.set_ylim(ys[-1] - 0.45, ys[0] + 0.55)
    ax.spines["left"].set_visible(False)
    if what == "latency":
        ax.set_xlabel(_("median round trip (left is faster)"))
    elif what == "throughput":
        ax.set_xlabel(_("messages per second (right is faster)"))
    else:
        ax.axvline(1, color="#555555", linewidth=1.2, zorder=2)
        ax.set_xlabel(_("round trip ÷ its limit's round trip (1 = as fast)"))
    ax.legend(title=None, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=len(sizes), frameon=False,
              handletextpad=0.1, columnspacing=1.0, borderaxespad=0.2)
    save(fig, path)


def size_axis(ax, sizes):
    """Message size along x (log 2, labelled 64 B / 4 KiB / 1 MiB) and a log y axis."""
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(sizes)
    ax.set_xticklabels([human_size(s) for s in sizes])
    ax.minorticks_off()
    ax.set_xticks(sizes)
    ax.set_xlim(sizes[0] / 2.5, sizes[-1] * 2.5)


def group_plot(data, mechs, rows, group, path, _=english):
    """Round trip and messages/s against message size for one group, stacked."""
    sizes = data["settings"]["sizes"]
    members = [m for m in mechs if m["group"] == group and m["status"] == "measured"]
    ids = {m["id"] for m in members}
    by_id = {m["id"]: m for m in mechs}
    for m in list(members):  # the limit of a member measured in another group
        if m["limit"] and m["limit"] not in ids:
            members.insert(0, by_id[m["limit"]])
            ids.add(m["limit"])
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(WIDTH, 6.4), sharex=True)
    k = lim = 0
    for m in members:
        if m["limit"] is None:
            style = dict(color=["#555555", "#999999"][lim % 2], linestyle=["--", ":"][lim % 2],
                         marker=["x", "+"][lim % 2], markersize=8, linewidth=1.5)
            lim += 1
            label = _("{mechanism} (limit)", mechanism=mechanism_label(_, m))
        else:
            color, marker = SERIES[k % len(SERIES)]
            style = dict(color=color, linestyle="-", marker=marker, linewidth=1.6)
            label = mechanism_label(_, m)
            k += 1
        lat = [rows[(m["id"], s)]["latency"]["median_us"] for s in sizes]
        tp = [rows[(m["id"], s)]["throughput"]["msgs_per_s"] for s in sizes]
        ax1.plot(sizes, lat, label=label, **style)
        ax2.plot(sizes, [t["median"] for t in tp], **style)
        ax2.fill_between(sizes, [t["min"] for t in tp], [t["max"] for t in tp], color=style["color"],
                         alpha=0.12, linewidth=0)
    for ax in (ax1, ax2):
        size_axis(ax, sizes)
        ax.grid(color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
    ax1.yaxis.set_major_formatter(tick_text("latency"))
    ax2.yaxis.set_major_formatter(tick_text("throughput"))
    ax1.set_ylabel(_("round trip"))
    ax1.set_title(_("Median round trip (lower is faster)"), loc="left")
    ax2.set_ylabel(_("messages/s"))
    ax2.set_title(_("Throughput (higher is faster; band: all rounds)"), loc="left")
    ax2.set_xlabel(_("message size"))
    handles = [Line2D([], [], **{k: v for k, v in line.properties().items()
                                 if k in ("color", "linestyle", "marker", "markersize", "linewidth")})
               for line in ax1.lines]
    fig.legend(handles, [line.get_label() for line in ax1.lines], loc="upper center",
               bbox_to_anchor=(0.5, 0.0), ncol=1, frameon=False)
    fig.tight_layout()
    save(fig, path)


def wide_fonts():
    """The font families of a translated plot: DejaVu Sans, then the installed WIDE_FONTS.

    Named one by one, as matplotlib falls back from one named family to the
    next for a character the first lacks (a generic "sans-serif" is one font).
    """
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    wide = [name for name in WIDE_FONTS if name in installed]
    if not wide:
        print("warning: none of %s is installed: the translated plots' text is measured without its "
              "characters, so it may not fit" % ", ".join(WIDE_FONTS), file=sys.stderr)
    return ["DejaVu Sans", *wide, "sans-serif"]


def translations():
    """{language: its translate function}, one for each site catalogue."""
    found = {}
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/site.po")):
        from babel.messages.pofile import read_po  # the site's .venv, which draws the plots, has Babel

        with po.open("rb") as f:
            messages = {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}

        def translate(text, _messages=messages, _po=po, **fields):
            if text not in _messages:
                raise SystemExit("%s has no translation of %r" % (_po.relative_to(ROOT), text))
            return english(_messages[text], **fields)

        found[po.parts[-3]] = translate
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results", help="the JSON file bench/run.py wrote")
    parser.add_argument("--images", help="where to write the SVGs (default docs/benchmarks/_images)")
    args = parser.parse_args(argv)
    data, mechs, rows = load(args.results)
    images = Path(args.images) if args.images else DEFAULT_IMAGES
    images.mkdir(parents=True, exist_ok=True)
    written = []

    def out(path):
        written.append(path)
        return path

    def draw(suffix, _):
        dot_plot(data, mechs, rows, "throughput", out(images / ("throughput%s.svg" % suffix)), _)
        dot_plot(data, mechs, rows, "latency", out(images / ("latency%s.svg" % suffix)), _)
        dot_plot(data, mechs, rows, "ratios", out(images / ("ratios%s.svg" % suffix)), _)
        for group in GROUPS:
            if any(m["group"] == group and m["status"] == "measured" for m in mechs):
                group_plot(data, mechs, rows, group, out(images / ("group-%s%s.svg" % (slug(group), suffix))), _)

    draw("", english)
    for lang, translate in translations().items():
        with plt.rc_context({"font.family": wide_fonts()}):
            draw("." + lang, translate)
    for path in written:
        print(path, path.stat().st_size)


if __name__ == "__main__":
    sys.exit(main())
