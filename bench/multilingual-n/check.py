#!/usr/bin/env python3
"""Check the multilingual blind set "n": counts, pairing, byte-identity, regex sanity.

Run: python3 check.py   (exit status 0 when every check passes)
"""

import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = "/work/shared/corpus"
FACTS = "/work/shared/research/eurohpc-facts.md"
LANGS = ["de", "fr", "it", "es", "pl"]
WANT = {"items": 24, "document": 14, "fact": 7, "abstain": 3}
KEYS_EN = {"id", "question", "expect_any", "source", "abstain"}
errors = []


def err(msg):
    errors.append(msg)


def raw_blocks(path):
    """id -> {key: raw line text} for the byte-identity check."""
    out, cur = {}, None
    with open(path, "rb") as f:
        for line in f.read().decode("utf-8").split("\n"):
            m = re.match(r"^- id: (\S+)$", line)
            if m:
                cur = m.group(1).split("-")[0]
                out[cur] = {}
                continue
            m = re.match(r"^  (source|expect_any|abstain): ", line)
            if m and cur:
                out[cur][m.group(1)] = line
    return out


def facts_section(sec):
    text = open(FACTS, encoding="utf-8").read()
    lines = text.split("\n")
    if "." in sec:  # e.g. 1.3 -> "### 1.3 ..." until next heading of level <= 3
        start = [i for i, line in enumerate(lines) if line.startswith("### " + sec + " ")]
        stop_re = r"^#{2,3} "
    else:  # e.g. 2 -> "## 2. ..." until next "## "
        start = [i for i, line in enumerate(lines) if line.startswith("## " + sec + ".")]
        stop_re = r"^## "
    if not start:
        return None
    i = start[0]
    j = i + 1
    while j < len(lines) and not re.match(stop_re, lines[j]):
        j += 1
    return "\n".join(lines[i:j])


def kind(item):
    if item.get("abstain"):
        return "abstain"
    s = item.get("source", "")
    return "document" if s.startswith("corpus:") else "fact" if s.startswith("facts:") else "other"


sets = {}
for lang in ["en"] + LANGS:
    path = os.path.join(HERE, lang + ".yaml")
    data = yaml.safe_load(open(path, encoding="utf-8"))
    sets[lang] = data
    counts = {"document": 0, "fact": 0, "abstain": 0, "other": 0}
    for it in data:
        counts[kind(it)] += 1
    print(
        f"{lang}.yaml: {len(data)} items: {counts['document']} document, {counts['fact']} fact, "
        f"{counts['abstain']} unanswerable, {counts['other']} other"
    )
    if (
        len(data) != WANT["items"]
        or any(counts[k] != WANT[k] for k in ("document", "fact", "abstain"))
        or counts["other"]
    ):
        err(f"{lang}: wrong counts {counts}")
    ids = [it["id"] for it in data]
    if len(set(ids)) != len(ids):
        err(f"{lang}: duplicate ids")
    for it in data:
        allowed = KEYS_EN | ({"en"} if lang != "en" else set())
        if set(it) - allowed:
            err(f"{lang}:{it['id']}: unknown keys {set(it) - allowed}")
        if not str(it.get("question", "")).strip():
            err(f"{lang}:{it['id']}: empty question")
        if lang != "en":
            if it.get("en") + "-" + lang != it["id"]:
                err(f"{lang}:{it['id']}: id/en mismatch")
        if it.get("abstain"):
            if "expect_any" in it or "source" in it:
                err(f"{lang}:{it['id']}: abstain item with expect_any/source")
        elif not it.get("expect_any") or not it.get("source"):
            err(f"{lang}:{it['id']}: missing expect_any or source")

# Pairing and byte-identity of source / expect_any / abstain lines.
en_ids = [it["id"] for it in sets["en"]]
en_raw = raw_blocks(os.path.join(HERE, "en.yaml"))
for lang in LANGS:
    if [it["en"] for it in sets[lang]] != en_ids:
        err(f"{lang}: items do not pair with en.yaml in the same order")
    raw = raw_blocks(os.path.join(HERE, lang + ".yaml"))
    same = 0
    for iid in en_ids:
        if raw.get(iid) != en_raw.get(iid):
            err(f"{lang}:{iid}: source/expect_any/abstain not byte-identical to en.yaml")
        else:
            same += 1
    print(
        f"{lang}.yaml: {same}/{len(en_ids)} items byte-identical to en.yaml in source/expect_any/abstain"
    )

# Regex sanity: compiles, matches the cited source, does not match any version of its question.
questions = {iid: [] for iid in en_ids}
for lang in ["en"] + LANGS:
    for it in sets[lang]:
        questions[it["id"].split("-")[0]].append(it["question"])
src_ok = 0
for it in sets["en"]:
    if it.get("abstain"):
        continue
    src = it["source"]
    if src.startswith("corpus:"):
        p = os.path.join(CORPUS, src[len("corpus:") :])
        text = open(p, encoding="utf-8").read() if os.path.exists(p) else None
    else:
        text = facts_section(src[len("facts:") :])
    if text is None:
        err(f"{it['id']}: source {src} not found")
        continue
    pats = [re.compile(r, re.I) for r in it["expect_any"]]
    if any(p.search(text) for p in pats):
        src_ok += 1
    else:
        err(f"{it['id']}: no expect_any regex matches {src}")
    for q in questions[it["id"]]:
        for p in pats:
            if p.search(q):
                err(f"{it['id']}: regex {p.pattern!r} matches its own question: {q[:40]}...")
print(
    f"source check: {src_ok}/21 answerable items have an expect_any regex matching their cited source"
)
print(
    "question check: no expect_any regex matches its own question in any language"
    if not any("own question" in e for e in errors)
    else "question check: FAILED"
)

if errors:
    print("\nERRORS:")
    for e in errors:
        print(" -", e)
    sys.exit(1)
print("OK: 6 files, 144 items, all checks passed")
