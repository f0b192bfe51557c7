"""Run examples as the test harness does; with --write, record their output.

    python tools/run_example.py examples/queues/fifo_order.py   # check one
    python tools/run_example.py --write examples/queues/*.py      # rewrite .out files
    python tools/run_example.py --all --write                     # what `make outputs` does

Each example is judged exactly as the tests judge it (runner.check_example):
once with stdout on a terminal, then through a pipe under every start method
when the start-up hook saw it start a process. An output is written only
when the judge finds nothing wrong but the output itself: exit code 0,
nothing on stderr, nothing left behind, no undeclared child failure, and the
same stdout on a terminal, a pipe and under every start method. An
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

from catalog import ROOT, Example, example_at, examples, shown_output_problems  # noqa: E402
from interpreters import discover, probe  # noqa: E402
from runner import check_example, read_output, write_output  # noqa: E402


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
        chosen = [example_at(p) for p in args.paths]
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
            runs, problems = check_example(ex, interp.executable, extra_env=env if ex.needs else None,
                                           compare_output=not args.write)
            label = ex.name
            if problems:
                failures += 1
                print(f"FAIL {label}:", *problems, sep="\n  ", file=sys.stderr)
                continue
            if args.write:
                pipe = [r for r in runs if not r.tty][0]
                targets = [(ex.out_path_for(interp.version), pipe.stdout)]
                if ex.terminal_reason:
                    targets.append((ex.tty_out_path, [r for r in runs if r.tty][0].stdout))
                for target, text in targets:
                    if ex.output_pattern is not None and target.exists():
                        # Output varies by design: the page keeps the real run it shows,
                        # as long as a new run still matches the declared pattern.
                        kept = shown_output_problems(ex)
                        if kept:
                            failures += 1
                            print(f"FAIL {label}:", *kept, sep="\n", file=sys.stderr)
                        else:
                            print(f"kept  {label} (its output varies; this run matched the pattern)")
                    elif target.exists() and read_output(target) == text:
                        print(f"same  {target.name} ({interp.label})")
                    else:
                        write_output(target, text)
                        print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} ({interp.label})")
                continue
            methods = ", ".join(sorted({r.start_method or "default" for r in runs}))
            print(f"ok    {label} [{methods}; terminal and pipe] {max(r.seconds for r in runs):.2f}s")
    finally:
        for cm in stack:
            cm.__exit__(None, None, None)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
