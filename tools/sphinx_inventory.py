"""Build the offline intersphinx inventory for the Python docs from plain text.

Each ``docs/_inventory/*.txt`` lists the Python objects the pages link to,
one per line, in sphobjinv's plain-text form::

    queue.Queue py:class 1 library/queue.html#$ -

URIs are relative to https://docs.python.org/3/ and ``$`` stands for the
name, as in a real ``objects.inv``. The merged inventory is written to
``_build/python-inventory/objects.inv`` before intersphinx reads it, so the
build never needs the network and links still point at docs.python.org.
"""
from __future__ import annotations

import zlib
from pathlib import Path

HEADER = (
    "# Sphinx inventory version 2\n"
    "# Project: Python\n"
    "# Version: 3\n"
    "# The remainder of this file is compressed using zlib.\n"
)


def read_entries(folder: Path) -> list[str]:
    entries: dict[tuple[str, str], str] = {}
    for txt in sorted(folder.glob("*.txt")):
        for n, line in enumerate(txt.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 4)
            if len(parts) != 5 or ":" not in parts[1] or not parts[2].lstrip("-").isdigit():
                raise ValueError(f"{txt}:{n}: expected 'name domain:role priority uri dispname', got {line!r}")
            key = (parts[0], parts[1])
            if key in entries and entries[key] != line:
                raise ValueError(f"{txt}:{n}: {parts[0]} {parts[1]} is listed twice, differently")
            entries[key] = line
    return sorted(entries.values())


def write_inventory(folder: Path, target: Path) -> Path:
    payload = ("\n".join(read_entries(folder)) + "\n").encode("utf-8")
    data = HEADER.encode("ascii") + zlib.compress(payload, 9)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return target
