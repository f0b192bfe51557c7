"""Run examples as the test harness does; with --write, record their output.

    python tools/run_example.py examples/queues/fifo_order.py   # check one
    python tools/run_example.py --write examples/queues/*.py      # rewrite .out files
    python tools/run_example.py --all --write                     # what `make outputs` does

An output is written only from clean runs: exit code 0, nothing on stderr,
no process left behind, and the same stdout under every start method. An
example that needs a newer Python (requires_python) runs on the oldest
interpreter on this machine that is new enough; an output declared for
newer Pythons only (output_from) is written to its own file.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog import ROOT, Example, examples  # noqa: E402
from interpreters import discover, probe  # noqa: E402
from runner import run_example  # noqa: E402


def _interpreter_for(ex: Example, default, found: list):
    """The interpreter to run ``ex`` with: the chosen one, unless the example
    needs a newer Python; then the oldest one on this machine that is new enough."""
    needed = ex.requires_python
    if not needed or default.version >= needed:
        return default
    if not found:
        found.extend(discover())
    for interp in found:
        if interp.version >= needed:
            return interp
    return None


def _services(needed: set[str]):
    """Start what the chosen examples need; returns (extra env, context managers to close)."""
    env, stack = {}, []
    if "redis" in needed:
        if os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = os.environ["REDIS_URL"]
        else:
            sys.path.insert(0, str(ROOT / "tests"))
            from redis_service import running_redis

            cm = running_redis()
            env["REDIS_URL"] = cm.__enter__()
            stack.append(cm)
    return env, stack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="example .py files")
    parser.add_argument("--all", action="store_true", help="every example under examples/")
    parser.add_argument("--write", action="store_true", help="write each .out from a clean run")
    parser.add_argument("--python", default=sys.executable, help="interpreter to run them with")
    args = parser.parse_args(argv)

    if args.all:
        chosen = examples()
    else:
        chosen = [Example(p.resolve()) for p in args.paths]
    if not chosen:
        parser.error("name example files, or --all")

    default = probe(args.python)
    if default is None:
        parser.error(f"--python {args.python!r} is not a working CPython")
    found: list = []
    failures = 0
    env, stack = _services({s for ex in chosen for s in ex.needs})
    try:
        for ex in chosen:
            interp = _interpreter_for(ex, default, found)
            if interp is None:
                failures += 1
                needed = ".".join(map(str, ex.requires_python))
                print(f"FAIL {ex.name}: needs Python {needed}+, and none is on this machine", file=sys.stderr)
                continue
            runs = [run_example(ex, interp.executable, m, extra_env=env) for m in ex.start_methods]
            broken = [r for r in runs if r.timed_out or r.returncode != 0 or r.stderr or r.leftovers]
            outputs = {r.stdout for r in runs}
            label = ex.name
            if broken:
                failures += 1
                for r in broken:
                    print(f"FAIL {label}:", *r.problems(), sep="\n  ", file=sys.stderr)
                continue
            if len(outputs) > 1:
                failures += 1
                print(f"FAIL {label}: the start methods printed different output:", file=sys.stderr)
                for r in runs:
                    print(f"--- {r.start_method}:\n{r.stdout}", file=sys.stderr)
                continue
            if args.write:
                if ex.output_pattern is not None and ex.out_path.exists():
                    # Output varies by design: the page keeps the real run it shows,
                    # as long as a new run still matches the declared pattern.
                    problems = runs[0].output_problems()
                    if problems:
                        failures += 1
                        print(f"FAIL {label}:", *problems, sep="\n", file=sys.stderr)
                    else:
                        print(f"kept  {label} (its output varies; this run matched the pattern)")
                    continue
                target = ex.out_path_for(interp.version)
                if target.exists() and target.read_text(encoding="utf-8") == runs[0].stdout:
                    print(f"same  {label} ({interp.label})")
                else:
                    target.write_text(runs[0].stdout, encoding="utf-8")
                    print(f"wrote {target.relative_to(ROOT)} ({interp.label})")
                continue
            problems = [p for r in runs for p in r.output_problems()]
            if problems:
                failures += 1
                print(f"FAIL {label}:", *problems, sep="\n", file=sys.stderr)
            else:
                methods = ", ".join(m or "own" for m in ex.start_methods)
                print(f"ok    {label} [{methods}] {max(r.seconds for r in runs):.2f}s")
    finally:
        for cm in stack:
            cm.__exit__(None, None, None)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
