"""What the project holds: its examples, what each declares, which pages show them.

Shared by the test suite, the Sphinx extension and the command-line tools,
so that every one of them agrees on what an example is.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the tools run on the project's .venv (3.11+)
    tomllib = None

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DOCS = ROOT / "docs"

START_METHODS = ("fork", "spawn", "forkserver")
DEFAULT_TIMEOUT = 30.0

_KNOWN_KEYS = {
    "requires_python", "own_start_method", "timeout", "needs", "output", "output_from",
    "terminal_output", "child_failures", "sleep", "depends_on", "free_threaded", "platforms",
}
_KNOWN_PLATFORMS = {"linux", "darwin", "win32"}
# Keys whose value is the reason itself: a non-empty string saying why.
_REASON_KEYS = ("terminal_output", "child_failures", "sleep")
# What make stress varies, and an example may declare its output depends on.
ENVIRONMENT_ASPECTS = {
    "locale": "the locale (make stress also runs under LC_ALL=C without UTF-8 mode)",
    "timezone": "the time zone (make stress sets TZ to others than UTC)",
    "hash_seed": "the hash seed (make stress sets PYTHONHASHSEED at random)",
}
_KNOWN_SERVICES = {"redis"}

# ```{example} queues/fifo_order.py   (MyST fence, three or more backticks or colons)
_DIRECTIVE = re.compile(r"^\s*(`{3,}|:{3,})\{example\}\s+(\S+)\s*$", re.MULTILINE)
# The directive's options, one per line right after it: ":pyobject: worker".
_OPTION = re.compile(r"^\s*:([a-z-]+):\s*(.*?)\s*$")

# A version-specific output: fifo_order.py3.13.out is what fifo_order.py prints
# on Python 3.13 and later (declared in fifo_order.toml under [output_from]).
_VERSIONED_OUT = re.compile(r"^(?P<stem>.+)\.py(?P<major>\d+)\.(?P<minor>\d+)\.out$")


class CatalogError(ValueError):
    """An example's declaration is malformed."""


def _version(spec) -> tuple[int, int]:
    major, minor = (int(p) for p in str(spec).split(".")[:2])
    return (major, minor)


@dataclass(frozen=True)
class Example:
    path: Path
    # The tree it belongs to; the tests of the harness use a fixture tree.
    root: Path = EXAMPLES
    docs: Path = DOCS

    @property
    def name(self) -> str:
        """The path below examples/, e.g. ``queues/fifo_order.py``."""
        return self.path.relative_to(self.root).as_posix()

    @property
    def out_path(self) -> Path:
        return self.path.with_suffix(".out")

    @property
    def meta_path(self) -> Path:
        return self.path.with_suffix(".toml")

    @property
    def meta(self) -> dict:
        return load_meta(self.meta_path)

    @property
    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def imports_process_tools(self) -> bool:
        """Whether the source imports multiprocessing or names ProcessPoolExecutor
        (read from its syntax tree, whatever the import looks like). Only what the
        page says about start methods comes from this; the harness decides what
        to run from what the start-up hook saw, and the tests check the two agree."""
        import ast

        for node in ast.walk(ast.parse(self.source)):
            if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "multiprocessing" for a in node.names):
                return True
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "multiprocessing":
                return True
            if isinstance(node, (ast.Name, ast.Attribute, ast.alias)):
                name = getattr(node, "id", None) or getattr(node, "attr", None) or getattr(node, "name", None)
                if name == "ProcessPoolExecutor":
                    return True
        return False

    @property
    def start_methods(self) -> tuple[str | None, ...]:
        """The start methods the harness may force, or (None,) for "leave it alone".
        Whether the example starts processes at all is found at run time (the
        start-up hook logs it), not from the source."""
        if not self.meta.get("own_start_method", False):
            return START_METHODS
        return (None,)

    def child_failures_reason(self, version: tuple[int, int] | None) -> str | None:
        """Why a child fails on purpose on ``version`` (child_failures), or None.
        A table {"3.14" = "why"} declares a crash that happens from that version on."""
        value = self.meta.get("child_failures")
        if not isinstance(value, dict):
            return value
        since = [_version(v) for v in value if version is None or tuple(version[:2]) >= _version(v)]
        return value["%d.%d" % max(since)] if since else None

    @property
    def terminal_reason(self) -> str | None:
        """Why the output on a terminal differs (terminal_output), or None."""
        return self.meta.get("terminal_output")

    @property
    def tty_out_path(self) -> Path:
        """What a terminal shows, when terminal_output is declared: name.tty.out."""
        return self.path.with_name(f"{self.path.stem}.tty.out")

    @property
    def depends_on(self) -> dict[str, str]:
        """Aspects of the environment its output depends on, with the reason."""
        return dict(self.meta.get("depends_on", {}))

    @property
    def requires_python(self) -> tuple[int, int] | None:
        spec = self.meta.get("requires_python")
        if spec is None:
            return None
        return _version(spec)

    @property
    def platforms(self) -> tuple[str, ...] | None:
        """The sys.platform values the example runs on, or None for all."""
        names = self.meta.get("platforms")
        return tuple(names) if names is not None else None

    @property
    def output_versions(self) -> dict[tuple[int, int], str]:
        """Declared version-specific outputs: {(3, 13): reason}, from [output_from]."""
        return {_version(v): str(reason) for v, reason in self.meta.get("output_from", {}).items()}

    def versioned_out_path(self, version: tuple[int, int]) -> Path:
        """The file for the output from ``version`` on: name.py3.13.out."""
        return self.path.with_name(f"{self.path.stem}.py{version[0]}.{version[1]}.out")

    def out_path_for(self, version: tuple[int, int] | None) -> Path:
        """What this example prints on ``version``: the newest declared output
        for a Python at or below it, else the plain .out (which the page shows)."""
        if version is not None:
            for since in sorted(self.output_versions, reverse=True):
                if tuple(version[:2]) >= since:
                    return self.versioned_out_path(since)
        return self.out_path

    @property
    def timeout(self) -> float:
        return float(self.meta.get("timeout", DEFAULT_TIMEOUT))

    @property
    def needs(self) -> tuple[str, ...]:
        return tuple(self.meta.get("needs", ()))

    @property
    def output_pattern(self) -> re.Pattern | None:
        out = self.meta.get("output")
        if not out:
            return None
        return re.compile(out["pattern"], re.MULTILINE)

    @property
    def output_reason(self) -> str | None:
        out = self.meta.get("output")
        return out.get("reason") if out else None

    @property
    def free_threaded_pattern(self) -> re.Pattern | None:
        """What stdout must match on a free-threaded build, instead of the .out."""
        ft = self.meta.get("free_threaded")
        return re.compile(ft["pattern"], re.MULTILINE) if ft else None

    @property
    def free_threaded_reason(self) -> str | None:
        ft = self.meta.get("free_threaded")
        return ft.get("reason") if ft else None


@lru_cache(maxsize=None)
def _load_meta_cached(path: str, mtime: float) -> dict:
    if tomllib is None:
        raise CatalogError("reading example metadata needs Python 3.11+")
    with open(path, "rb") as f:
        meta = tomllib.load(f)
    unknown = set(meta) - _KNOWN_KEYS
    if unknown:
        raise CatalogError(f"{path}: unknown keys {sorted(unknown)}; known: {sorted(_KNOWN_KEYS)}")
    out = meta.get("output")
    if out is not None:
        if set(out) != {"pattern", "reason"} or not str(out["reason"]).strip():
            raise CatalogError(f"{path}: [output] needs exactly 'pattern' and a non-empty 'reason'")
        re.compile(out["pattern"], re.MULTILINE)
    ft = meta.get("free_threaded")
    if ft is not None:
        if not isinstance(ft, dict) or set(ft) != {"pattern", "reason"} or not str(ft["reason"]).strip():
            raise CatalogError(f"{path}: [free_threaded] needs exactly 'pattern' and a non-empty 'reason'")
        re.compile(ft["pattern"], re.MULTILINE)
    since = meta.get("output_from")
    if since is not None:
        if not isinstance(since, dict) or not since:
            raise CatalogError(f"{path}: [output_from] maps a version to its reason, e.g. \"3.13\" = \"why\"")
        for version, reason in since.items():
            if not re.fullmatch(r"3\.\d+", version) or not str(reason).strip():
                raise CatalogError(f"{path}: [output_from] {version!r} needs a 3.N key and a non-empty reason")
        if out is not None:
            raise CatalogError(f"{path}: use either [output] (a pattern) or [output_from] (files), not both")
    platforms = meta.get("platforms")
    if platforms is not None and (
        not isinstance(platforms, list) or not platforms or set(platforms) - _KNOWN_PLATFORMS
    ):
        raise CatalogError(f"{path}: platforms is a non-empty list of {sorted(_KNOWN_PLATFORMS)}")
    for key in _REASON_KEYS:
        value = meta.get(key)
        if key == "child_failures" and isinstance(value, dict):
            # From a version on: {"3.14" = "why"} (the crash is new in that version).
            if not value or not all(re.fullmatch(r"3\.\d+", v) and str(r).strip() for v, r in value.items()):
                raise CatalogError(f"{path}: [child_failures] maps a version to its reason, e.g. \"3.14\" = \"why\"")
        elif key in meta and not (isinstance(value, str) and value.strip()):
            raise CatalogError(f"{path}: {key} is the reason itself, a non-empty string saying why")
    if "own_start_method" in meta and meta["own_start_method"] is not True:
        raise CatalogError(f"{path}: own_start_method is either true or left out")
    deps = meta.get("depends_on")
    if deps is not None:
        if not isinstance(deps, dict) or not deps:
            raise CatalogError(f"{path}: [depends_on] maps an aspect to its reason, e.g. timezone = \"why\"")
        for aspect, reason in deps.items():
            if aspect not in ENVIRONMENT_ASPECTS or not str(reason).strip():
                raise CatalogError(
                    f"{path}: [depends_on] {aspect!r} needs one of {sorted(ENVIRONMENT_ASPECTS)} and a non-empty reason"
                )
    bad = set(meta.get("needs", ())) - _KNOWN_SERVICES
    if bad:
        raise CatalogError(f"{path}: unknown services {sorted(bad)}; known: {sorted(_KNOWN_SERVICES)}")
    return meta


def load_meta(path: Path) -> dict:
    if not path.exists():
        return {}
    return _load_meta_cached(str(path), path.stat().st_mtime)


def examples(root: Path = EXAMPLES, docs: Path = DOCS) -> list[Example]:
    """Every example program, found by walking the tree (no hand-kept list)."""
    return [
        Example(p, root, docs)
        for p in sorted(root.rglob("*.py"))
        if "__pycache__" not in p.parts and not p.name.startswith("_")
    ]


def stray_files(root: Path = EXAMPLES) -> list[Path]:
    """.out and .toml files with no example beside them, and version-specific
    outputs (name.py3.13.out) that the example's .toml does not declare."""
    strays = []
    for p in sorted(root.rglob("*")):
        if p.suffix not in (".out", ".toml"):
            continue
        versioned = _VERSIONED_OUT.match(p.name)
        if p.name.endswith(".tty.out"):
            ex = Example(p.with_name(p.name[: -len(".tty.out")] + ".py"), root)
            if not ex.path.exists() or not ex.terminal_reason:
                strays.append(p)
        elif versioned:
            ex = Example(p.with_name(versioned["stem"] + ".py"), root)
            since = (int(versioned["major"]), int(versioned["minor"]))
            if not ex.path.exists() or since not in ex.output_versions:
                strays.append(p)
        elif not p.with_suffix(".py").exists():
            strays.append(p)
    return strays


def missing_versioned_outputs(root: Path = EXAMPLES) -> list[Path]:
    """Version-specific outputs a .toml declares but nobody has written."""
    return [
        ex.versioned_out_path(v)
        for ex in examples(root)
        for v in ex.output_versions
        if not ex.versioned_out_path(v).exists()
    ]


@dataclass(frozen=True)
class Showing:
    """One ``example`` directive on one page."""
    page: str  # docs-relative, e.g. queues/fifo.md
    name: str  # below examples/
    options: dict

    @property
    def full(self) -> bool:
        """The whole file, not a region of it."""
        return not {"pyobject", "start-after", "end-before"} & set(self.options)


# A fence opens a block: ``` or ~~~ (code, or a directive), or ::: (a directive).
_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>.*?)\s*$")
# Directives whose body is literal text, not Markdown: an example directive
# written inside one (as CONTRIBUTING.md shows how to write one) is not real.
_LITERAL_DIRECTIVES = {"code-block", "code", "sourcecode", "literalinclude", "mermaid", "math", "raw", "example"}


def _fenced_blocks(lines: list[str]):
    """Yield (line index, info string, body lines) of every fenced block that the
    page's Markdown parser sees, skipping those inside literal blocks."""
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group("fence"), m.group("info")
        end = i + 1
        while end < len(lines):
            close = _FENCE.match(lines[end])
            if close and close.group("fence")[0] == fence[0] and len(close.group("fence")) >= len(fence) \
                    and not close.group("info"):
                break
            end += 1
        body = lines[i + 1 : end]
        yield i, info, body
        directive = re.match(r"\{([\w:-]+)\}", info)
        if directive and directive.group(1) not in _LITERAL_DIRECTIVES:
            # Its body is Markdown: blocks inside it are real too.
            for j, inner_info, inner_body in _fenced_blocks(body):
                yield i + 1 + j, inner_info, inner_body
        i = end + 1


def _pages(docs: Path):
    """(docs-relative name, lines) of every page's source, in order."""
    for page in sorted(docs.rglob("*.md")):
        if "_build" not in page.parts:
            yield page.relative_to(docs).as_posix(), page.read_text(encoding="utf-8").splitlines()


def showings(docs: Path = DOCS) -> list[Showing]:
    """Every example directive in the pages' source, in page order, with its options.
    A directive written inside a code block (shown, not run) is not one."""
    found = []
    for page, lines in _pages(docs):
        for i, info, body in _fenced_blocks(lines):
            match = _DIRECTIVE.match(lines[i])
            if not match:
                continue
            options = {}
            for opt_line in body:
                opt = _OPTION.match(opt_line)
                if not opt:
                    break
                value = opt.group(2)
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    value = value[1:-1]  # MyST strips the YAML-style quotes
                options[opt.group(1)] = value
            found.append(Showing(page, match.group(2), options))
    return found


# Python code written into a page by hand: nothing runs it, so the pages may
# not have it. Code comes from examples/ through the example directive.
_PYTHON_LANGS = {"python", "py", "python3", "pycon", "ipython", "ipython3", "py3"}


def handwritten_code(docs: Path = DOCS) -> list[str]:
    """Python (or pycon) blocks written into pages by hand, as "page:line: what"."""
    found = []
    for page, lines in _pages(docs):
        for i, info, body in _fenced_blocks(lines):
            words = info.split()
            if not words:
                continue
            lang = words[0]
            directive = re.fullmatch(r"\{([\w:-]+)\}", lang)
            if directive:
                if directive.group(1) not in ("code-block", "code", "sourcecode") or len(words) < 2:
                    continue
                lang = words[1]
            if lang.lower() in _PYTHON_LANGS:
                found.append(f"{page}:{i + 1}: a hand-written ```{lang} block")
        for n, line in enumerate(lines, 1):
            if re.match(r"^\s*\.\.\s+(code-block|code|sourcecode)::\s*(python|pycon|py)\b", line):
                found.append(f"{page}:{n}: a hand-written {line.strip()} block")
    return found


def pages_showing(docs: Path = DOCS) -> dict[str, list[str]]:
    """Map each example name to the pages (docs-relative) whose source shows it."""
    shown: dict[str, list[str]] = {}
    for s in showings(docs):
        shown.setdefault(s.name, []).append(s.page)
    return shown


def unshown_examples(root: Path = EXAMPLES, docs: Path = DOCS) -> list[str]:
    """Examples that no page shows, by name."""
    shown = pages_showing(docs)
    return [ex.name for ex in examples(root, docs) if ex.name not in shown]


def examples_without_output(root: Path = EXAMPLES) -> list[str]:
    """Examples with no .out beside them, by name."""
    return [ex.name for ex in examples(root) if not ex.out_path.exists()]


def page_urls(name: str, docs: Path = DOCS) -> list[str]:
    """Where a reader sees an example: the pages' paths in the built site."""
    return [p[: -len(".md")] + ".html" for p in pages_showing(docs).get(name, [])]


@dataclass
class Interpreter:
    executable: str
    version: tuple[int, int]

    @property
    def label(self) -> str:
        return f"py{self.version[0]}.{self.version[1]}"


def refusal(name: str, root: Path = EXAMPLES) -> str | None:
    """Why a page may not show ``name`` (a path below examples/), or None.
    The example directive calls it, so the build refuses what it names.

    What a page shows from examples/ must be produced by a run of the tests:
    so only an example the harness finds and runs (examples()) may be shown,
    never a helper file (``_name.py``), a file outside examples/ (``../``),
    or anything that is not a ``.py`` example; and an output declared to vary
    must still match its own pattern."""
    path = Path(name)
    if path.is_absolute() or ".." in path.parts:
        return f"{name!r} leaves examples/: a page shows only examples the tests run"
    try:
        (root / path).resolve().relative_to(root.resolve())
    except ValueError:
        return f"{name!r} resolves outside examples/: a page shows only examples the tests run"
    if any(part.startswith("_") for part in path.parts):
        return f"{name!r}: files whose name starts with _ are never run by the tests, so no page may show them"
    if path.suffix != ".py":
        return f"{name!r} is not an example program (.py); its output is shown under it automatically"
    if (root / path).is_file():
        problems = shown_output_problems(Example(root / path, root))
        if problems:
            return problems[0]
    return None


def shown_output_problems(ex: Example) -> list[str]:
    """What is wrong with the outputs the page shows, without running anything:
    a .out that breaks the example's own declared pattern."""
    found = []
    if ex.output_pattern is not None and ex.out_path.exists():
        text = ex.out_path.read_bytes().decode("utf-8")
        if not ex.output_pattern.fullmatch(text):
            found.append(
                f"{ex.name}: the page shows {ex.out_path.name}, which does not match the pattern declared "
                f"in {ex.meta_path.name} ({ex.output_pattern.pattern!r}). Write it from a real run: "
                f"`python tools/run_example.py --write examples/{ex.name}`."
            )
    return found


def unchecked_outputs(ex: Example, versions: list[tuple[int, int]]) -> list[str]:
    """Output files no interpreter in ``versions`` would be compared with:
    with [output_from], the plain .out (the one the page shows) applies only
    below the oldest declared version, and some Python must run it there."""
    found = []
    files = {ex.out_path: [v for v in versions if ex.out_path_for(v) == ex.out_path]}
    for since in ex.output_versions:
        path = ex.versioned_out_path(since)
        files[path] = [v for v in versions if ex.out_path_for(v) == path]
    for path, used_by in files.items():
        needed = (ex.requires_python or (0, 0))
        if not any(v >= needed for v in used_by):
            shown = ", ".join(f"{v[0]}.{v[1]}" for v in versions) or "none"
            found.append(
                f"{ex.name}: no Python on this machine checks {path.name} (installed: {shown}); "
                f"install a Python it applies to, or drop it from [output_from] in {ex.meta_path.name}."
            )
    return found


def sleep_calls(ex: Example) -> list[str]:
    """Calls that sleep in ``ex`` (time.sleep, or asyncio.sleep with a non-zero
    delay), unless its .toml says why they are not synchronisation (sleep = "why")."""
    import ast

    if ex.meta.get("sleep"):
        return []
    tree = ast.parse(ex.source)
    sleep_names = {"sleep"} if any(
        isinstance(n, ast.ImportFrom) and n.module == "time" and any(a.name == "sleep" for a in n.names)
        for n in ast.walk(tree)
    ) else set()
    found = []
    for node in sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call)), key=lambda n: n.lineno):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        what = None
        if isinstance(f, ast.Attribute) and f.attr == "sleep" and isinstance(f.value, ast.Name):
            if f.value.id == "time":
                what = "time.sleep()"
            elif f.value.id == "asyncio":
                zero = node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == 0
                what = None if zero else "asyncio.sleep() with a delay"
        elif isinstance(f, ast.Name) and f.id in sleep_names:
            what = "sleep()"
        if what:
            found.append(
                f"{ex.name}:{node.lineno}: {what}. A sleep does not order events (use an Event, a "
                f"Barrier, a queue or join()); if it is not used to order anything, say why in "
                f"{ex.meta_path.name}: sleep = \"why\"."
            )
    return found


def example_at(path: Path) -> Example:
    """The example at ``path``, in the examples/ tree it belongs to (the nearest
    ancestor named examples, else this project's)."""
    path = Path(path).resolve()
    for parent in path.parents:
        if parent.name == "examples":
            docs = parent.parent / "docs"
            return Example(path, parent, docs if docs.is_dir() else DOCS)
    return Example(path)
