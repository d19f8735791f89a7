#!/usr/bin/env python3
"""Fails if any file of the shared corpus differs from its MANIFEST.md sha256.

Tests read ../shared/corpus in place; a test that damages a file through a
hard link or a symlink would silently poison every later run. ctest runs
this after every other test.
"""
import hashlib
import os
import re
import sys
from pathlib import Path


def main() -> int:
    corpus = Path(os.environ.get("TFGRAPH_CORPUS", ""))
    manifest = corpus / "MANIFEST.md"
    if not manifest.is_file():
        print(f"corpus guard: skipped, no corpus at {corpus}")
        return 0
    row = re.compile(r"^\| (\S+) \| (\S+) \| (\d+) \| `([0-9a-f]{64})` \|$")
    checked, bad = 0, []
    for line in manifest.read_text().splitlines():
        m = row.match(line)
        if not m:
            continue
        item, name, size, digest = m.groups()
        if name == "SOURCE.txt":
            continue  # provenance notes, edited after the manifest was made; not model data
        path = corpus / item / name
        checked += 1
        if not path.is_file():
            bad.append(f"{path}: missing")
            continue
        data = path.read_bytes()
        if len(data) != int(size) or hashlib.sha256(data).hexdigest() != digest:
            bad.append(f"{path}: changed ({len(data)} bytes, manifest says {size})")
    for b in bad:
        print(f"corpus guard: {b}", file=sys.stderr)
    print(f"corpus guard: {checked} files checked, {len(bad)} changed")
    return 1 if bad or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
