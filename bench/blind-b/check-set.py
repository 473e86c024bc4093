#!/usr/bin/env python3
"""Structural check of a blind question set; prints counts only, never question text.
(Copy of bench/blind/check-set.py with set B's default DEST.)

usage: check-set.py SET.yaml [DEST]
DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-b (built by fetch-corpus.sh).
"""

import os
import re
import sys

import yaml


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    dest = sys.argv[2] if len(sys.argv) > 2 else os.path.join(cache, "hpcbot", "blind-corpus-b")
    with open(path, encoding="utf-8") as fh:
        items = yaml.safe_load(fh)
    errors = []
    counts = {"corpus": 0, "facts": 0, "other": 0, "abstain": 0}
    seen = set()
    for n, it in enumerate(items):
        where = it.get("id", f"item #{n}")
        if not isinstance(it, dict) or "id" not in it or "question" not in it:
            errors.append(f"{where}: needs id and question")
            continue
        if it["id"] in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(it["id"])
        extra = set(it) - {"id", "question", "expect_any", "source", "abstain"}
        if extra:
            errors.append(f"{where}: unknown keys {sorted(extra)}")
        if it.get("abstain"):
            counts["abstain"] += 1
            if "expect_any" in it:
                errors.append(f"{where}: abstain item has expect_any")
            continue
        rx = it.get("expect_any")
        if not rx or not isinstance(rx, list):
            errors.append(f"{where}: expect_any must be a non-empty list")
        else:
            for r in rx:
                try:
                    re.compile(r, re.I)
                except re.error as exc:
                    errors.append(f"{where}: bad regex ({exc})")
        src = str(it.get("source", ""))
        if src.startswith("corpus:"):
            counts["corpus"] += 1
            if not os.path.isfile(os.path.join(dest, src[len("corpus:") :])):
                errors.append(f"{where}: corpus file missing under {dest}")
        elif src.startswith("facts:"):
            counts["facts"] += 1
        else:
            counts["other"] += 1
            errors.append(f"{where}: source must start with corpus: or facts:")
    print(
        f"{len(items)} items: {counts['corpus']} document, {counts['facts']} fact, "
        f"{counts['abstain']} unanswerable, {counts['other']} other"
    )
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
