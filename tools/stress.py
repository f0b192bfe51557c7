"""Run every example many times with every core busy; fail on any run that differs.

    python tools/stress.py                 # 20 rounds (what `make stress` does)
    python tools/stress.py --runs 3        # what CI runs (`make check`)
    python tools/stress.py -k pipe --runs 50

A race that shows once in fifty runs on an idle laptop shows far more often
on a loaded machine, so while the examples run, CPU burners (one busy-loop
process per core, started here and always stopped here) compete with them.
Schedules are shaken harder still: half the runs switch threads every few
microseconds (sys.setswitchinterval through the start-up hook), and the
processes of the running examples are moved between CPUs at random
(sched_setaffinity) every tenth of a second. Each run also gets what a
reader may have and the tests do not vary: a random PYTHONHASHSEED, another
time zone (TZ), and in a third of the runs the C locale without UTF-8 mode
(where the OS has no other non-UTF-8 locale). An example whose output
depends on one of these declares it under [depends_on] in its .toml, and
that one is left alone. A failing run names what it was given.

Each round runs every example once, under one start method: round r gives
example i the method (r + i) mod 3, so every method is exercised for every
example within three rounds, at a third of the cost of all three each round
(``--all-methods`` runs all three every round). Examples run two at a time
(``--jobs``); an orphan that escaped its session is then blamed on the run
that finds it, which may be the other one. A run fails exactly as in the test suite (runner.run_example:
output differs from the .out or breaks the declared pattern, stderr, exit
code, timeout, leftover process, leaked shared memory). For each failing
example the report lists every distinct output it saw, with counts.

Examples that need Redis use REDIS_URL if set, otherwise one throwaway
server for the whole run (tests/redis_service.py). If no server can be had,
or an example needs a newer Python, it is skipped and the skip is printed.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import multiprocessing  # noqa: E402

from catalog import ROOT, examples  # noqa: E402
from interpreters import discover  # noqa: E402
import runner  # noqa: E402
from runner import Run, python_version, run_example  # noqa: E402

_BURN = "while True: pass"


@contextmanager
def cpu_burners(count: int):
    """``count`` busy-loop processes for the duration of the block, then none."""
    procs: list[subprocess.Popen] = []
    kw = {"start_new_session": True} if os.name == "posix" else {}
    try:
        for _ in range(count):
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-c", _BURN],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw,
                )
            )
        yield procs
    finally:
        for p in procs:
            p.kill()
        for p in procs:
            p.wait(timeout=30)


# Time zones with odd offsets (a half hour, three quarters, the date line),
# and UTC, which the tests use.
TIME_ZONES = ("UTC", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham", "Pacific/Kiritimati", "America/Los_Angeles")
SWITCH_INTERVAL = "0.000005"  # seconds; the default is 0.005


def variation_for(ex, rng: random.Random) -> dict:
    """The environment one stress run of ``ex`` gets on top of the clean one."""
    fixed = ex.depends_on
    v: dict = {}
    if "hash_seed" not in fixed:
        v["PYTHONHASHSEED"] = str(rng.randrange(1, 2**32))
    if "timezone" not in fixed:
        v["TZ"] = rng.choice(TIME_ZONES)
    if "locale" not in fixed and rng.random() < 1 / 3:
        # The C locale, with UTF-8 mode off and no PYTHONIOENCODING: stdout is ASCII.
        v.update(LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONIOENCODING=None)
    if rng.random() < 0.5:
        v["EXAMPLE_SWITCH_INTERVAL"] = SWITCH_INTERVAL
    return v


@contextmanager
def affinity_shaker(period: float = 0.1, seed: int = 0):
    """Move every process of the running examples to a random set of CPUs, every ``period`` s."""
    if not hasattr(os, "sched_setaffinity"):
        yield
        return
    cpus = sorted(os.sched_getaffinity(0))
    rng = random.Random(seed)
    stop = threading.Event()

    def shake():
        while not stop.wait(period):
            with runner._RUNS_LOCK:
                sessions = set(runner._RUNNING)
            if not sessions:
                continue
            for pid, (_, _, session) in runner._snapshot().items():
                if session in sessions:
                    chosen = rng.sample(cpus, rng.randint(1, len(cpus)))
                    try:
                        os.sched_setaffinity(pid, chosen)
                    except OSError:
                        pass

    t = threading.Thread(target=shake, daemon=True)
    t.start()
    try:
        yield
    finally:
        stop.set()
        t.join()


def _redis_env(stack: ExitStack) -> tuple[dict[str, str], str | None]:
    """(extra env, None) when a Redis server is available, else ({}, why not)."""
    if os.environ.get("REDIS_URL"):
        return {"REDIS_URL": os.environ["REDIS_URL"]}, None
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from redis_service import running_redis
    except ImportError as exc:
        return {}, f"tests/redis_service.py is not usable ({exc}) and REDIS_URL is not set"
    try:
        url = stack.enter_context(running_redis())
    except Exception as exc:  # RedisUnavailable, with how to get one
        return {}, f"no Redis server could be started: {exc}"
    return {"REDIS_URL": url}, None


def _summarise(name: str, runs: list[Run]) -> str:
    """Every distinct output with counts, and the problems of each failing kind."""
    lines = [f"FAIL {name}: {sum(1 for r in runs if r.problems())} of {len(runs)} runs failed"]
    by_output: dict[str, list[Run]] = defaultdict(list)
    for r in runs:
        by_output[r.stdout].append(r)
    for i, (out, group) in enumerate(sorted(by_output.items(), key=lambda kv: -len(kv[1])), 1):
        methods = Counter(r.start_method or "own" for r in group)
        ok = sum(1 for r in group if not r.problems())
        lines.append(
            f"  output #{i}: {len(group)} runs ({ok} passed; "
            + ", ".join(f"{m} x{n}" for m, n in sorted(methods.items())) + "):"
        )
        lines.extend("    | " + line for line in (out or "(nothing)\n").splitlines())
    seen = set()
    for r in runs:
        for problem in r.problems():
            key = problem.split("\n", 1)[0]
            if key not in seen:
                seen.add(key)
                lines.append("  " + problem.replace("\n", "\n    "))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="rounds: each example runs this many times (default 20)")
    parser.add_argument("-k", dest="select", default="", help="only examples whose name contains this")
    parser.add_argument(
        "--python", default=None,
        help="interpreter to run them with (default: this one, or the newest CPython found "
        "for an example that needs a newer Python)",
    )
    parser.add_argument("--burners", type=int, default=os.cpu_count() or 2, help="busy-loop processes (default: one per core)")
    parser.add_argument("--jobs", type=int, default=2, help="examples run at the same time (default 2)")
    parser.add_argument("--all-methods", action="store_true", help="every start method every round, not one in rotation")
    parser.add_argument("--seed", type=int, default=None, help="seed for the variations (default: random, printed)")
    args = parser.parse_args(argv)

    default = args.python or sys.executable
    newest = None
    available = set(multiprocessing.get_all_start_methods())
    chosen = [ex for ex in examples() if args.select in ex.name]
    skipped: list[str] = []
    runnable = []
    python_for: dict[str, str] = {}
    for ex in chosen:
        python = default
        if ex.requires_python and python_version(python) < ex.requires_python and not args.python:
            newest = newest or (discover() or [None])[-1]
            if newest and newest.version >= ex.requires_python:
                python = newest.executable
        version = python_version(python)
        if ex.requires_python and version < ex.requires_python:
            skipped.append(f"{ex.name}: needs Python {'.'.join(map(str, ex.requires_python))}+, none found")
        elif not ex.out_path_for(version).exists() and ex.output_pattern is None:
            skipped.append(f"{ex.name}: no {ex.out_path_for(version).name} yet (`make outputs`)")
        else:
            runnable.append(ex)
            python_for[ex.name] = python

    failures: dict[str, list[Run]] = {}
    runs_by_example: dict[str, list[Run]] = defaultdict(list)
    lock = threading.Lock()
    started = time.monotonic()
    with ExitStack() as stack:
        env: dict[str, str] = {}
        if any("redis" in ex.needs for ex in runnable):
            env, why_not = _redis_env(stack)
            if why_not:
                for ex in [e for e in runnable if "redis" in e.needs]:
                    skipped.append(f"{ex.name}: {why_not.splitlines()[0]}")
                    runnable.remove(ex)
        for ex in [e for e in runnable if e.needs]:
            if python_for[ex.name] != sys.executable:
                skipped.append(f"{ex.name}: its client library is installed only for {sys.executable}")
                runnable.remove(ex)
        others = sorted({python_version(python_for[e.name]) for e in runnable} - {python_version(default)})

        seed = args.seed if args.seed is not None else random.randrange(2**32)
        rng = random.Random(seed)
        jobs = []
        for rnd in range(args.runs):
            for i, ex in enumerate(runnable):
                methods = [m for m in ex.start_methods if m is None or m in available]
                if not args.all_methods:
                    methods = [methods[(rnd + i) % len(methods)]]
                jobs.extend((rnd, ex, m, variation_for(ex, rng)) for m in methods)
        version = python_version(default)
        also = "".join(f", Python {v[0]}.{v[1]} for the examples that need it" for v in others)
        print(
            f"stress: {len(runnable)} examples x {args.runs} rounds = {len(jobs)} runs with "
            f"{default} (Python {version[0]}.{version[1]}{also}), {args.burners} CPU burners, "
            f"{args.jobs} at a time, start methods {'all each round' if args.all_methods else 'rotating'}; "
            f"hash seeds, time zones, locale and switch interval varied (--seed {seed})",
            flush=True,
        )
        for line in skipped:
            print(f"SKIPPED {line}", flush=True)

        done_rounds: Counter = Counter()
        per_round = len(jobs) // max(args.runs, 1)

        def one(job):
            rnd, ex, method, variation = job
            # Stdout on a terminal in odd rounds, a pipe in even ones: both must print the .out.
            run = run_example(ex, python_for[ex.name], method, extra_env=env if ex.needs else None,
                              tty=bool(rnd % 2) and not ex.terminal_reason, variation=variation)
            with lock:
                runs_by_example[ex.name].append(run)
                if run.problems():
                    failures.setdefault(ex.name, [])
                    print(f"  x {ex.name} [{method or 'own'}] round {rnd + 1}", flush=True)
                done_rounds[rnd] += 1
                if done_rounds[rnd] == per_round:
                    print(f"round {rnd + 1}/{args.runs} done at {time.monotonic() - started:.0f}s", flush=True)

        with cpu_burners(args.burners), affinity_shaker(seed=seed), \
                ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
            list(pool.map(one, jobs))

    total = sum(len(r) for r in runs_by_example.values())
    failed_runs = sum(1 for runs in runs_by_example.values() for r in runs if r.problems())
    print()
    for name in sorted(failures):
        print(_summarise(name, runs_by_example[name]))
        print()
    rate = failed_runs / total if total else 0.0
    print(
        f"stress: {failed_runs} failed runs of {total} ({rate:.2%}) in {len(failures)} of "
        f"{len(runs_by_example)} examples; {len(skipped)} skipped; {time.monotonic() - started:.0f}s"
    )
    noted = Counter(name for name, runs in runs_by_example.items() for r in runs if r.notes)
    if noted:
        print(
            "stderr notes set aside (asyncio slow steps under load, 3.15's linecache warning; not failures): "
            + ", ".join(f"{name} x{n}" for name, n in sorted(noted.items()))
        )
    if skipped:
        print("skipped (not run, see above): " + ", ".join(s.split(":")[0] for s in skipped))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
