"""Render a Mermaid diagram to SVG with mermaidx, reusing earlier renders.

sphinxcontrib-mermaid calls this as its ``mermaid_cmd`` with ``-i IN -o OUT``
(after the ``mermaid_params`` from conf.py). Each render is kept in
``docs/_diagrams/`` under a hash of the diagram's source, those parameters
and the renderer's version, and that folder is committed: a fresh clone
renders only the diagrams whose source changed, and the build stays fast.
A changed diagram gets a new hash, so a stale render is never used; the
build warns about renders no page uses any more (see sphinx_diagrams.py).
Nothing here touches the network.

A translated diagram is rendered with ``--lang LANG`` after the parameters
(see sphinx_diagrams.py): its render is kept apart, in
``docs/_diagrams/LANG/``, and laid out with East Asian wide characters
measured one em wide each.
mermaidx measures every text with its bundled DejaVu Sans, which has no
Chinese glyphs, so it would size a Chinese label at 0.6 em a character
while every CJK font a browser falls back to draws them 1 em wide: the
label would overflow its box. No font on the machine is read, so a render
is the same on every machine.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

CACHE = Path(__file__).resolve().parent.parent / "docs" / "_diagrams"
_WIDE_FLAG = "--measure-wide-as-em"


# How a translated render measures wide characters (see _run_mermaidx_wide):
# part of its key, so a change here re-renders the translated diagrams.
WIDE_MEASURE = "wide characters 1 em, breakable between them"


def cache_key(source: bytes, params: list[str]) -> str:
    """The name a render is stored under; sphinx_diagrams.py computes it too."""
    parts = [source, " ".join(params).encode(), version("mermaidx").encode()]
    if "--lang" in params:
        parts.append(WIDE_MEASURE.encode())
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def cache_dir(lang: str | None) -> Path:
    """Where the renders of a build in this language are kept."""
    return CACHE / lang if lang else CACHE


_WIDE = re.compile(r"[^\x00-\u10ff]")
_WIDE_RUN = re.compile(r"[^\x00-\u10ff]+")


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def em_wide(text: str) -> str:
    """The text with every East Asian wide or fullwidth character replaced
    by "@", which DejaVu Sans (regular and bold) draws exactly 1 em wide."""
    return _WIDE.sub(lambda m: "@" if _is_wide(m[0]) else m[0], text)


def em_wide_breakable(text: str, narrow: str) -> str:
    """Like em_wide(), for HTML that may wrap: a browser may break a line
    between any two Chinese characters, and mermaidx's layout breaks only
    at spaces. So each wide character but the last of a run becomes
    ``narrow`` and a space, which together are 1 em wide too."""
    def run(m):
        out = []
        for i, ch in enumerate(m[0]):
            last = i + 1 == len(m[0]) or not _is_wide(m[0][i + 1])
            out.append(ch if not _is_wide(ch) else "@" if last else narrow + " ")
        return "".join(out)

    return _WIDE_RUN.sub(run, text)


def _run_mermaidx_wide(argv: list[str]) -> None:
    """mermaidx's command line, measuring wide characters as 1 em."""
    from mermaidx import __main__ as cli
    from mermaidx.engines import _common
    from mermaidx.font_metrics import get_font

    # Per face, a glyph as wide as 1 em less a space (checked, not assumed).
    narrow = {}
    for weight, glyph in ((None, "\u01f7"), ("bold", "v")):
        font = get_font(weight)
        widths = [font.measure(x, 100.0)["width"] for x in (glyph + " ", "@")]
        assert abs(widths[0] - widths[1]) < 1e-6 and font.measure("@", 100.0)["width"] == 100.0, widths
        narrow[font] = glyph

    measurer = _common.TextMeasurer
    width, full, glyphs, foreign = measurer.width, measurer.full, measurer.glyphs, measurer.foreign_object
    measurer.width = lambda self, text, *rest: width(self, em_wide(text or ""), *rest)
    measurer.full = lambda self, text, *rest: full(self, em_wide(text or ""), *rest)
    measurer.glyphs = lambda self, text, *rest: glyphs(self, em_wide(text or ""), *rest)
    measurer.foreign_object = lambda self, html, size, family, weight, style: foreign(
        self, em_wide_breakable(html or "", narrow[get_font(weight)]), size, family, weight, style
    )
    sys.argv = ["mermaidx", *argv]
    cli.main()


def main(argv: list[str]) -> int:
    if argv[:1] == [_WIDE_FLAG]:
        _run_mermaidx_wide(argv[1:])
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("-i", dest="src", required=True)
    parser.add_argument("-o", dest="dst", required=True)
    parser.add_argument("--lang")
    args, passthrough = parser.parse_known_args(argv)
    # The key covers every parameter but the files, --lang included, in the
    # order conf.py gives them, exactly as sphinx_diagrams.py computes it.
    params = passthrough + (["--lang", args.lang] if args.lang else [])
    cached = cache_dir(args.lang) / f"{cache_key(Path(args.src).read_bytes(), params)}.svg"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        run = [sys.executable, __file__, _WIDE_FLAG] if args.lang else [sys.executable, "-m", "mermaidx"]
        cmd = [*run, *passthrough, "-q", "-i", args.src, "-o", str(tmp) + ".svg"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0 or not Path(str(tmp) + ".svg").exists():
            sys.stderr.write(done.stderr or done.stdout or "mermaidx produced no file\n")
            return done.returncode or 1
        os.replace(str(tmp) + ".svg", cached)  # atomic, so parallel builds never see half a file
    shutil.copyfile(cached, args.dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
