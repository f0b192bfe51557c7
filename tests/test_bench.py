"""The benchmark still runs, writes well-formed data, and plots it.

Runs `bench/run.py --quick` (a few seconds) into a temporary file, checks the
structure of the JSON (every mechanism at every size, positive numbers,
ratios taken against the limit from the same run), then runs
`bench/plot.py` on it into a temporary folder and builds every table the
pages can ask for from it (bench/tables.py, which the site's build uses). Nothing here asserts how fast
anything is: timings belong to the machine, not to the test.
"""
from __future__ import annotations

import html
import json
import math
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import tables  # noqa: E402
RUN = ROOT / "bench" / "run.py"
PLOT = ROOT / "bench" / "plot.py"
COMMITTED = ROOT / "docs" / "benchmarks" / "_data" / "results.json"

SIZES = [64, 4096, 1 << 20]
MECHANISMS = {
    # id: limit id (None: it is a limit)
    "deque_condition": None,
    "queue_Queue": "deque_condition",
    "queue_SimpleQueue": "deque_condition",
    "deque_future": None,
    "asyncio_Queue": "deque_future",
    "os_pipe": None,
    "mp_Queue": "os_pipe",
    "mp_SimpleQueue": "os_pipe",
    "pipe_send": "os_pipe",
    "pipe_send_bytes": "os_pipe",
    "manager_Queue": "os_pipe",
    "memcpy": None,
    "shared_memory": "memcpy",
    "tcp_loopback": None,
    "redis_list": "tcp_loopback",
    "thread_pool": None,
    "interp_queue": "deque_condition",
    "interp_pool": "thread_pool",
}
# Rows that need a newer Python than the one running, and say so.
NEEDS_314 = {"interp_queue", "interp_pool"}


def positive(x):
    return isinstance(x, (int, float)) and math.isfinite(x) and x > 0


def check_results(data, quick):
    assert data["schema"] == 2
    assert data["settings"]["quick"] is quick
    assert data["settings"]["sizes"] == SIZES
    machine = data["machine"]
    for key in ("cpu", "cores", "python", "start_method", "loadavg_before", "loadavg_after",
                "loadavg_during"):
        assert machine.get(key) not in (None, ""), key
    assert machine["start_method"] == data["settings"]["start_method"]
    assert data["date"].endswith("Z")

    mechs = {m["id"]: m for m in data["mechanisms"]}
    assert set(mechs) == set(MECHANISMS)
    for mech_id, limit in MECHANISMS.items():
        m = mechs[mech_id]
        assert m["limit"] == limit
        assert m["label"] and m["how"]
        if m["status"] != "measured":
            # Only the broker (no server) and the 3.14+ rows (an older
            # Python) may be missing, and then they must say why.
            assert m["status"] == "not measured" and m["reason"], mech_id
            python = tuple(int(x) for x in machine["python"].split(".")[:2])
            if mech_id in NEEDS_314:
                assert python < (3, 14) and "3.14" in m["reason"], (mech_id, m["reason"])
            else:
                assert mech_id == "redis_list", mech_id
        elif mech_id in NEEDS_314:
            assert tuple(int(x) for x in machine["python"].split(".")[:2]) >= (3, 14)
    rows = {(r["mechanism"], r["size"]): r for r in data["results"]}
    assert len(rows) == len(data["results"]), "duplicate rows"

    for mech_id, limit in MECHANISMS.items():
        if mechs[mech_id]["status"] != "measured":
            assert not any(k[0] == mech_id for k in rows)
            continue
        for size in SIZES:
            row = rows[(mech_id, size)]
            tp, lat = row["throughput"], row["latency"]
            assert tp["messages_per_round"] >= 1 and tp["rounds"] == data["settings"]["rounds"]
            for stat in ("msgs_per_s", "mb_per_s"):
                s = tp[stat]
                for key in ("median", "min", "max", "q1", "q3"):
                    assert positive(s[key]), (mech_id, size, stat, key)
                assert s["min"] <= s["q1"] <= s["median"] <= s["q3"] <= s["max"]
            assert math.isclose(tp["mb_per_s"]["median"], tp["msgs_per_s"]["median"] * size / 1e6)
            assert lat["samples"] == lat["messages_per_round"] * lat["rounds"]
            assert positive(lat["median_us"]) and positive(lat["p99_us"])
            assert lat["p99_us"] >= lat["median_us"]
            assert row["limit"] == limit
            if limit is None:
                assert "fraction_of_limit" not in tp and "times_limit" not in lat
                continue
            # The ratio is taken against the limit measured in this same run.
            ref = rows[(limit, size)]
            assert math.isclose(
                tp["fraction_of_limit"],
                tp["msgs_per_s"]["median"] / ref["throughput"]["msgs_per_s"]["median"],
            )
            assert math.isclose(lat["times_limit"], lat["median_us"] / ref["latency"]["median_us"])


@pytest.fixture(scope="module")
def quick_results(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    env = dict(os.environ)
    env.pop("REDIS_URL", None)  # the run starts (and stops) its own server
    proc = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_quick_run_writes_complete_data(quick_results):
    check_results(json.loads(quick_results.read_text()), quick=True)


def python_314():
    """The first CPython 3.14+ found, for the interpreter rows."""
    for name in ("python3.14", "python3.15"):
        path = shutil.which(name) or ("/usr/local/bin/" + name if os.path.exists("/usr/local/bin/" + name) else None)
        if path:
            return path
    return None


def test_quick_run_on_314_measures_the_interpreter_rows(tmp_path):
    python = python_314()
    if python is None:
        pytest.skip("no python3.14 or python3.15 on PATH: the interpreter rows need 3.14+")
    out = tmp_path / "quick.json"
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    # Only the interpreter rows and their limits: the rest is the other test's.
    proc = subprocess.run(
        [python, str(RUN), "--quick", "--only", "interp_queue,interp_pool", "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(out.read_text())
    assert data["machine"]["python"].startswith(("3.14", "3.15"))
    mechs = {m["id"]: m for m in data["mechanisms"]}
    assert set(mechs) == {"interp_queue", "interp_pool", "deque_condition", "thread_pool"}
    assert all(m["status"] == "measured" for m in mechs.values()), mechs
    rows = {(r["mechanism"], r["size"]): r for r in data["results"]}
    for mech_id in ("interp_queue", "interp_pool"):
        for size in SIZES:
            lat = rows[(mech_id, size)]["latency"]
            assert positive(lat["median_us"]) and positive(lat["times_limit"])


def test_plot_writes_svgs(quick_results, tmp_path):
    images = tmp_path / "images"
    proc = subprocess.run(
        [sys.executable, str(PLOT), str(quick_results), "--images", str(images)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    svgs = {p.name for p in images.glob("*.svg")}
    english = {"throughput.svg", "latency.svg", "ratios.svg", "group-processes.svg"}
    assert english <= svgs
    # Each plot again in every language with a site catalogue, for a build in that language.
    languages = [po.parts[-3] for po in (ROOT / "docs" / "locale").glob("*/LC_MESSAGES/site.po")]
    assert languages
    for lang in languages:
        assert {name.replace(".svg", ".%s.svg" % lang) for name in english} <= svgs, lang
    for svg in images.glob("*.svg"):
        text = svg.read_text()
        assert "<svg" in text[:500], svg
        # Real text, not glyph outlines: what keeps a plot small and readable.
        assert "<text" in text, svg
    # A translated plot's words are translated: only mechanism names and units
    # stay (a label in words, tables.MECHANISM_LABELS, is shown translated).
    labels = {m["label"] for m in json.loads(quick_results.read_text())["mechanisms"]}
    with (ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES" / "site.po").open("rb") as f:
        chinese = {m.id: m.string for m in read_po(f) if m.id in tables.MECHANISM_LABELS}
    assert set(chinese) == set(tables.MECHANISM_LABELS) and all(chinese.values()), chinese
    labels = (labels - set(chinese)) | set(chinese.values())
    for svg in images.glob("*.zh_CN.svg"):
        texts = [html.unescape(t) for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg.read_text())]
        assert any("往返时间" in t or "每秒消息数" in t for t in texts), svg
        for text in texts:
            for label in sorted(labels, key=len, reverse=True):
                text = text.replace(label, "")
            assert set(re.findall(r"[A-Za-z]+", text.replace("µs", ""))) <= {"B", "KiB", "MiB", "ms", "k", "M"}, (
                svg.name, text)


def test_tables_are_generated_from_any_run(quick_results):
    """Every table the pages can ask for is built from the data, with its provenance."""
    run = tables.Run(quick_results)
    for group in tables.GROUP_TITLES:
        text = tables.group_tables(run, group)
        assert "| Mechanism |" in text and "{ref}`the run and its machine <bench-run>`" in text, group
        # Narrow enough for a phone: a name and one column per size.
        for line in text.splitlines():
            if line.startswith("| Mechanism"):
                assert line.count("|") == 2 + len(SIZES), line
    assert "| Mechanism ÷ its limit |" in tables.ratio_tables(run)
    assert tables.machine_table(run).startswith("| |")
    compare = tables.compare_tables(run, tables.Run(COMMITTED.parent / "results-3.11.json"))
    assert "3.11" in compare and "→" in compare


def test_figure_keys_are_checked():
    run = tables.Run(COMMITTED)
    assert tables.parse_key("mp_Queue.64.rtt") == ("mp_Queue", 64, "rtt")
    for bad in ("mp_Queue.64", "mp_Queue.65.rtt", "mp_Queue.64.speed"):
        with pytest.raises(ValueError):
            tables.parse_key(bad)
    with pytest.raises(KeyError):
        tables.value(run, "no_such_queue", 64, "rtt")
    with pytest.raises(KeyError):
        tables.value(run, "os_pipe", 64, "xlimit")  # a limit has no ratio to a limit


def test_every_figure_on_the_pages_resolves():
    """Each {bench} key in docs/ names a measured row of the committed data (or a kept run)."""
    keys = set()
    for page in (ROOT / "docs").rglob("*.md"):
        keys |= set(re.findall(r"(?<!`)\{bench\}`([^`]+)`", page.read_text(encoding="utf-8")))
    assert len(keys) > 20
    for key in keys:
        for part in key.split("/"):
            version, _, part = part.strip().rpartition(":")
            run = tables.Run(COMMITTED if not version else COMMITTED.parent / ("results-%s.json" % version))
            mech, size, metric = tables.parse_key(part)
            assert tables.value(run, mech, size, metric) is not None, "%s is not measured in %s" % (key, run.path.name)


def test_committed_results_are_a_full_run():
    """The page shows a real, complete run, not a quick one."""
    data = json.loads(COMMITTED.read_text())
    check_results(data, quick=False)
    assert data["settings"]["rounds"] >= 5
    # The pages show one run of 3.14+, so that the interpreter rows are there.
    assert tuple(int(x) for x in data["machine"]["python"].split(".")[:2]) >= (3, 14)
    kept = json.loads((COMMITTED.parent / "results-3.11.json").read_text())
    assert kept["machine"]["python"].startswith("3.11.") and not kept["settings"]["quick"]
    for name in ("throughput", "latency", "ratios", "group-interpreters"):
        for suffix in (".svg", ".zh_CN.svg"):
            assert (COMMITTED.parent.parent / "_images" / (name + suffix)).is_file(), name + suffix


def _all_tables(_=tables.english):
    """Every table and text the pages can ask for, with a not-measured row, a quick
    run, a free-threaded build and a run on another machine among them."""
    run = tables.Run(COMMITTED)
    kept = tables.Run(COMMITTED.parent / "results-3.11.json")
    data = json.loads(COMMITTED.read_text())
    interp = next(m for m in data["mechanisms"] if m["id"] == "interp_queue")
    interp.update(status="not measured", reason="needs Python 3.14 or newer; this run used 3.11.7")
    data["machine"].update(cpu="Another CPU", gil=False, loadavg_during=[])
    data["settings"]["quick"] = True
    other = tables.Run.__new__(tables.Run)
    other.path, other.data = COMMITTED, data
    other.mechs = {m["id"]: m for m in data["mechanisms"]}
    other.rows = {(r["mechanism"], r["size"]): r for r in data["results"]}
    other.sizes = data["settings"]["sizes"]
    texts = []
    for r in (run, kept, other):
        texts += [tables.group_tables(r, group, _) for group in tables.GROUP_TITLES]
        texts += [tables.ratio_tables(r, _), tables.machine_table(r, _), r.provenance(_)]
        texts += [tables.describe(r, "mp_Queue", 64, metric, _) for metric in tables.METRICS]
    texts += [tables.compare_tables(run, kept, _=_), tables.compare_tables(kept, run, _=_),
              tables.compare_tables(run, kept, threshold=100, _=_), tables.compare_tables(other, kept, _=_)]
    return texts, [run, kept, other]


def test_every_word_of_the_tables_goes_through_the_translate_function():
    """With a translate function that blanks each template's own words, only data is left:
    the tables write no English a translated build would show untranslated."""
    def blank(text, **fields):
        return "".join(("§" if literal else "") + ("{%s%s}" % (name, ":" + spec if spec else "") if name else "")
                       for literal, name, spec, _ in string.Formatter().parse(text)).format(**fields)

    texts, runs = _all_tables(blank)
    text = "\n".join(texts)
    assert "§" in text and "not measured" not in text
    data = set()
    for run in runs:
        m = run.data["machine"]
        data |= {m["cpu"], m["platform"], run.python, m["start_method"], m["redis"]["version"], "REDIS_URL"}
        data |= {mech["label"] for mech in run.data["mechanisms"]}
    for item in sorted(data, key=len, reverse=True):
        text = text.replace(tables.brk(item), "").replace(item, "")
    # What is left besides figures: Markdown, the link's target, units, and two
    # row names of the machine table that are names in every language.
    text = re.sub(r"```\{note\}|\{ref\}`|<bench-run>`|<br>|\bp99\b|^\| (Python|Redis) \|", "", text, flags=re.M)
    words = set(re.findall(r"[A-Za-z]+", text))
    assert words <= {"B", "KiB", "MiB", "ms", "s", "k", "M", "MB", "GB"}, sorted(words)


def test_the_tables_in_english_are_the_templates_as_written():
    texts, _ = _all_tables()
    text = "\n".join(texts)
    assert "*Measured with CPython 3.14" in text and "{ref}`the run and its machine <bench-run>`.*" in text
    assert "**interpreters queue was not measured in this run:** needs Python 3.14 or newer; this run used 3.11.7." in text
    assert "Another CPU" in text and "**different machines**" in text and "(quick run)" in text


def test_texts_the_run_records_are_translated_only_when_known():
    def upper(text, **fields):
        return text.upper().replace("{NEEDS}", "{needs}").replace("{USED}", "{used}").format(**fields)

    assert tables.data_text(upper, "needs Python 3.14 or newer; this run used 3.11.7") == (
        "NEEDS PYTHON 3.14 OR NEWER; THIS RUN USED 3.11.7")
    assert tables.data_text(upper, "REDIS_URL is not set and no redis-server could be started: x") == (
        "REDIS_URL is not set and no redis-server could be started: x")
    # They are what bench/run.py and bench/runners.py write (their %s is a template's field).
    writers = (ROOT / "bench" / "run.py").read_text() + (ROOT / "bench" / "runners.py").read_text()
    for template in tables.DATA_TEXTS:
        assert re.sub(r"\{[^}]*\}", "%s", template) in writers, template
