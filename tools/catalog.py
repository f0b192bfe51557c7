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

# An example "uses multiprocessing" when it imports it or starts a process
# pool; those run under every start method.
_USES_MP = re.compile(
    r"^\s*(import multiprocessing|from multiprocessing\b|from concurrent\.futures\b.*Process"
    r"|import concurrent\.futures)",
    re.MULTILINE,
)
_KNOWN_KEYS = {"requires_python", "own_start_method", "timeout", "needs", "output"}
_KNOWN_SERVICES = {"redis"}

# ```{example} queues/fifo_order.py   (MyST fence, three or more backticks or colons)
_DIRECTIVE = re.compile(r"^\s*(`{3,}|:{3,})\{example\}\s+(\S+)\s*$", re.MULTILINE)


class CatalogError(ValueError):
    """An example's declaration is malformed."""


@dataclass(frozen=True)
class Example:
    path: Path

    @property
    def name(self) -> str:
        """The path below examples/, e.g. ``queues/fifo_order.py``."""
        return self.path.relative_to(EXAMPLES).as_posix()

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
    def uses_multiprocessing(self) -> bool:
        return bool(_USES_MP.search(self.source))

    @property
    def start_methods(self) -> tuple[str | None, ...]:
        """The start methods the harness forces, or (None,) for "leave it alone"."""
        if self.uses_multiprocessing and not self.meta.get("own_start_method", False):
            return START_METHODS
        return (None,)

    @property
    def requires_python(self) -> tuple[int, int] | None:
        spec = self.meta.get("requires_python")
        if spec is None:
            return None
        major, minor = (int(p) for p in str(spec).split(".")[:2])
        return (major, minor)

    @property
    def timeout(self) -> float:
        return float(self.meta.get("timeout", DEFAULT_TIMEOUT))

    @property
    def needs(self) -> tuple[str, ...]:
        return tuple(self.meta.get("needs", ()))

    @property
    def stdlib_only(self) -> bool:
        """Client-library examples run only where that library is installed."""
        return not self.needs

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
    bad = set(meta.get("needs", ())) - _KNOWN_SERVICES
    if bad:
        raise CatalogError(f"{path}: unknown services {sorted(bad)}; known: {sorted(_KNOWN_SERVICES)}")
    return meta


def load_meta(path: Path) -> dict:
    if not path.exists():
        return {}
    return _load_meta_cached(str(path), path.stat().st_mtime)


def examples(root: Path = EXAMPLES) -> list[Example]:
    """Every example program, found by walking the tree (no hand-kept list)."""
    return [
        Example(p)
        for p in sorted(root.rglob("*.py"))
        if "__pycache__" not in p.parts and not p.name.startswith("_")
    ]


def stray_files(root: Path = EXAMPLES) -> list[Path]:
    """.out and .toml files with no example beside them."""
    return [
        p
        for p in sorted(root.rglob("*"))
        if p.suffix in (".out", ".toml") and not p.with_suffix(".py").exists()
    ]


def pages_showing(docs: Path = DOCS) -> dict[str, list[str]]:
    """Map each example name to the pages (docs-relative) whose source shows it."""
    shown: dict[str, list[str]] = {}
    for page in sorted(docs.rglob("*.md")):
        if "_build" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        for match in _DIRECTIVE.finditer(text):
            shown.setdefault(match.group(2), []).append(page.relative_to(docs).as_posix())
    return shown


def page_urls(name: str) -> list[str]:
    """Where a reader sees an example: the pages' paths in the built site."""
    return [p[: -len(".md")] + ".html" for p in pages_showing().get(name, [])]


@dataclass
class Interpreter:
    executable: str
    version: tuple[int, int]

    @property
    def label(self) -> str:
        return f"py{self.version[0]}.{self.version[1]}"
