#!/usr/bin/env python3
"""Sanity check for the blind set: structure, counts, sources, regexes."""

import collections
import pathlib
import re
import sys

import yaml

HERE = pathlib.Path(__file__).parent
CORPUS = pathlib.Path("/work/shared/corpus")
FACTS = pathlib.Path("/work/shared/research/eurohpc-facts.md")
FACT_IDS = {"1.0", "1.1", "1.2", "1.3", "1.4", "2", "3"}


def norm(text):
    text = text.replace("`", "").replace("*", "")
    return re.sub(r"\s+", " ", text)


items = yaml.safe_load((HERE / "set-t.yaml").read_text())
errors = []
assert isinstance(items, list), "top level must be a list"
if len(items) != 36:
    errors.append(f"expected 36 items, got {len(items)}")
ids = [it.get("id") for it in items]
if len(set(ids)) != len(ids):
    errors.append("duplicate ids")
if ids != [f"t{i:02d}" for i in range(1, 37)]:
    errors.append("ids are not t01..t36 in order")

counts = collections.Counter()
pages = set()
facts_text = norm(FACTS.read_text())
for it in items:
    iid = it.get("id")
    if not isinstance(it.get("question"), str) or not it["question"].strip():
        errors.append(f"{iid}: missing question")
    if it.get("abstain"):
        counts["abstain"] += 1
        if "expect_any" in it or "source" in it:
            errors.append(f"{iid}: abstain item must have no expect_any/source")
        continue
    src = it.get("source", "")
    pats = it.get("expect_any") or []
    if not pats:
        errors.append(f"{iid}: no expect_any")
    compiled = []
    for p in pats:
        try:
            compiled.append(re.compile(p, re.I))
        except re.error as e:
            errors.append(f"{iid}: bad regex {p!r}: {e}")
    if src.startswith("corpus:"):
        counts["doc"] += 1
        path = CORPUS / src[len("corpus:") :]
        if not path.is_file():
            errors.append(f"{iid}: source file missing: {path}")
            continue
        pages.add(src)
        text = norm(path.read_text())
    elif src.startswith("facts:"):
        counts["fact"] += 1
        if src[len("facts:") :] not in FACT_IDS:
            errors.append(f"{iid}: unknown facts section {src}")
        text = facts_text
    else:
        errors.append(f"{iid}: bad source {src!r}")
        continue
    if compiled and not any(c.search(text) for c in compiled):
        errors.append(f"{iid}: no expect_any regex matches {src}")

print(
    f"items={len(items)} doc={counts['doc']} fact={counts['fact']} abstain={counts['abstain']} distinct_pages={len(pages)}"
)
if (counts["doc"], counts["fact"], counts["abstain"]) != (24, 8, 4):
    errors.append("counts are not 24/8/4")
if len(pages) < 18:
    errors.append("fewer than 18 distinct pages")
for e in errors:
    print("FAIL", e)
print("PASS" if not errors else f"{len(errors)} problem(s)")
sys.exit(1 if errors else 0)
