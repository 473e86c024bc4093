#!/usr/bin/env python3
"""Check /work/sets/blind-v/set-v.yaml (blind set v) for structure and regex sanity."""

import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.join(HERE, "set-v.yaml")
CORPUS = "/work/shared/corpus"
FACTS = "/work/shared/research/eurohpc-facts.md"

N_TOTAL, N_DOC, N_FACT, N_DECL, MIN_PAGES = 40, 28, 6, 6, 24
FACT_SECTIONS = {"1.0", "1.1", "1.2", "1.3", "1.4", "2", "3"}

errors = []


def err(msg):
    errors.append(msg)


def norm(text):
    text = text.replace("`", "").replace("*", "")
    return re.sub(r"\s+", " ", text)


with open(SET, encoding="utf-8") as fh:
    items = yaml.safe_load(fh)

if not isinstance(items, list):
    sys.exit("set-v.yaml is not a YAML list")

if len(items) != N_TOTAL:
    err(f"expected {N_TOTAL} items, got {len(items)}")

expected_ids = [f"v{i:02d}" for i in range(1, len(items) + 1)]
ids = [it.get("id") for it in items]
if ids != expected_ids:
    err(f"ids not in order v01..v{len(items):02d}: {ids}")

with open(FACTS, encoding="utf-8") as fh:
    facts_text = norm(fh.read())

kinds = {"doc": [], "fact": [], "decl": []}
pages = set()
page_cache = {}
qlens = []

for pos, it in enumerate(items):
    iid = it.get("id", f"#{pos}")
    q = it.get("question")
    if not isinstance(q, str) or not q.strip():
        err(f"{iid}: missing question")
        continue
    qlens.append(len(q.split()))
    allowed = {"id", "question", "expect_any", "source", "abstain"}
    extra = set(it) - allowed
    if extra:
        err(f"{iid}: unexpected keys {sorted(extra)}")

    if it.get("abstain") is True:
        kinds["decl"].append(iid)
        if "expect_any" in it or "source" in it:
            err(f"{iid}: decline item must not have expect_any/source")
        continue

    if "abstain" in it:
        err(f"{iid}: abstain present but not true")
    src = it.get("source")
    pats = it.get("expect_any")
    if not isinstance(src, str):
        err(f"{iid}: missing source")
        continue
    if not isinstance(pats, list) or not pats:
        err(f"{iid}: missing expect_any")
        continue

    if src.startswith("corpus:"):
        kinds["doc"].append(iid)
        rel = src[len("corpus:") :]
        path = os.path.join(CORPUS, rel)
        if not os.path.isfile(path):
            err(f"{iid}: source file not found: {path}")
            continue
        pages.add(rel)
        if rel not in page_cache:
            with open(path, encoding="utf-8") as fh:
                page_cache[rel] = norm(fh.read())
        text = page_cache[rel]
    elif src.startswith("facts:"):
        kinds["fact"].append(iid)
        sec = src[len("facts:") :]
        if sec not in FACT_SECTIONS:
            err(f"{iid}: unknown facts section {sec!r}")
        text = facts_text
    else:
        err(f"{iid}: unknown source scheme {src!r}")
        continue

    compiled = []
    for p in pats:
        try:
            compiled.append(re.compile(p, re.IGNORECASE))
        except re.error as e:
            err(f"{iid}: regex {p!r} does not compile: {e}")
    if len(compiled) != len(pats):
        continue
    if not any(rx.search(text) for rx in compiled):
        err(f"{iid}: no regex matches the source text of {src}")
    for rx in compiled:
        if rx.search(q):
            err(f"{iid}: regex {rx.pattern!r} matches its own question")

if len(kinds["doc"]) != N_DOC:
    err(f"expected {N_DOC} corpus items, got {len(kinds['doc'])}")
if len(kinds["fact"]) != N_FACT:
    err(f"expected {N_FACT} fact items, got {len(kinds['fact'])}")
if len(kinds["decl"]) != N_DECL:
    err(f"expected {N_DECL} decline items, got {len(kinds['decl'])}")
order = kinds["doc"] + kinds["fact"] + kinds["decl"]
if order != ids:
    err("items are not ordered documents, then facts, then declines")
if len(pages) < MIN_PAGES:
    err(f"only {len(pages)} distinct corpus pages (need >= {MIN_PAGES})")

print(
    f"items: {len(items)}  corpus: {len(kinds['doc'])}  facts: {len(kinds['fact'])}  "
    f"declines: {len(kinds['decl'])}"
)
print(
    f"distinct corpus pages: {len(pages)}  "
    f"(user guide: {sum(p.startswith('lumi-userguide/') for p in pages)}, "
    f"AI guide: {sum(p.startswith('LUMI-AI-Guide/') for p in pages)})"
)
if qlens:
    print(
        f"question length (words): min {min(qlens)}, max {max(qlens)}, "
        f"<=8 words: {sum(n <= 8 for n in qlens)}, >=30 words: {sum(n >= 30 for n in qlens)}"
    )
if errors:
    print(f"FAIL ({len(errors)} problems)")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("OK")
