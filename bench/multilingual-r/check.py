#!/usr/bin/env python3
"""Consistency check for multilingual blind set "r".

Per file: 24 items; counts by kind (document = `corpus:` source, fact =
`facts:` source, unanswerable = `abstain: true`); ids r01..r24 in en.yaml and
r01-<lang>..r24-<lang> in the other files, in the same order; `en:` names the
anchor at the same position; a `# rNN:` comment stands above every item; no
unexpected keys; the raw `source:`, `expect_any:` and `abstain:` lines are
byte-identical to the anchor's.

On the anchors: 14 different pages and 7 different fact-sheet sections; every
regex compiles; at least one regex per answerable item matches the cited page
(or the cited section of eurohpc-facts.md), whitespace-collapsed; no regex
matches the item's own question in any of the six languages.

Prints counts only, never a question or an expected answer. Exit status 0 if
every check passes.

Usage: python3 check.py [--corpus DIR] [--facts FILE]
"""

import argparse
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LANGS = ["en", "de", "fr", "it", "es", "pl"]
N_ITEMS = 24
WANT = {"document": 14, "fact": 7, "unanswerable": 3, "other": 0}
SHARED = ("source", "expect_any", "abstain")
ANSWERABLE_KEYS = {"id", "question", "expect_any", "source"}
ABSTAIN_KEYS = {"id", "question", "abstain"}


def kind_of(item):
    if item.get("abstain") is True:
        return "unanswerable"
    source = str(item.get("source", ""))
    if source.startswith("corpus:"):
        return "document"
    if source.startswith("facts:"):
        return "fact"
    return "other"


def raw_items(path):
    """For each item id: its raw indented lines and whether a `# rNN:` comment precedes it."""
    items = {}
    current = None
    previous = b""
    for line in path.read_bytes().split(b"\n"):
        if line.startswith(b"- id: "):
            current = line[len(b"- id: ") :].decode("utf-8").strip()
            commented = re.match(rb"# r\d\d: \S", previous) is not None
            items[current] = {"lines": [], "commented": commented}
        elif current is not None and line.startswith(b"  "):
            items[current]["lines"].append(line)
        previous = line
    return items


def shared_line(lines, key):
    prefix = b"  " + key.encode() + b":"
    found = [line for line in lines if line.startswith(prefix)]
    return found[0] if len(found) == 1 else len(found)


def facts_section(text, section):
    """Text of `section` of eurohpc-facts.md: "1.0".."1.5" are ### headings, "2", "3" are ## ones."""
    if "." in section:
        head = re.compile(r"^###\s+" + re.escape(section) + r"\s")
        stop = re.compile(r"^#{2,3}\s+\d")
    else:
        head = re.compile(r"^##\s+" + re.escape(section) + r"\.\s")
        stop = re.compile(r"^##\s+\d")
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if head.match(line)), None)
    if start is None:
        return None
    end = next((j for j in range(start + 1, len(lines)) if stop.match(lines[j])), len(lines))
    return "\n".join(lines[start:end])


def source_text(source, corpus, facts_text):
    """Whitespace-collapsed text of the cited page or fact-sheet section (None if missing)."""
    text = None
    if source.startswith("corpus:"):
        path = corpus / source[len("corpus:") :]
        text = path.read_text(encoding="utf-8") if path.is_file() else None
    elif source.startswith("facts:"):
        text = facts_section(facts_text, source[len("facts:") :])
    return None if text is None else " ".join(text.split())


def check_file(lang, items, raw, anchor_ids, anchor_raw, errors):
    counts = dict.fromkeys(WANT, 0)
    if len(items) != N_ITEMS:
        errors.append(f"{lang}: {len(items)} items, expected {N_ITEMS}")
    for pos, item in enumerate(items):
        kind = kind_of(item)
        counts[kind] += 1
        want_anchor = anchor_ids[pos] if pos < len(anchor_ids) else None
        iid = item.get("id")
        where = f"{lang} item {pos + 1}"
        if not str(item.get("question", "")).strip():
            errors.append(f"{where}: empty question")
        allowed = ABSTAIN_KEYS if kind == "unanswerable" else ANSWERABLE_KEYS
        if lang != "en":
            allowed = allowed | {"en"}
        if set(item) != allowed:
            errors.append(f"{where}: keys are not {sorted(allowed)}")
        if "abstain" in item and item["abstain"] is not True:
            errors.append(f"{where}: abstain must be true")
        if lang == "en":
            if iid != f"r{pos + 1:02d}":
                errors.append(f"{where}: id is not r{pos + 1:02d}")
        else:
            if item.get("en") != want_anchor:
                errors.append(f"{where}: en does not name the anchor at this position")
            if iid != f"{item.get('en')}-{lang}":
                errors.append(f"{where}: id is not <en>-{lang}")
        block = raw.get(iid)
        if block is None:
            errors.append(f"{where}: raw item not found")
            continue
        if not block["commented"]:
            errors.append(f"{where}: no '# rNN:' comment above the item")
        if lang != "en":
            anchor_lines = anchor_raw.get(want_anchor, {"lines": []})["lines"]
            for key in SHARED:
                if shared_line(block["lines"], key) != shared_line(anchor_lines, key):
                    errors.append(f"{where}: raw '{key}' line differs from the anchor's")
    for kind, n in WANT.items():
        if counts[kind] != n:
            errors.append(f"{lang}: {counts[kind]} {kind} items, expected {n}")
    print(
        f"{lang}.yaml: {len(items)} items: {counts['document']} document, {counts['fact']} fact, "
        f"{counts['unanswerable']} unanswerable, {counts['other']} other"
    )


def check_regexes(anchors, questions, corpus, facts_text, errors):
    n_regex = n_answerable = n_source_ok = n_clean = 0
    pages, sections = set(), set()
    for item in anchors:
        if kind_of(item) == "unanswerable":
            continue
        n_answerable += 1
        aid = item.get("id")
        source = str(item.get("source", ""))
        if source.startswith("corpus:"):
            pages.add(source)
        elif source.startswith("facts:"):
            sections.add(source)
        compiled = []
        for rx in item.get("expect_any") or []:
            n_regex += 1
            try:
                compiled.append(re.compile(rx, re.IGNORECASE))
            except (re.error, TypeError):
                errors.append(f"{aid}: a regex does not compile")
        if not compiled:
            errors.append(f"{aid}: no usable regex")
            continue
        text = source_text(source, corpus, facts_text)
        if text is None:
            errors.append(f"{aid}: cited source not found")
        elif any(rx.search(text) for rx in compiled):
            n_source_ok += 1
        else:
            errors.append(f"{aid}: no regex matches the cited source")
        own = questions.get(aid, [])
        if len(own) != len(LANGS):
            errors.append(f"{aid}: found in {len(own)} of {len(LANGS)} languages")
        if any(rx.search(q) for rx in compiled for q in own):
            errors.append(f"{aid}: a regex matches its own question in some language")
        else:
            n_clean += 1
    if len(pages) != WANT["document"]:
        errors.append(f"{len(pages)} different corpus pages, expected {WANT['document']}")
    if len(sections) != WANT["fact"]:
        errors.append(f"{len(sections)} different fact sections, expected {WANT['fact']}")
    print(
        f"regexes: {n_regex} compiled; source match {n_source_ok}/{n_answerable} items; "
        f"own-question clean {n_clean}/{n_answerable} items (6 languages)"
    )
    print(f"sources: {len(pages)} different pages, {len(sections)} different fact sections")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="/work/shared/corpus")
    parser.add_argument("--facts", default="/work/shared/research/eurohpc-facts.md")
    args = parser.parse_args()

    errors = []
    data, raws = {}, {}
    for lang in LANGS:
        path = HERE / f"{lang}.yaml"
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            errors.append(f"{lang}: not a YAML list of mappings")
            items = []
        data[lang] = items
        raws[lang] = raw_items(path)

    anchor_ids = [item.get("id") for item in data["en"]]
    for lang in LANGS:
        check_file(lang, data[lang], raws[lang], anchor_ids, raws["en"], errors)

    questions = {}
    for lang in LANGS:
        for item in data[lang]:
            anchor = item.get("id") if lang == "en" else item.get("en")
            questions.setdefault(anchor, []).append(str(item.get("question", "")))
    facts_text = Path(args.facts).read_text(encoding="utf-8")
    check_regexes(data["en"], questions, Path(args.corpus), facts_text, errors)

    print(f"total: {sum(len(v) for v in data.values())} items in {len(LANGS)} files")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for error in errors:
            print("  " + error)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
