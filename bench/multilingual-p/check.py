#!/usr/bin/env python3
"""Consistency check for multilingual blind set "p".

Checks, per file: 24 items; counts by kind (document = corpus: source,
fact = facts: source, unanswerable = abstain: true); ids p01..p24 in en.yaml
and p01-<lang>.. in the others, in the same order; the `en:` field names the
anchor; the raw `source:`, `expect_any:` and `abstain:` lines are
byte-identical to the anchor's. Also: every regex compiles, at least one
regex per answerable item matches the cited page (or the cited section of
eurohpc-facts.md), and no regex matches the item's own question in any of the
six languages.

Prints counts only (never a question). Exit status 0 if all checks pass.
Usage: python3 check.py [--corpus DIR] [--facts FILE]
"""

import argparse
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "de", "fr", "it", "es", "pl"]
N_ITEMS = 24
EXPECTED_KINDS = {"document": 14, "fact": 7, "unanswerable": 3}
SHARED_KEYS = ("source", "expect_any", "abstain")


def kind(item):
    if item.get("abstain") is True:
        return "unanswerable"
    src = str(item.get("source", ""))
    if src.startswith("corpus:"):
        return "document"
    if src.startswith("facts:"):
        return "fact"
    return "other"


def raw_blocks(path):
    """Raw lines of each item, keyed by id (comments and blank lines dropped)."""
    blocks, cur = {}, None
    with open(path, "rb") as fh:
        for line in fh.read().split(b"\n"):
            if line.startswith(b"- id: "):
                cur = line[len(b"- id: ") :].decode("utf-8").strip()
                blocks[cur] = []
            elif cur is not None and line.startswith(b"  "):
                blocks[cur].append(line)
    return blocks


def shared_lines(lines):
    out = {}
    for key in SHARED_KEYS:
        pref = b"  " + key.encode() + b":"
        found = [ln for ln in lines if ln.startswith(pref)]
        out[key] = found[0] if len(found) == 1 else (None if not found else b"<dup>")
    return out


def facts_section(text, sec):
    """Text of section `sec` ("1.0", "2", ...) of eurohpc-facts.md."""
    lines = text.split("\n")
    if "." in sec:
        head = re.compile(r"^###\s+" + re.escape(sec) + r"\b")
        stop = re.compile(r"^#{2,3}\s+\d")
    else:
        head = re.compile(r"^##\s+" + re.escape(sec) + r"\.")
        stop = re.compile(r"^##\s+\d")
    start = next((i for i, ln in enumerate(lines) if head.match(ln)), None)
    if start is None:
        return None
    end = next((j for j in range(start + 1, len(lines)) if stop.match(lines[j])), len(lines))
    return "\n".join(lines[start:end])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("--facts", default="/work/shared/research/eurohpc-facts.md")
    args = ap.parse_args()

    errors = []
    data, raws = {}, {}
    for lang in LANGS:
        path = os.path.join(HERE, lang + ".yaml")
        with open(path, encoding="utf-8") as fh:
            items = yaml.safe_load(fh)
        if not isinstance(items, list):
            errors.append(f"{lang}: not a YAML list")
            items = []
        data[lang] = items
        raws[lang] = raw_blocks(path)

    anchors = data["en"]
    anchor_ids = [it.get("id") for it in anchors]
    want_ids = [f"p{i:02d}" for i in range(1, N_ITEMS + 1)]
    if anchor_ids != want_ids:
        errors.append("en: ids are not p01..p24 in order")

    facts_text = None
    if os.path.exists(args.facts):
        with open(args.facts, encoding="utf-8") as fh:
            facts_text = fh.read()

    questions = {}  # anchor id -> list of questions in all languages
    for lang in LANGS:
        for it in data[lang]:
            questions.setdefault(it.get("en", it.get("id")), []).append(str(it.get("question", "")))

    for lang in LANGS:
        items = data[lang]
        counts = {"document": 0, "fact": 0, "unanswerable": 0, "other": 0}
        ids = [it.get("id") for it in items]
        if len(items) != N_ITEMS:
            errors.append(f"{lang}: {len(items)} items, expected {N_ITEMS}")
        if len(set(ids)) != len(ids):
            errors.append(f"{lang}: duplicate ids")
        for pos, it in enumerate(items):
            k = kind(it)
            counts[k] += 1
            iid = it.get("id")
            if not str(it.get("question", "")).strip():
                errors.append(f"{lang}/{iid}: empty question")
            allowed = {"id", "question", "expect_any", "source", "abstain"}
            if lang != "en":
                allowed.add("en")
            extra = set(it) - allowed
            if extra:
                errors.append(f"{lang}/{iid}: unexpected keys {sorted(extra)}")
            if k == "unanswerable" and ("expect_any" in it or "source" in it):
                errors.append(f"{lang}/{iid}: abstain item carries expect_any/source")
            if k in ("document", "fact") and not it.get("expect_any"):
                errors.append(f"{lang}/{iid}: answerable item without expect_any")
            if lang == "en":
                continue
            anchor = it.get("en")
            if pos >= len(anchor_ids) or anchor != anchor_ids[pos]:
                errors.append(f"{lang}/{iid}: en field does not name the anchor at this position")
                continue
            if iid != f"{anchor}-{lang}":
                errors.append(f"{lang}/{iid}: id is not {anchor}-{lang}")
            a_lines = shared_lines(raws["en"].get(anchor, []))
            t_lines = shared_lines(raws[lang].get(iid, []))
            for key in SHARED_KEYS:
                if a_lines[key] != t_lines[key]:
                    errors.append(f"{lang}/{iid}: '{key}' line differs from anchor {anchor}")
        print(
            f"{lang}.yaml: {len(items)} items: {counts['document']} document, "
            f"{counts['fact']} fact, {counts['unanswerable']} unanswerable, {counts['other']} other"
        )
        for k, n in EXPECTED_KINDS.items():
            if counts[k] != n:
                errors.append(f"{lang}: {counts[k]} {k} items, expected {n}")
        if counts["other"]:
            errors.append(f"{lang}: {counts['other']} items of unknown kind")

    # regex checks on the anchors (shared lines are identical, so once is enough)
    n_src_ok = n_src = n_q_clean = n_rx = 0
    for it in anchors:
        exps = it.get("expect_any") or []
        compiled = []
        for rx in exps:
            n_rx += 1
            try:
                compiled.append(re.compile(rx, re.IGNORECASE))
            except re.error:
                errors.append(f"{it.get('id')}: regex does not compile")
        if not compiled:
            continue
        n_src += 1
        src = str(it.get("source", ""))
        text = None
        if src.startswith("corpus:"):
            p = os.path.join(args.corpus, src[len("corpus:") :])
            if os.path.exists(p):
                with open(p, encoding="utf-8") as fh:
                    text = fh.read()
            else:
                errors.append(f"{it.get('id')}: cited corpus page not found")
        elif src.startswith("facts:") and facts_text is not None:
            text = facts_section(facts_text, src[len("facts:") :])
            if text is None:
                errors.append(f"{it.get('id')}: cited facts section not found")
        if text is not None and any(c.search(text) for c in compiled):
            n_src_ok += 1
        elif text is not None:
            errors.append(f"{it.get('id')}: no regex matches the cited source")
        qs = questions.get(it.get("id"), [])
        if any(c.search(q) for c in compiled for q in qs):
            errors.append(f"{it.get('id')}: a regex matches its own question in some language")
        else:
            n_q_clean += 1

    print(
        f"regexes: {n_rx} compiled; source match {n_src_ok}/{n_src} items; "
        f"own-question clean {n_q_clean}/{n_src} items (6 languages)"
    )
    total = sum(len(data[lang]) for lang in LANGS)
    print(f"total: {total} items in {len(LANGS)} files")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
