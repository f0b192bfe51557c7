"""Render a Mermaid diagram to SVG with mermaidx, reusing earlier renders.

sphinxcontrib-mermaid calls this as its ``mermaid_cmd`` with ``-i IN -o OUT``.
A render is kept in ``.cache/mermaid/`` under the hash of the diagram's
source, the options and the renderer's version, so a clean build only
renders diagrams whose source changed. Nothing here touches the network.
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

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "mermaid"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-i", dest="src", required=True)
    parser.add_argument("-o", dest="dst", required=True)
    args, passthrough = parser.parse_known_args(argv)
    source = Path(args.src).read_bytes()
    key = hashlib.sha256(
        b"\0".join([source, " ".join(passthrough).encode(), version("mermaidx").encode()])
    ).hexdigest()
    cached = CACHE / f"{key}.svg"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.svg")
        cmd = [sys.executable, "-m", "mermaidx", *passthrough, "-q", "-i", args.src, "-o", str(tmp)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0 or not tmp.exists():
            sys.stderr.write(done.stderr or done.stdout or "mermaidx produced no file\n")
            return done.returncode or 1
        os.replace(tmp, cached)  # atomic, so parallel builds never see half a file
    shutil.copyfile(cached, args.dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
