#!/usr/bin/env python3
"""Measure the throughput and round-trip latency of Python's communication mechanisms.

    python bench/run.py --out docs/benchmarks/_data/results.json
    python bench/run.py --quick --out /tmp/quick.json     # a few seconds

Every mechanism moves the same payload (a bytes object of 64 B, 4 KiB or
1 MiB) from one producer to one consumer, and is timed two ways:

* throughput: the producer sends N messages as fast as it can; the clock
  runs from the first send until the consumer reports that it holds the
  last one;
* latency: the producer sends one message, the consumer sends it back, the
  producer receives it; every round trip is one sample.

Beside each mechanism, the same run measures its *limit*: the cheapest way
to do the same job (a raw os.pipe moving the same bytes, a plain memcpy, a
plain TCP socket, a deque with a Condition). Ratios are taken against the
limit from the same run, on the same machine, minutes apart.

Process start-up, imports, connecting and attaching happen before the clock
starts. Blocking calls inside the timed loops have no timeout (a timeout
changes the code path of some mechanisms, e.g. multiprocessing.Queue.get);
instead every process arms a watchdog (faulthandler.dump_traceback_later)
that ends it if a measurement runs past its budget, so a run never hangs.

The program is split so that a new mechanism is one class:

* mechanisms.py: the mechanisms the guide teaches, one class each;
* limits.py: the limit of each family, one class each;
* runners.py: how a mechanism of each kind runs (threads, tasks, child
  processes, a second interpreter, an executor) and the catalogue;
* timing.py: the timing loop, the interleaving of rounds, the statistics;
* run.py (this file): the command line, the machine record, the run.

Plain Python: the standard library, plus the redis client for the Redis row.
POSIX only (the raw pipe and socket limits use file descriptors directly).
The interpreter rows need Python 3.14+; on an older Python they are
recorded as "not measured" with the reason.
"""
import argparse
import contextlib
import datetime
import json
import multiprocessing
import os
import platform
import sys
import time
from pathlib import Path

import timing
from runners import catalog
from timing import METRICS, SIZES, human_size  # noqa: F401  (human_size: plot.py imports it from here)

SCHEMA = 2
# The order of the groups on the pages and in the data.
GROUP_ORDER = ["threads", "coroutines", "interpreters", "processes", "shared memory", "broker"]


def table_order():
    """Every mechanism: by group, limits first, then in the order they are defined."""
    mechs = list(catalog().values())
    index = {m.id: i for i, m in enumerate(mechs)}
    return sorted(mechs, key=lambda m: (GROUP_ORDER.index(m.group), m.limit is not None, index[m.id]))


def loadavg():
    try:
        return list(os.getloadavg())
    except OSError:
        return None


def machine_info(start_method):
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "python_build": " ".join(platform.python_build()),
        "gil": gil,
        "start_method": start_method,
        "loadavg_before": loadavg(),
        "loadavg_during": [],
    }


def find_redis(stack):
    """Return (url, how, None) or (None, None, reason)."""
    try:
        import redis  # noqa: F401
    except ImportError as exc:
        return None, None, "the redis client is not installed (%s)" % exc
    url = os.environ.get("REDIS_URL")
    if url:
        return url, "REDIS_URL", None
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    try:
        from redis_service import running_redis
    except ImportError as exc:
        return None, None, "REDIS_URL is not set and tests/redis_service.py is missing (%s)" % exc
    try:
        url = stack.enter_context(running_redis())
    except Exception as exc:  # RedisUnavailable, or anything else on start-up
        return None, None, "REDIS_URL is not set and no redis-server could be started: %s" % (
            str(exc).splitlines()[0]
        )
    return url, "a throwaway redis-server started by tests/redis_service.py", None


def redis_version(url):
    import redis

    client = redis.Redis.from_url(url)
    try:
        return client.info("server").get("redis_version")
    finally:
        client.close()


def run(args):
    settings = {
        "quick": args.quick,
        "rounds": 1 if args.quick else args.rounds,
        "round_seconds": args.round_seconds,
        "min_messages": 20,
        "max_messages": 1000000,
        "quick_messages": 50,
        "sizes": list(SIZES),
        "start_method": args.start_method,
    }
    mechs = catalog()
    wanted = [m.id for m in table_order()]
    if args.only:
        chosen = set(args.only.split(","))
        unknown = chosen - set(wanted)
        if unknown:
            raise SystemExit("unknown mechanism(s): %s" % ", ".join(sorted(unknown)))
        chosen |= {mechs[m].limit for m in chosen if mechs[m].limit}  # keep the limits
        wanted = [m for m in wanted if m in chosen]
    ctx = multiprocessing.get_context(args.start_method)
    started = time.time()
    data = {
        "schema": SCHEMA,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine_info(args.start_method),
        "settings": settings,
        "mechanisms": [],
        "results": [],
    }
    with contextlib.ExitStack() as stack:
        env = {"redis_url": None}
        if "redis_list" in wanted:
            url, how, reason = find_redis(stack)
            mechs["redis_list"].no_server = reason
            if reason:
                print("\n" + "!" * 72 + "\nREDIS NOT MEASURED: " + reason + "\n" + "!" * 72,
                      file=sys.stderr, flush=True)
            else:
                env["redis_url"] = url
                data["machine"]["redis"] = {"server": how, "version": redis_version(url)}
        measured = []
        for mech_id in wanted:
            m = mechs[mech_id]
            reason = m.unavailable()
            data["mechanisms"].append({
                "id": m.id, "label": m.label, "group": m.group, "limit": m.limit, "where": m.where,
                "how": m.how, "status": "not measured" if reason else "measured", "reason": reason})
            if reason:
                print("%s NOT MEASURED: %s" % (m.label, reason), file=sys.stderr, flush=True)
            else:
                measured.append(mech_id)
        # A family is a limit and every mechanism measured against it: their
        # rounds are interleaved, whatever group the pages show them in.
        families = {}
        for mech_id in measured:
            families.setdefault(mechs[mech_id].limit or mech_id, []).append(mech_id)
        rows = {}
        for limit, members in families.items():
            opened = {}
            try:
                for mech_id in members:
                    opened[mech_id] = mechs[mech_id].open(ctx, env)
                runners = {m: o.round for m, o in opened.items()}
                print("%s and what is measured against it:" % mechs[limit].label, flush=True)
                data["machine"]["loadavg_during"].append(loadavg())
                for size in SIZES:
                    for metric in METRICS:
                        for mech_id, summary in timing.measure_family(runners, metric, size, settings).items():
                            rows.setdefault((mech_id, size), {"mechanism": mech_id, "size": size})[metric] = summary
                    for mech_id in members:
                        row = rows[(mech_id, size)]
                        print("  %-28s %7s: %11.0f msg/s %9.1f us" % (
                            mechs[mech_id].label, human_size(size), row["throughput"]["msgs_per_s"]["median"],
                            row["latency"]["median_us"]), flush=True)
            finally:
                for o in reversed(list(opened.values())):
                    o.close()
        for mech_id in wanted:
            for size in SIZES:
                if (mech_id, size) in rows:
                    data["results"].append(rows[(mech_id, size)])
    add_ratios(data)
    data["machine"]["loadavg_after"] = loadavg()
    data["machine"]["run_seconds"] = round(time.time() - started, 1)
    return data


def add_ratios(data):
    """Put each row beside its limit from the same run."""
    limits = {m["id"]: m["limit"] for m in data["mechanisms"]}
    by_key = {(r["mechanism"], r["size"]): r for r in data["results"]}
    for row in data["results"]:
        limit = limits[row["mechanism"]]
        lim = by_key.get((limit, row["size"])) if limit else None
        if lim is None:
            row["limit"] = None
            continue
        row["limit"] = limit
        row["throughput"]["fraction_of_limit"] = (
            row["throughput"]["msgs_per_s"]["median"] / lim["throughput"]["msgs_per_s"]["median"]
        )
        row["latency"]["times_limit"] = row["latency"]["median_us"] / lim["latency"]["median_us"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="where to write the JSON results")
    parser.add_argument("--quick", action="store_true",
                        help="a tiny run (few messages, one round) that only proves it works")
    parser.add_argument("--rounds", type=int, default=9, help="timed rounds per measurement (default 9)")
    parser.add_argument("--round-seconds", type=float, default=0.2,
                        help="target length of one round (default 0.2)")
    parser.add_argument("--start-method", default="spawn", choices=multiprocessing.get_all_start_methods(),
                        help="how child processes start (default spawn; never inside the clock)")
    parser.add_argument("--only", help="comma-separated mechanism ids (their limits are added)")
    parser.add_argument("--slim", action="store_true",
                        help="keep only the key numbers (drop per-round timings): a run kept to compare with")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    data = run(args)
    if args.slim:
        for row in data["results"]:
            row["throughput"].pop("seconds_per_round", None)
            row["latency"].pop("round_median_us", None)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
    tmp.replace(out)
    print("wrote %s (%.0f s)" % (out, data["machine"]["run_seconds"]))


if __name__ == "__main__":
    main()
