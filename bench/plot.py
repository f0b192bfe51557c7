#!/usr/bin/env python3
"""Draw the benchmark plots (SVG) and tables (MyST Markdown) from results.json.

    python bench/plot.py docs/benchmarks/_data/results.json
    python bench/plot.py results.json --images DIR --tables DIR

By default the SVGs go to docs/benchmarks/_images/ and the Markdown tables
beside the JSON file; both are generated, never edited by hand. Figures are
drawn on a white card so they read the same on a light or a dark page.
"""
import argparse
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from run import human_size  # noqa: E402  (bench/ is on sys.path: both are run as scripts)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_IMAGES = ROOT / "docs" / "benchmarks" / "_images"

# One colour per group (Okabe-Ito, distinguishable with colour blindness).
GROUPS = [
    ("threads", "Threads", "#0072B2"),
    ("coroutines", "Coroutines", "#009E73"),
    ("interpreters", "Interpreters (3.14+)", "#56B4E9"),
    ("processes", "Processes (pipes, queues, manager)", "#D55E00"),
    ("shared memory", "Shared memory", "#CC79A7"),
    ("broker", "Broker on loopback", "#E69F00"),
]
GROUP_COLOR = {g: c for g, _, c in GROUPS}
GROUP_TITLE = {g: t for g, t, _ in GROUPS}
INK = "#222222"
# For the lines of the ratio plot: ten colours that stay apart on white.
LINE_COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#7f7f7f",
               "#8c564b", "#000000", "#bcbd22"]
GRID = "#d0d0d0"

plt.rcParams.update({
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#888888",
    "xtick.color": INK,
    "ytick.color": INK,
    "font.size": 10,
    "font.family": "sans-serif",
    "svg.fonttype": "none",  # real text: crisp, selectable, searchable
    "svg.hashsalt": "bench",  # stable ids, so an unchanged plot gives an unchanged file
})


def slug(group):
    return group.replace(" ", "-")


def fmt(x):
    """Three significant figures, thousands separated: 1,234 / 56.7 / 0.123."""
    if x is None:
        return "—"
    if x >= 1000:
        return "{:,.0f}".format(float("%.3g" % x))
    return "%.3g" % x


def fmt_rate(x):
    if x >= 1e6:
        return "%s M" % fmt(x / 1e6)
    if x >= 1e3:
        return "%s k" % fmt(x / 1e3)
    return fmt(x)


def load(path):
    data = json.loads(Path(path).read_text())
    mechs = [m for m in data["mechanisms"]]
    rows = {(r["mechanism"], r["size"]): r for r in data["results"]}
    return data, mechs, rows


def save(fig, path):
    fig.savefig(path, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.15)
    plt.close(fig)


def bar_panels(data, mechs, rows, metric, path):
    """One horizontal bar panel per message size, every mechanism, log scale."""
    sizes = data["settings"]["sizes"]
    measured = [m for m in mechs if m["status"] == "measured"]
    fig, axes = plt.subplots(1, len(sizes), figsize=(11, 0.32 * len(measured) + 1.6), sharey=True)
    ys = list(range(len(measured)))[::-1]
    for ax, size in zip(axes, sizes):
        for y, m in zip(ys, measured):
            r = rows[(m["id"], size)]
            color = GROUP_COLOR[m["group"]]
            limit = m["limit"] is None
            style = dict(color="white", edgecolor=color, hatch="////", linewidth=1.2) if limit else dict(color=color)
            if metric == "throughput":
                s = r["throughput"]["msgs_per_s"]
                ax.barh(y, s["median"], height=0.7, **style)
                ax.errorbar(s["median"], y, xerr=[[s["median"] - s["min"]], [s["max"] - s["median"]]],
                            fmt="none", ecolor=INK, elinewidth=0.8, capsize=2)
            else:
                lat = r["latency"]
                ax.barh(y, lat["median_us"], height=0.7, **style)
                ax.plot([lat["p99_us"]], [y], marker="|", markersize=9, color=INK, linestyle="none")
        ax.set_xscale("log")
        ax.set_title(human_size(size) + " messages", color=INK, fontweight="bold")
        ax.grid(axis="x", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        if metric == "throughput":
            ax.set_xlabel("messages/s (higher is better)")
            # The same scale in payload bytes: MB/s = messages/s × size.
            top = ax.secondary_xaxis("top", functions=(lambda x, k=size / 1e6: x * k,
                                                        lambda x, k=size / 1e6: x / k))
            top.set_xlabel("MB/s of payload", color=INK)
            top.tick_params(colors=INK)
        else:
            ax.set_xlabel("round trip, µs (lower is better)")
    axes[0].set_yticks(ys)
    axes[0].set_yticklabels([m["label"] for m in measured])
    handles = [Patch(color=GROUP_COLOR[g], label=GROUP_TITLE[g]) for g, _, _ in GROUPS
               if any(m["group"] == g for m in measured)]
    handles.append(Patch(facecolor="white", edgecolor="#666666", hatch="////", label="limit (same run)"))
    note = ("whiskers: slowest and fastest round" if metric == "throughput"
            else "bar: median; tick: 99th percentile")
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False,
               bbox_to_anchor=(0.5, -0.02 - 0.04 * (len(handles) > 3)))
    fig.suptitle("%s, one producer to one consumer (%s)" % (
        "Throughput" if metric == "throughput" else "Round-trip latency", note), color=INK)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    save(fig, path)


def ratio_plot(data, mechs, rows, path):
    """How far each mechanism is from its limit, across message sizes."""
    sizes = data["settings"]["sizes"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.6))
    markers = "osD^v<>ph*"
    seen = {}
    for m in mechs:
        if m["status"] != "measured" or m["limit"] is None:
            continue
        if (m["limit"], sizes[0]) not in rows:
            continue
        k = len(seen)
        seen[m["id"]] = k
        style = dict(color=LINE_COLORS[k % len(LINE_COLORS)], marker=markers[k % len(markers)],
                     linestyle=["-", "--", "-.", ":"][k % 4],
                     linewidth=1.4, markersize=5, label=m["label"])
        ax1.plot(sizes, [rows[(m["id"], s)]["throughput"]["fraction_of_limit"] for s in sizes], **style)
        ax2.plot(sizes, [rows[(m["id"], s)]["latency"]["times_limit"] for s in sizes], **style)
    for ax in (ax1, ax2):
        size_axis(ax, sizes)
        ax.axhline(1, color="#666666", linewidth=1, linestyle="-")
        ax.grid(color=GRID, linewidth=0.6, which="both")
        ax.set_axisbelow(True)
    ax1.set_ylabel("throughput ÷ limit's throughput")
    ax1.set_title("Throughput as a fraction of the limit (1 = as fast)", color=INK)
    ax2.set_ylabel("round trip ÷ limit's round trip")
    ax2.set_title("Latency as a multiple of the limit (1 = as fast)", color=INK)
    handles, labels = ax1.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, frameon=False, bbox_to_anchor=(0.5, -0.01))
    fig.tight_layout(rect=(0, 0.17, 1, 1))
    save(fig, path)


def size_axis(ax, sizes):
    """Message size along x (log 2, labelled 64 B / 4 KiB / 1 MiB) and a log y axis."""
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(sizes)
    ax.set_xticklabels([human_size(s) for s in sizes])
    ax.set_xlabel("message size")


def group_plot(data, mechs, rows, group, path):
    """Messages/s and round trip against message size for one group."""
    sizes = data["settings"]["sizes"]
    members = [m for m in mechs if m["group"] == group and m["status"] == "measured"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.9))
    cmap = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
    markers = "osD^v<>"
    k = 0
    for m in members:
        if m["limit"] is None:
            style = dict(color="#555555", linestyle="--", marker="x", linewidth=1.6)
            label = m["label"] + " (limit)"
        else:
            style = dict(color=cmap[k % len(cmap)], linestyle="-", marker=markers[k % len(markers)], linewidth=1.6)
            label = m["label"]
            k += 1
        tp = [rows[(m["id"], s)]["throughput"]["msgs_per_s"] for s in sizes]
        ax1.plot(sizes, [t["median"] for t in tp], label=label, markersize=5, **style)
        ax1.fill_between(sizes, [t["min"] for t in tp], [t["max"] for t in tp], color=style["color"], alpha=0.15,
                         linewidth=0)
        lat = [rows[(m["id"], s)]["latency"] for s in sizes]
        ax2.plot(sizes, [x["median_us"] for x in lat], markersize=5, **style)
        ax2.plot(sizes, [x["p99_us"] for x in lat], color=style["color"], linestyle=":", linewidth=1)
    for ax in (ax1, ax2):
        size_axis(ax, sizes)
        ax.grid(color=GRID, linewidth=0.6, which="both")
        ax.set_axisbelow(True)
    ax1.set_ylabel("messages/s (higher is better)")
    ax1.set_title("Throughput (band: slowest to fastest round)", color=INK)
    ax2.set_ylabel("round trip, µs (lower is better)")
    ax2.set_title("Latency (solid: median, dotted: p99)", color=INK)
    fig.legend(loc="lower center", ncol=min(4, len(members)), frameon=False, bbox_to_anchor=(0.5, -0.01))
    fig.tight_layout(rect=(0, 0.1 + 0.05 * (len(members) > 4), 1, 1))
    save(fig, path)


def spread_pct(s):
    """Half the interquartile range, as a percentage of the median."""
    if not s["median"]:
        return "—"
    return "±%.0f%%" % (50 * (s["q3"] - s["q1"]) / s["median"])


NBSP = "\u00a0"  # keeps "4 KiB" and "1,650 µs" on one line in narrow columns


def group_table(data, mechs, rows, group):
    """Two tables for one group: throughput, then round trips."""
    sizes = data["settings"]["sizes"]
    labels = {m["id"]: m["label"] for m in mechs}
    members = [m for m in mechs if m["group"] == group]
    lines = []
    for m in members:
        if m["status"] != "measured":
            lines += ["```{warning}", "**%s was not measured in this run.** %s" % (m["label"], m["reason"]),
                      "```", ""]
    tput = ["**Throughput**, one producer to one consumer:", "",
            "| Mechanism | Size | Messages/s | MB/s | Spread | Share of the limit |",
            "|:--|--:|--:|--:|--:|--:|"]
    rtt = ["**Round trip**, one message there and back:", "",
           "| Mechanism | Size | Median | 99th percentile | × the limit |",
           "|:--|--:|--:|--:|--:|"]
    for m in members:
        name = "%s (limit)" % m["label"] if m["limit"] is None else m["label"]
        if m["status"] != "measured":
            tput.append("| %s | all | not measured | | | |" % name)
            rtt.append("| %s | all | not measured | | |" % name)
            continue
        for size in sizes:
            r = rows[(m["id"], size)]
            tp, lat = r["throughput"], r["latency"]
            first = name if size == sizes[0] else ""
            size_text = human_size(size).replace(" ", NBSP)
            frac = "—"
            if "fraction_of_limit" in tp:
                f = tp["fraction_of_limit"]
                frac = "%.0f%%" % (100 * f) if f >= 0.01 else "%.1g%%" % (100 * f)
            times = "%.2g×" % lat["times_limit"] if "times_limit" in lat else "—"
            mbs = fmt(tp["mb_per_s"]["median"])
            if m["where"] in ("thread", "coroutine"):
                mbs = "by" + NBSP + "reference"  # one process: a reference moves, the bytes do not
            tput.append("| %s | %s | %s | %s | %s | %s |" % (
                first, size_text, fmt_rate(tp["msgs_per_s"]["median"]).replace(" ", NBSP), mbs,
                spread_pct(tp["msgs_per_s"]), frac))
            rtt.append("| %s | %s | %s | %s | %s |" % (
                first, size_text, fmt(lat["median_us"]) + NBSP + "µs", fmt(lat["p99_us"]) + NBSP + "µs", times))
    limits = sorted({labels.get(m["limit"], m["limit"]) for m in members if m["limit"]})
    lines += tput + [""] + rtt + [
        "", "The limit (%s) was measured in the same run. Spread: half the interquartile range of the "
        "per-round rates, as a share of their median." % ", ".join(limits), ""]
    return "\n".join(lines)


def ratios_md(data, mechs, rows):
    """One row per mechanism: its ratios to its limit at every size."""
    sizes = data["settings"]["sizes"]
    labels = {m["id"]: m["label"] for m in mechs}
    head = " / ".join(human_size(s) for s in sizes)
    lines = [
        "| Mechanism | Its limit | Throughput, share of the limit: %s | Round trip, × the limit: %s |" % (
            head, head),
        "|:--|:--|--:|--:|",
    ]
    for m in mechs:
        if m["limit"] is None:
            continue
        if m["status"] != "measured":
            lines.append("| %s | %s | not measured | not measured |" % (m["label"], labels.get(m["limit"], m["limit"])))
            continue
        tps, lats = [], []
        for size in sizes:
            r = rows[(m["id"], size)]
            f = r["throughput"]["fraction_of_limit"]
            tps.append("%.0f%%" % (100 * f) if f >= 0.01 else "%.1g%%" % (100 * f))
            lats.append("%.2g×" % r["latency"]["times_limit"])
        lines.append("| %s | %s | %s | %s |" % (m["label"], labels[m["limit"]], " / ".join(tps), " / ".join(lats)))
    return "\n".join(lines) + "\n"


def machine_md(data):
    m, s = data["machine"], data["settings"]
    redis = m.get("redis")
    rows = [
        ("Date (UTC)", data["date"].replace("T", " ").rstrip("Z")),
        ("CPU", "%s, %d logical cores (%d usable)" % (m["cpu"], m["cores"], m["usable_cores"])),
        ("System", m["platform"]),
        ("Python", "%s %s" % (m["implementation"], m["python"])),
        ("Start method", "`%s` (process start-up is outside every timed region)" % m["start_method"]),
        ("Rounds", "%d timed rounds per number, each about %.2g s, after one warm-up round%s" % (
            s["rounds"], s["round_seconds"], " (quick run)" if s["quick"] else "")),
        ("Load average", "%.2f before, %.2f after (1-minute)" % (m["loadavg_before"][0], m["loadavg_after"][0])),
        ("Whole run", "%.0f s" % m["run_seconds"]),
    ]
    if redis:
        rows.append(("Redis", "server %s, %s" % (redis["version"], redis["server"])))
    lines = ["| | |", "|:--|:--|"] + ["| %s | %s |" % r for r in rows]
    load = max(m["loadavg_before"][0], m["loadavg_after"][0])
    if load > m["cores"]:
        lines += ["", "```{note}",
                  "The machine was shared with other work during this run: a load average of %.1f on %d cores "
                  "means processes were waiting for a CPU. That widens the spread and the 99th percentiles; "
                  "the interleaved rounds keep the ratios to each limit fair, since a busy moment falls on a "
                  "mechanism and on its limit alike." % (load, m["cores"]),
                  "```"]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results", help="the JSON file bench/run.py wrote")
    parser.add_argument("--images", help="where to write the SVGs (default docs/benchmarks/_images)")
    parser.add_argument("--tables", help="where to write the Markdown tables (default: beside the JSON)")
    args = parser.parse_args(argv)
    data, mechs, rows = load(args.results)
    images = Path(args.images) if args.images else DEFAULT_IMAGES
    tables = Path(args.tables) if args.tables else Path(args.results).resolve().parent
    images.mkdir(parents=True, exist_ok=True)
    tables.mkdir(parents=True, exist_ok=True)
    written = []

    def out(path):
        written.append(path)
        return path

    bar_panels(data, mechs, rows, "throughput", out(images / "throughput.svg"))
    bar_panels(data, mechs, rows, "latency", out(images / "latency.svg"))
    ratio_plot(data, mechs, rows, out(images / "ratios.svg"))
    for group, _, _ in GROUPS:
        if any(m["group"] == group and m["status"] == "measured" for m in mechs):
            group_plot(data, mechs, rows, group, out(images / ("group-%s.svg" % slug(group))))
        if any(m["group"] == group for m in mechs):
            out(tables / ("table-%s.md" % slug(group))).write_text(group_table(data, mechs, rows, group))
    out(tables / "machine.md").write_text(machine_md(data))
    out(tables / "ratios.md").write_text(ratios_md(data, mechs, rows))
    for path in written:
        print(path)


if __name__ == "__main__":
    sys.exit(main())
