"""Figures and tables (MyST Markdown) from a results file, for the pages.

The Sphinx extension tools/sphinx_bench.py calls these at build time, so
every figure on a page is read from docs/benchmarks/_data/results.json (or
a kept run, results-X.Y.json) and nothing is typed by hand. Only the
standard library: the site's build imports this module.

Tables are narrow on purpose (a mechanism and one column per message
size), so that a phone shows every column.

Every text here that is not data is a template, handed to a translate
function ``_(template, **fields)`` before its fields are filled in: the
English one below by default, the build's language when the site asks
(tools/sphinx_bench.py passes site_strings.t, and the templates are msgids
of docs/locale/<language>/LC_MESSAGES/site.po). The numbers, units,
Python versions and mechanism names go in as fields, so a new run changes
no message. Write each template as a literal in the ``_()`` call:
tests/test_i18n_strings.py finds them there.
"""
import json
import re
import string
from pathlib import Path

from timing import human_size



def english(text, **fields):
    """The default translate function: the template as written, its fields filled in."""
    return text.format(**fields) if fields else text


# Texts that a results file records in English (bench/run.py and
# bench/runners.py write them) and that the tables show: a text that
# matches one of these templates is translated, any other is shown as
# recorded. tests/test_i18n_strings.py checks that the writers still
# write them.
DATA_TEXTS = (
    "a throwaway redis-server started by tests/redis_service.py",
    "needs Python {needs} or newer; this run used {used}",
)


def _template_re(template):
    return re.compile("".join(
        re.escape(literal) + ("(?P<%s>.+?)" % name if name else "")
        for literal, name, _spec, _conv in string.Formatter().parse(template)) + r"\Z")


_DATA_RES = [(template, _template_re(template)) for template in DATA_TEXTS]

# The mechanisms' labels (bench/mechanisms.py and bench/limits.py write them
# into a results file) that say something in words; the others are only
# names (queue.Queue, deque + Condition, Pipe send/recv) and read the same
# in every language. A translated build shows these in its language.
# tests/test_i18n_strings.py fails on a recorded label with a plain word
# that is not listed here.
MECHANISM_LABELS = (
    "interpreters queue",
    "os.pipe, raw bytes",
    "memcpy into SharedMemory",
    "SharedMemory + semaphores",
    "TCP socket, loopback",
    "Redis list RPUSH/BLPOP",
)


def mechanism_label(_, m):
    """A mechanism's label in the translate function's language."""
    return _(m["label"]) if m["label"] in MECHANISM_LABELS else m["label"]


def data_text(_, text):
    """A text recorded in a results file, in the translate function's language if it is one of DATA_TEXTS."""
    for template, pattern in _DATA_RES:
        found = pattern.match(text)
        if found:
            return _(template, **found.groupdict())
    return text


NBSP = "\u00a0"
GROUP_TITLES = {
    "threads": "Threads",
    "coroutines": "Coroutines",
    "interpreters": "Interpreters (3.14+)",
    "processes": "Processes (pipes, queues, manager)",
    "shared memory": "Shared memory",
    "broker": "Broker on loopback",
}
SIZE_KEYS = {"64": 64, "4k": 4096, "1m": 1 << 20}


class Run:
    """One results file, indexed."""

    def __init__(self, path):
        self.path = Path(path)
        self.data = json.loads(self.path.read_text())
        self.mechs = {m["id"]: m for m in self.data["mechanisms"]}
        self.rows = {(r["mechanism"], r["size"]): r for r in self.data["results"]}
        self.sizes = self.data["settings"]["sizes"]

    @property
    def python(self):
        m = self.data["machine"]
        return "%s %s" % (m["implementation"], m["python"])

    @property
    def version(self):
        return ".".join(self.data["machine"]["python"].split(".")[:2])

    def load(self):
        """The highest 1-minute load average recorded before, during and after the run."""
        m = self.data["machine"]
        seen = [m.get("loadavg_before"), m.get("loadavg_after")] + list(m.get("loadavg_during") or [])
        return max(x[0] for x in seen if x)

    def provenance(self, _=english):
        m = self.data["machine"]
        return _("{python} on {cpu} ({cores} cores), run of {date} UTC, load average up to {load:.1f}",
                 python=self.python, cpu=m["cpu"], cores=m["cores"],
                 date=self.data["date"].replace("T", " ").rstrip("Z")[:16], load=self.load())

    def measured(self, mech_id):
        return self.mechs.get(mech_id, {}).get("status") == "measured"


# ---------------------------------------------------------------------------
# Formatting: two significant figures; a benchmark on a shared machine does
# not earn a third.


def sig2(x):
    if x >= 100:
        return "{:,.0f}".format(float("%.2g" % x))
    return "%.2g" % x


def fmt_time(us):
    if us >= 1000:
        return sig2(us / 1000) + NBSP + "ms"
    return sig2(us) + NBSP + "µs"


def fmt_rate(x):
    if x >= 1e6:
        return sig2(x / 1e6) + NBSP + "M"
    if x >= 1e3:
        return sig2(x / 1e3) + NBSP + "k"
    return sig2(x)


def fmt_times(x):
    return sig2(x) + "×"


def fmt_share(f):
    """A share of the limit's throughput: "55 %"; twice the limit's or more reads better as "50×"."""
    if f >= 2:
        return fmt_times(f)
    return sig2(100 * f) + NBSP + "%"


# ---------------------------------------------------------------------------
# One figure, by key: [X.Y:]mechanism.size.metric


METRICS = {
    "rtt": "median round trip",
    "p99": "99th percentile of the round trip",
    "rate": "messages per second (median round)",
    "mbs": "MB/s of payload (median round)",
    "xlimit": "round trip as a multiple of its limit's",
    "share": "throughput as a share of its limit's",
}


def value(run, mech_id, size, metric):
    """The raw number behind a figure, or None if that row was not measured."""
    if mech_id not in run.mechs:
        raise KeyError("no mechanism %r in %s" % (mech_id, run.path.name))
    if not run.measured(mech_id):
        return None
    row = run.rows[(mech_id, size)]
    tp, lat = row["throughput"], row["latency"]
    if metric in ("xlimit", "share") and row["limit"] is None:
        raise KeyError("%s is a limit: it has no ratio to a limit" % mech_id)
    return {
        "rtt": lambda: lat["median_us"],
        "p99": lambda: lat["p99_us"],
        "rate": lambda: tp["msgs_per_s"]["median"],
        "mbs": lambda: tp["mb_per_s"]["median"],
        "xlimit": lambda: lat["times_limit"],
        "share": lambda: tp["fraction_of_limit"],
    }[metric]()


def formatted(metric, x):
    if metric in ("rtt", "p99"):
        return fmt_time(x)
    if metric == "rate":
        return fmt_rate(x) + NBSP + "msg/s"
    if metric == "mbs":
        return sig2(x) + NBSP + "MB/s"
    if metric == "xlimit":
        return fmt_times(x)
    return fmt_share(x)


def parse_key(key):
    """'mp_Queue.64.rtt' -> ('mp_Queue', 64, 'rtt'); raises ValueError on a bad key."""
    parts = key.rsplit(".", 2)
    if len(parts) != 3 or parts[1] not in SIZE_KEYS or parts[2] not in METRICS:
        raise ValueError("a figure is mechanism.size.metric, size one of %s, metric one of %s: not %r" % (
            "/".join(SIZE_KEYS), "/".join(METRICS), key))
    return parts[0], SIZE_KEYS[parts[1]], parts[2]


def describe(run, mech_id, size, metric, _=english):
    # METRICS' names are msgids of site.po too (tests/test_i18n_strings.py adds them).
    return _("{mechanism}, {metric}, {size} messages", mechanism=mechanism_label(_, run.mechs[mech_id]),
             metric=_(METRICS[metric]), size=human_size(size))


# ---------------------------------------------------------------------------
# Tables


ZWSP = "\u200b"  # lets a long name ("multiprocessing.SimpleQueue") wrap in a narrow column
BR = "<br>"  # a second line in a cell keeps a table four columns wide


def brk(label):
    """A name that may wrap after a dot, a slash or an underscore, and before a bracket."""
    for ch in "./_":
        label = label.replace(ch, ch + ZWSP)
    label = re.sub(r"(?<=[a-z])(?=[A-Z])", ZWSP, label)  # InterpreterPoolExecutor
    return label.replace("(", ZWSP + "(")


def _row_name(m, _=english):
    name = mechanism_label(_, m)
    return brk(_("{mechanism} (limit)", mechanism=name) if m["limit"] is None else name)


def _provenance_line(run, _=english):
    link = "{ref}`%s <bench-run>`" % _("the run and its machine")
    return _("*Measured with {provenance}; {link}.*", provenance=run.provenance(_), link=link)


def group_tables(run, group, _=english):
    """The tables of one group: round trip, its 99th percentile, throughput, spread and MB/s."""
    members = [m for m in run.data["mechanisms"] if m["group"] == group]
    # A limit measured in another group is shown again here, so each ratio has its reference.
    ids = {m["id"] for m in members}
    for m in list(members):
        if m["limit"] and m["limit"] not in ids:
            members.insert(0, run.mechs[m["limit"]])
            ids.add(m["limit"])
    heads = " | ".join(human_size(s).replace(" ", NBSP) for s in run.sizes)
    align = "|:--|" + "--:|" * len(run.sizes)
    lines = []
    for m in members:
        if m["status"] != "measured":
            lines += ["```{note}", _("**{mechanism} was not measured in this run:** {reason}.",
                                     mechanism=mechanism_label(_, m), reason=data_text(_, m["reason"])), "```", ""]
    not_measured = " %s |" % _("not measured")

    def table(title, cell):
        out = [title, "", "| %s | %s |" % (_("Mechanism"), heads), align]
        for m in members:
            if m["status"] != "measured":
                out.append("| %s |%s" % (_row_name(m, _), not_measured * len(run.sizes)))
                continue
            out.append("| %s | %s |" % (_row_name(m, _), " | ".join(cell(m, run.rows[(m["id"], s)]) for s in run.sizes)))
        return out + [""]

    def rtt(m, r):
        lat = r["latency"]
        ratio = _("limit") if r["limit"] is None else fmt_times(lat["times_limit"])
        return BR.join([fmt_time(lat["median_us"]), ratio, "p99 " + fmt_time(lat["p99_us"])])

    def tput(m, r):
        tp = r["throughput"]
        s = tp["msgs_per_s"]
        share = _("limit") if r["limit"] is None else fmt_share(tp["fraction_of_limit"])
        pct = "±%.0f%s%%" % (50 * (s["q3"] - s["q1"]) / s["median"], NBSP)
        mbs = tp["mb_per_s"]["median"]
        moved = _("no copy") if m["where"] in ("thread", "coroutine") else (
            sig2(mbs) + " MB/s" if mbs < 1000 else sig2(mbs / 1000) + " GB/s")
        return BR.join([fmt_rate(s["median"]) + "/s", share, pct, moved])

    lines += table(_("**Round trip**, one message there and back. Each cell: the median; the median × the "
                     "limit's (\"limit\" on the limit's own row); the 99th percentile."), rtt)
    lines += table(_("**Throughput**, one producer to one consumer. Each cell: messages per second (median "
                     "round); the share of the limit's (\"50×\" when fifty times it); the spread (± half the interquartile "
                     "range of the rounds); MB/s (or GB/s) of payload, or \"no copy\" where a reference is passed and "
                     "nothing is copied."), tput)
    lines.append(_provenance_line(run, _))
    return "\n".join(lines) + "\n"


def ratio_tables(run, _=english):
    """Every mechanism's ratios to its limit, one table per question, a column per size."""
    heads = " | ".join(human_size(s).replace(" ", NBSP) for s in run.sizes)
    align = "|:--|" + "--:|" * len(run.sizes)
    head = "| %s | %s |" % (_("Mechanism ÷ its limit"), heads)
    not_measured = " %s |" % _("not measured")
    rtt = [_("**Round trip, × the limit's** (1× = as fast as the limit; more is slower)"), "", head, align]
    tput = [_("**Throughput, share of the limit's** (100 % = as fast as the limit; less is slower; "
              "\"50×\" = fifty times the limit's)"), "", head, align]
    for m in run.data["mechanisms"]:
        if m["limit"] is None:
            continue
        name = "%s ÷ %s" % (brk(mechanism_label(_, m)), brk(mechanism_label(_, run.mechs[m["limit"]])))
        if m["status"] != "measured":
            rtt.append("| %s |%s" % (name, not_measured * len(run.sizes)))
            tput.append("| %s |%s" % (name, not_measured * len(run.sizes)))
            continue
        rows = [run.rows[(m["id"], s)] for s in run.sizes]
        rtt.append("| %s | %s |" % (name, " | ".join(fmt_times(r["latency"]["times_limit"]) for r in rows)))
        tput.append("| %s | %s |" % (name, " | ".join(fmt_share(r["throughput"]["fraction_of_limit"]) for r in rows)))
    return "\n".join(rtt + [""] + tput + ["", _provenance_line(run, _)]) + "\n"


def machine_table(run, _=english):
    m, s = run.data["machine"], run.data["settings"]
    redis = m.get("redis")
    during = [x[0] for x in (m.get("loadavg_during") or []) if x]
    if during:
        load = _("{before:.1f} before, {after:.1f} after, {low:.1f} to {high:.1f} during (1-minute)",
                 before=m["loadavg_before"][0], after=m["loadavg_after"][0], low=min(during), high=max(during))
    else:
        load = _("{before:.1f} before, {after:.1f} after (1-minute)",
                 before=m["loadavg_before"][0], after=m["loadavg_after"][0])
    if s["quick"]:
        rounds = _("{rounds} timed rounds per number, each about {seconds:.2g} s, after a warm-up (quick run)",
                   rounds=s["rounds"], seconds=s["round_seconds"])
    else:
        rounds = _("{rounds} timed rounds per number, each about {seconds:.2g} s, after a warm-up",
                   rounds=s["rounds"], seconds=s["round_seconds"])
    rows = [
        (_("Date (UTC)"), run.data["date"].replace("T", " ").rstrip("Z")),
        (_("CPU"), _("{cpu}, {cores} logical cores ({usable} usable)",
                     cpu=m["cpu"], cores=m["cores"], usable=m["usable_cores"])),
        (_("System"), m["platform"]),
        ("Python", run.python if m.get("gil", True) else _("{python}, free-threaded (no GIL)", python=run.python)),
        (_("Start method"), _("`{method}` (process start-up is outside every timed region)", method=m["start_method"])),
        (_("Rounds"), rounds),
        (_("Load average"), load),
        (_("Whole run"), "%.0f s" % m["run_seconds"]),
    ]
    if redis:
        rows.append(("Redis", _("server {version}, {how}", version=redis["version"], how=data_text(_, redis["server"]))))
    lines = ["| | |", "|:--|:--|"] + ["| %s | %s |" % r for r in rows]
    peak = run.load()
    if peak > m["cores"]:
        lines += ["", "```{note}",
                  _("The machine was shared with other work during this run: a load average of up to {load:.1f} on "
                    "{cores} cores means processes were waiting for a CPU. That widens the spread and the 99th "
                    "percentiles, and moves absolute numbers; the interleaved rounds keep the ratios to each "
                    "limit fair, since a busy moment falls on a mechanism and on its limit alike.",
                    load=peak, cores=m["cores"]),
                  "```"]
    return "\n".join(lines) + "\n"


def compare_tables(new, old, threshold=1.5, _=english):
    """What moved between two runs: each ratio to its limit, and each median round trip.

    A change counts as moved when it is beyond ``threshold`` (a factor) at
    every message size: one size alone is within what load does to a run.
    """
    same_machine = new.data["machine"]["cpu"] == old.data["machine"]["cpu"]
    common = [m for m in new.data["mechanisms"]
              if m["status"] == "measured" and old.measured(m["id"])]
    lines = []
    lines.append(_("Compared: {old} (run of {old_date}, on {old_cpu}, load average up to {old_load:.1f}) and {new} "
                   "(run of {new_date}, on {new_cpu}, load average up to {new_load:.1f}).",
                   old=old.python, old_date=old.data["date"][:10], old_cpu=old.data["machine"]["cpu"],
                   old_load=old.load(), new=new.python, new_date=new.data["date"][:10],
                   new_cpu=new.data["machine"]["cpu"], new_load=new.load()))
    lines.append("")
    if not same_machine:
        lines.append(_("The two runs were made on **different machines**, so their absolute numbers compare "
                       "machines as much as Pythons; the ratios to each limit are the fairer comparison."))
    else:
        def span(run):
            m = run.data["machine"]
            seen = [m.get("loadavg_before"), m.get("loadavg_after")] + list(m.get("loadavg_during") or [])
            loads = [x[0] for x in seen if x]
            return _("{low:.1f} to {high:.1f}", low=min(loads), high=max(loads))
        lines.append(_("The two runs were made on the same machine, one after the other; the load average "
                       "ranged from {old_span} during the {old_version} run and from {new_span} during the "
                       "{new_version} run, on {cores} cores. Absolute numbers move with that load as much as with "
                       "the Python; the ratios to each limit, measured in the same minutes as the limit, are the "
                       "fairer comparison.", old_span=span(old), old_version=old.version, new_span=span(new),
                       new_version=new.version, cores=new.data["machine"]["cores"]))
    lines.append("")
    moved_ratio, moved_abs = [], []
    for m in common:
        rows_new = [new.rows[(m["id"], s)] for s in new.sizes]
        rows_old = [old.rows[(m["id"], s)] for s in new.sizes]
        abs_f = [a["latency"]["median_us"] / b["latency"]["median_us"] for a, b in zip(rows_new, rows_old)]
        if all(f >= threshold for f in abs_f) or all(f <= 1 / threshold for f in abs_f):
            moved_abs.append((m, abs_f))
        if m["limit"]:
            rat_f = [a["latency"]["times_limit"] / b["latency"]["times_limit"] for a, b in zip(rows_new, rows_old)]
            if all(f >= threshold for f in rat_f) or all(f <= 1 / threshold for f in rat_f):
                moved_ratio.append((m, rat_f))

    def which(moved):
        parts = []
        for m, fs in moved:
            if fs[0] > 1:
                parts.append(_("{mechanism} ({low} to {high} slower)", mechanism=mechanism_label(_, m),
                               low=fmt_times(min(fs)), high=fmt_times(max(fs))))
            else:
                parts.append(_("{mechanism} ({low} to {high} faster)", mechanism=mechanism_label(_, m),
                               low=fmt_times(1 / max(fs)), high=fmt_times(1 / min(fs))))
        return _("; ").join(parts)

    factor = sig2(threshold)
    if moved_ratio:
        lines.append(_("Moved by more than a factor of {factor} at every message size, round trip as a multiple "
                       "of its limit's: {moved}.", factor=factor, moved=which(moved_ratio)))
    else:
        lines.append(_("No round trip as a multiple of its limit's moved by more than a factor of {factor} at "
                       "every message size.", factor=factor))
    lines.append("")
    if moved_abs:
        lines.append(_("Moved by more than a factor of {factor} at every message size, median round trip: "
                       "{moved}.", factor=factor, moved=which(moved_abs)))
    else:
        lines.append(_("No median round trip moved by more than a factor of {factor} at every message size.",
                       factor=factor))
    lines.append("")
    lines.append(_("A ratio moves when the mechanism moves or when its limit does: the medians below show which."))
    lines.append("")
    heads = " | ".join(human_size(s).replace(" ", NBSP) for s in new.sizes)
    lines += [_("**Median round trip, {old} → {new}**", old=old.version, new=new.version), "",
              "| %s | %s |" % (_("Mechanism"), heads), "|:--|" + "--:|" * len(new.sizes)]
    for m in common:
        cells = []
        for s in new.sizes:
            a, b = old.rows[(m["id"], s)]["latency"], new.rows[(m["id"], s)]["latency"]
            cells.append("%s%s→%s%s" % (fmt_time(a["median_us"]), BR, NBSP, fmt_time(b["median_us"])))
        lines.append("| %s | %s |" % (_row_name(m, _), " | ".join(cells)))
    lines += ["", _("**Round trip × the limit's, {old} → {new}**", old=old.version, new=new.version), "",
              "| %s | %s |" % (_("Mechanism"), heads), "|:--|" + "--:|" * len(new.sizes)]
    for m in common:
        if not m["limit"]:
            continue
        cells = []
        for s in new.sizes:
            a, b = old.rows[(m["id"], s)]["latency"], new.rows[(m["id"], s)]["latency"]
            cells.append("%s%s→%s%s" % (fmt_times(a["times_limit"]), BR, NBSP, fmt_times(b["times_limit"])))
        lines.append("| %s | %s |" % (brk(mechanism_label(_, m)), " | ".join(cells)))
    new_only = [mechanism_label(_, m) for m in new.data["mechanisms"]
                if m["status"] == "measured" and not old.measured(m["id"])]
    if new_only:
        lines += ["", _("Measured in the {version} run only: {mechanisms}.", version=new.version,
                        mechanisms=_(", ").join(new_only))]
    return "\n".join(lines) + "\n"
