"""Render a Mermaid diagram to SVG with mermaidx, reusing earlier renders.

sphinxcontrib-mermaid calls this as its ``mermaid_cmd`` with ``-i IN -o OUT``
(after the ``mermaid_params`` from conf.py). Each render is kept in
``docs/_diagrams/`` under a hash of the diagram's source, those parameters
and the renderer's version, and that folder is committed: a fresh clone
renders only the diagrams whose source changed, and the build stays fast.
A changed diagram gets a new hash, so a stale render is never used; the
build warns about renders no page uses any more (see sphinx_diagrams.py).
Nothing here touches the network.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

CACHE = Path(__file__).resolve().parent.parent / "docs" / "_diagrams"


def cache_key(source: bytes, params: list[str]) -> str:
    """The name a render is stored under; sphinx_diagrams.py computes it too."""
    return hashlib.sha256(
        b"\0".join([source, " ".join(params).encode(), version("mermaidx").encode()])
    ).hexdigest()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-i", dest="src", required=True)
    parser.add_argument("-o", dest="dst", required=True)
    args, passthrough = parser.parse_known_args(argv)
    cached = CACHE / f"{cache_key(Path(args.src).read_bytes(), passthrough)}.svg"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        cmd = [sys.executable, "-m", "mermaidx", *passthrough, "-q", "-i", args.src, "-o", str(tmp) + ".svg"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0 or not Path(str(tmp) + ".svg").exists():
            sys.stderr.write(done.stderr or done.stdout or "mermaidx produced no file\n")
            return done.returncode or 1
        os.replace(str(tmp) + ".svg", cached)  # atomic, so parallel builds never see half a file
    shutil.copyfile(cached, args.dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
