#!/usr/bin/env python3
"""Consistency check for the hpcbot blind set 'multilingual-x'.

Usage:  python3 check.py            (shared dir from $HPCBOT_SHARED_DIR, default /work/shared)

Checks, for en.yaml and its translations de/fr/it/es/pl.yaml:
  * every file parses and holds exactly 24 items, ids x01..x24 (translations x01-<lang> ...,
    with `en: xNN` pointing at the anchor in the same position);
  * the `source:`, `expect_any:` and `abstain:` lines of a translation are byte-identical to the
    anchor's, and the `# xNN:` comment above each item is identical in all six files;
  * counts: 17 corpus items, 4 facts items, 3 abstain items (abstain items carry no
    expect_any/source; all others carry both);
  * every source exists (corpus file, or fact-sheet section), every regex compiles;
  * at least one regex of each answerable item matches its source text (whitespace normalised;
    for facts:<n> the text of that fact-sheet section only);
  * no regex of an item matches the item's question in any of the six languages;
  * each translation has exactly 3 questions typed without diacritics (German: no ä/ö/ü/ß).
Exit status 0 if all checks pass, 1 otherwise.
"""

import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("HPCBOT_SHARED_DIR", "/work/shared")
CORPUS = os.path.join(SHARED, "corpus")
FACTS = os.path.join(SHARED, "research", "eurohpc-facts.md")
LANGS = ["en", "de", "fr", "it", "es", "pl"]
N_ITEMS = 24
FIELD_LINES = ("source:", "expect_any:", "abstain:")

errors = []


def err(msg):
    errors.append(msg)


# ---------------------------------------------------------------- parsing
def load_yaml(path):
    try:
        import yaml  # PyYAML
    except ImportError:
        return None
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def raw_blocks(path):
    """Split the file into item blocks by raw lines: {id: {'comment': str, 'lines': {field: line}}}.
    Also returns the order of ids. Works without PyYAML and serves the byte-identity checks."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    blocks, order, cur, last_comment = {}, [], None, None
    for line in text.split("\n"):
        if line.startswith("# x") and re.match(r"# x\d\d: ", line):
            last_comment = line
            continue
        m = re.match(r"- id: (\S+)\s*$", line)
        if m:
            cur = m.group(1)
            if cur in blocks:
                err(f"{os.path.basename(path)}: duplicate id {cur}")
            blocks[cur] = {"comment": last_comment, "lines": {}, "fields": {}}
            order.append(cur)
            last_comment = None
            continue
        if cur and line.startswith("  ") and not line.startswith("   "):
            key = line.strip().split(":", 1)[0]
            blocks[cur]["lines"][key] = line
    return blocks, order


def fallback_parse(path):
    """Minimal parser for this file's restricted format, used only if PyYAML is missing."""
    blocks, order = raw_blocks(path)
    items = []
    for iid in order:
        d = {"id": iid}
        for key, line in blocks[iid]["lines"].items():
            val = line.split(":", 1)[1].strip()
            if key == "expect_any":
                d[key] = re.findall(r"'((?:[^']|'')*)'", val)
                d[key] = [s.replace("''", "'") for s in d[key]]
            elif key == "question":
                d[key] = val[1:-1] if val.startswith('"') else val
            elif key == "abstain":
                d[key] = val == "true"
            else:
                d[key] = val
        items.append(d)
    return items


# ---------------------------------------------------------------- sources
def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def facts_sections():
    """Map '1.0'..'1.5' to the text of the ### subsections of '## 1.', and '2', '3', ... to the
    whole '## N.' sections (heading line included)."""
    secs, heads = {}, {}
    if not os.path.isfile(FACTS):
        err(f"fact sheet not found: {FACTS}")
        return secs, heads
    with open(FACTS, encoding="utf-8") as f:
        lines = f.read().split("\n")
    cur_top, cur_sub = None, None
    for line in lines:
        m2 = re.match(r"## (\d+)\. (.*)", line)
        m3 = re.match(r"### (\d+\.\d+) (.*)", line)
        if m2:
            cur_top, cur_sub = m2.group(1), None
            secs[cur_top] = []
            heads[cur_top] = line
        elif m3:
            cur_sub = m3.group(1)
            secs[cur_sub] = []
            heads[cur_sub] = line
        elif line.startswith("### "):
            cur_sub = None  # a ### that is not numbered ends a numbered subsection
        for key in (cur_top, cur_sub):
            if key is not None and key in secs:
                secs[key].append(line)
    return {k: "\n".join(v) for k, v in secs.items()}, heads


def source_text(src, facts):
    if src.startswith("corpus:"):
        p = os.path.join(CORPUS, src[len("corpus:") :])
        if not os.path.isfile(p):
            return None
        with open(p, encoding="utf-8") as f:
            return f.read()
    if src.startswith("facts:"):
        return facts.get(src[len("facts:") :])
    return None


def has_diacritic(s):
    for ch in s:
        if ch in "ßłŁøØđĐ":
            return True
        if ch.isalpha() and any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch)):
            return True
    return False


# ---------------------------------------------------------------- checks
def main():
    facts, heads = facts_sections()
    data, raws = {}, {}
    for lang in LANGS:
        path = os.path.join(HERE, f"{lang}.yaml")
        if not os.path.isfile(path):
            err(f"missing {lang}.yaml")
            continue
        items = load_yaml(path)
        if items is None:
            items = fallback_parse(path)
        if not isinstance(items, list):
            err(f"{lang}.yaml: top level is not a list")
            continue
        data[lang] = items
        raws[lang] = raw_blocks(path)
    if "en" not in data:
        return report(facts, heads)

    en = data["en"]
    if len(en) != N_ITEMS:
        err(f"en.yaml: {len(en)} items, expected {N_ITEMS}")
    want_ids = [f"x{i:02d}" for i in range(1, N_ITEMS + 1)]
    if [it.get("id") for it in en] != want_ids:
        err("en.yaml: ids are not x01..x24 in order")

    # kinds and counts
    kinds = {"corpus": 0, "facts": 0, "abstain": 0}
    compiled = {}
    for it in en:
        iid = it.get("id")
        if it.get("abstain") is True:
            kinds["abstain"] += 1
            if "expect_any" in it or "source" in it:
                err(f"{iid}: abstain item must not have expect_any/source")
            continue
        src, rx = it.get("source"), it.get("expect_any")
        if not isinstance(src, str) or not isinstance(rx, list) or not rx:
            err(f"{iid}: answerable item needs source and a non-empty expect_any list")
            continue
        if src.startswith("corpus:"):
            kinds["corpus"] += 1
        elif src.startswith("facts:"):
            kinds["facts"] += 1
        else:
            err(f"{iid}: source must be corpus:<path> or facts:<n>: {src}")
        pats = []
        for r in rx:
            try:
                pats.append(re.compile(r, re.IGNORECASE))
            except re.error as e:
                err(f"{iid}: regex does not compile: {r!r}: {e}")
        compiled[iid] = pats
        text = source_text(src, facts)
        if text is None:
            err(f"{iid}: source not found: {src}")
            continue
        if not any(p.search(norm(text)) or p.search(text) for p in pats):
            err(f"{iid}: no expect_any regex matches the source text of {src}")
    if kinds != {"corpus": 17, "facts": 4, "abstain": 3}:
        err(f"en.yaml: counts {kinds}, expected corpus 17 / facts 4 / abstain 3")
    corpus_pages = [it["source"] for it in en if str(it.get("source", "")).startswith("corpus:")]
    if len(set(corpus_pages)) != len(corpus_pages):
        err("en.yaml: two document questions share a corpus page")

    # translations
    en_raw, _ = raws["en"]
    for lang in LANGS[1:]:
        if lang not in data:
            continue
        items = data[lang]
        blocks, order = raws[lang]
        if len(items) != N_ITEMS:
            err(f"{lang}.yaml: {len(items)} items, expected {N_ITEMS}")
        undiacritic = []
        for pos, it in enumerate(items):
            anchor = want_ids[pos] if pos < N_ITEMS else None
            iid = it.get("id")
            if iid != f"{anchor}-{lang}":
                err(f"{lang}.yaml item {pos + 1}: id {iid!r}, expected {anchor}-{lang}")
            if it.get("en") != anchor:
                err(f"{lang}.yaml {iid}: en: {it.get('en')!r}, expected {anchor}")
            if not isinstance(it.get("question"), str) or not it["question"].strip():
                err(f"{lang}.yaml {iid}: empty question")
            elif not has_diacritic(it["question"]):
                undiacritic.append(iid)
            if anchor not in en_raw or iid not in blocks:
                continue
            a, b = en_raw[anchor], blocks[iid]
            for key in ("source", "expect_any", "abstain"):
                if a["lines"].get(key) != b["lines"].get(key):
                    err(f"{lang}.yaml {iid}: `{key}:` line differs from en.yaml {anchor}")
            if a["comment"] != b["comment"]:
                err(f"{lang}.yaml {iid}: comment line differs from en.yaml {anchor}")
        if len(undiacritic) != 3:
            err(
                f"{lang}.yaml: {len(undiacritic)} questions without diacritics, expected 3: {undiacritic}"
            )
        else:
            print(f"{lang}: typed without diacritics: {', '.join(undiacritic)}")
    for iid in en_raw:
        if not en_raw[iid]["comment"]:
            err(f"en.yaml {iid}: missing '# {iid}: ...' comment above the item")

    # regexes must not match any question
    for pos, anchor in enumerate(want_ids):
        pats = compiled.get(anchor, [])
        for lang in LANGS:
            if lang not in data or pos >= len(data[lang]):
                continue
            q = str(data[lang][pos].get("question", ""))
            for p in pats:
                if p.search(q):
                    err(f"{anchor} ({lang}): regex {p.pattern!r} matches the question")
    return report(facts, heads, kinds)


def report(facts, heads, kinds=None):
    print(
        "facts sections:",
        ", ".join(
            f"{k} = {heads[k].lstrip('#').strip()}"
            for k in sorted(heads, key=lambda s: [int(x) for x in s.split(".")])
        ),
    )
    if kinds:
        print(
            f"items per file: 24; corpus {kinds['corpus']}, facts {kinds['facts']}, abstain {kinds['abstain']}; files: {', '.join(code + '.yaml' for code in LANGS)}"
        )
    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"{len(errors)} problem(s)")
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
