"""Page weight: what a reader's browser downloads for each built page.

Two limits, per page, English and Chinese (zh_CN/, inside the English
build) alike:

- HTML + CSS + JS, uncompressed, at most 200 KB: what the browser has to
  parse before the page works (the search page's index, searchindex.js, is
  data the search reads, like an image: it counts in the second limit);
- everything the page loads (those plus its images), gzip-compressed as any
  static host serves it, at most 150 KB: what crosses the network.

The test lists the heaviest pages in either measure, so a page creeping
towards a limit shows up before it crosses it.
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.site]

LIMIT_PARSED = 200_000  # bytes of HTML, CSS and JS, uncompressed
LIMIT_GZIP = 150_000    # bytes of everything, images included, gzip-compressed

_REFS = re.compile(
    r"""<(?:link[^>]*\brel="(?:stylesheet|icon|shortcut icon)"[^>]*\bhref|script[^>]*\bsrc|img[^>]*\bsrc)="([^"]+)\"""",
    re.I,
)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


@lru_cache(maxsize=None)
def _sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def _local(base: Path, ref: str, site: Path) -> Path | None:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = (base.parent / parts.path).resolve()
    return target if target.is_file() and site.resolve() in target.parents else None


def page_weight(site: Path, page: Path) -> dict:
    """The files one page loads and their sizes: {"parsed": n, "gzip": n, "files": {...}}."""
    files: dict[Path, str] = {page.resolve(): "html"}
    html = page.read_text(encoding="utf-8")
    for ref in _REFS.findall(html):
        target = _local(page, ref, site)
        if target is None:
            continue
        kind = {".css": "css", ".js": "js"}.get(target.suffix, "image")
        if target.name == "searchindex.js":
            kind = "data"
        files[target] = kind
        if kind == "css":
            for url in _CSS_URL.findall(target.read_text(encoding="utf-8", errors="replace")):
                sub = _local(target, url, site)
                if sub is not None:
                    files.setdefault(sub, "image")
    parsed = sum(_sizes(f)[0] for f, kind in files.items() if kind in ("html", "css", "js"))
    zipped = sum(_sizes(f)[1] for f in files)
    return {"parsed": parsed, "gzip": zipped, "files": files}


def all_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


def weight_report(site: Path, top: int = 5) -> tuple[str, list[str]]:
    weights = {p.relative_to(site).as_posix(): page_weight(site, p) for p in all_pages(site)}
    lines = ["heaviest pages (HTML+CSS+JS uncompressed | all, gzip):"]
    for name, w in sorted(weights.items(), key=lambda kv: -max(kv[1]["parsed"] / LIMIT_PARSED, kv[1]["gzip"] / LIMIT_GZIP))[:top]:
        lines.append(f"  {name:40s} {w['parsed'] / 1000:6.1f} KB | {w['gzip'] / 1000:6.1f} KB")
    over = []
    for name, w in weights.items():
        if w["parsed"] > LIMIT_PARSED:
            over.append(f"{name}: {w['parsed'] / 1000:.1f} KB of HTML+CSS+JS (limit {LIMIT_PARSED / 1000:.0f} KB)")
        if w["gzip"] > LIMIT_GZIP:
            heavy = sorted(w["files"], key=lambda f: -_sizes(f)[1])[:3]
            names = ", ".join(f"{f.name} {_sizes(f)[1] / 1000:.0f} KB" for f in heavy)
            over.append(f"{name}: {w['gzip'] / 1000:.1f} KB gzip in all (limit {LIMIT_GZIP / 1000:.0f} KB; heaviest: {names})")
    return "\n".join(lines), over


def test_every_page_is_light(built_site):
    pages = {p.relative_to(built_site).as_posix() for p in all_pages(built_site)}
    assert "index.html" in pages and "zh_CN/index.html" in pages, "both languages are weighed"
    report, over = weight_report(built_site)
    print(report)
    assert not over, report + "\nover a limit:\n" + "\n".join(over)


def test_the_weight_check_catches_a_heavy_page(tmp_path):
    """A page with a 300 KB script and a large incompressible image fails both limits."""
    import os

    (tmp_path / "big.js").write_text("var x = " + repr(os.urandom(150_000).hex()) + ";\n")
    (tmp_path / "photo.png").write_bytes(os.urandom(160_000))
    (tmp_path / "light.html").write_text("<!doctype html><p>fine</p>")
    (tmp_path / "heavy.html").write_text('<!doctype html><script src="big.js"></script><img src="photo.png" alt="">')
    report, over = weight_report(tmp_path)
    assert "heavy.html" in report
    assert any(o.startswith("heavy.html:") and "HTML+CSS+JS" in o for o in over)
    assert any(o.startswith("heavy.html:") and "gzip in all" in o and "photo.png" in o for o in over)
    assert not any(o.startswith("light.html") for o in over)
