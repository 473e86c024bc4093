#!/usr/bin/env python3
"""Consistency check for the blind question set set-w.yaml.

Checks:
  * 40 items: 28 corpus items, 6 fact-sheet items, 6 abstain items; ids w01..w40, unique.
  * corpus items: source file exists under $HPCBOT_SHARED_DIR/corpus/ (default /work/shared);
    the 28 corpus sources are 28 different pages.
  * facts items: the section exists in $HPCBOT_SHARED_DIR/research/eurohpc-facts.md.
  * abstain items carry neither expect_any nor source.
  * every regex compiles; at least one regex of each item matches its source text
    (whitespace normalised); no regex matches the item's own question.

Facts-section convention: "facts:1.N" is the N-th (0-based) "###" subsection of "## 1.",
i.e. 1.0 is the first "###" under section 1 (section 1 has no text before its first "###");
the check also asserts that the heading's own number is "1.N". "facts:2" / "facts:3" are the
whole "## 2." / "## 3." sections (up to the next "## " heading).

Exit status 0 if all checks pass, 1 otherwise. Only reads files; never runs hpcbot.
"""

import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    yaml = None

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("HPCBOT_SHARED_DIR", "/work/shared")
CORPUS = os.path.join(SHARED, "corpus")
FACTS = os.path.join(SHARED, "research", "eurohpc-facts.md")
SET = os.path.join(HERE, "set-w.yaml")

errors = []


def err(msg):
    errors.append(msg)
    print("FAIL:", msg)


def norm(text):
    return re.sub(r"\s+", " ", text)


def load_items(path):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if yaml is not None:
        return yaml.safe_load(text)
    raise SystemExit("PyYAML is required (python3 -c 'import yaml')")


def facts_sections(path):
    """Return {section_id: text} for 1.0, 1.1, ... and the top-level ## sections."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    sections = {}
    top = None  # current "## N." number
    top_lines = {}  # N -> list of lines
    sub_key = None
    sub_lines = {}
    sub_count = {}
    pre_sub = {}  # text of a ## section before its first ###
    for line in lines:
        m2 = re.match(r"^## (\d+)\.", line)
        m3 = re.match(r"^### ", line)
        if m2:
            top = m2.group(1)
            top_lines[top] = [line]
            sub_key = None
            sub_count[top] = 0
            pre_sub[top] = []
            continue
        if line.startswith("## "):  # unnumbered ## heading ends a section
            top = None
            sub_key = None
            continue
        if top is None:
            continue
        top_lines[top].append(line)
        if m3 and top == "1":
            n = sub_count[top]
            sub_key = f"{top}.{n}"
            sub_count[top] = n + 1
            sub_lines[sub_key] = [line]
            own = re.match(r"^### (\d+\.\d+)\b", line)
            if own is None or own.group(1) != sub_key:
                err(f"facts heading numbering mismatch: {line!r} is subsection {sub_key}")
            continue
        if m3:  # a ### outside section 1 ends any 1.x subsection
            sub_key = None
            continue
        if sub_key is not None:
            sub_lines[sub_key].append(line)
        else:
            pre_sub[top].append(line)
    for k, v in top_lines.items():
        sections[k] = "\n".join(v)
    for k, v in sub_lines.items():
        sections[k] = "\n".join(v)
    # Convention check: section 1 must have no body text before its first ###.
    if "".join(pre_sub.get("1", [])).strip().strip("-").strip():
        err("section 1 has text before its first ### subsection; convention would shift")
    return sections


def main():
    items = load_items(SET)
    if not isinstance(items, list):
        err("set file is not a YAML list")
        return finish()

    ids = [it.get("id") for it in items]
    if len(ids) != len(set(ids)):
        err("duplicate ids")
    expected_ids = [f"w{i:02d}" for i in range(1, 41)]
    if sorted(ids) != expected_ids:
        err(f"ids are not exactly w01..w40: {ids}")

    corpus_items = [it for it in items if str(it.get("source", "")).startswith("corpus:")]
    facts_items = [it for it in items if str(it.get("source", "")).startswith("facts:")]
    abstain_items = [it for it in items if it.get("abstain") is True]
    print(
        f"counts: corpus={len(corpus_items)} facts={len(facts_items)} "
        f"abstain={len(abstain_items)} total={len(items)}"
    )
    if (len(corpus_items), len(facts_items), len(abstain_items), len(items)) != (28, 6, 6, 40):
        err("counts must be 28/6/6 (40 total)")

    pages = [it["source"] for it in corpus_items]
    if len(pages) != len(set(pages)):
        err("corpus items do not use 28 different pages")

    sections = facts_sections(FACTS)
    print("facts sections found: {}".format(", ".join(sorted(sections))))

    # all corpus page texts, for an informational "how many pages does the regex hit" count
    all_pages = {}
    for root, _dirs, files in os.walk(CORPUS):
        for f in files:
            if f.endswith(".md"):
                p = os.path.join(root, f)
                with open(p, encoding="utf-8") as fh:
                    all_pages[os.path.relpath(p, CORPUS)] = norm(fh.read())

    for it in items:
        iid = it.get("id")
        q = it.get("question")
        if not isinstance(q, str) or not q.strip():
            err(f"{iid}: empty question")
            continue
        if it.get("abstain") is True:
            if "expect_any" in it or "source" in it:
                err(f"{iid}: abstain item must not have expect_any/source")
            print(f"ok   {iid} abstain")
            continue
        src = str(it.get("source", ""))
        pats = it.get("expect_any")
        if not isinstance(pats, list) or not pats:
            err(f"{iid}: expect_any missing or empty")
            continue
        if src.startswith("corpus:"):
            rel = src[len("corpus:") :]
            path = os.path.join(CORPUS, rel)
            if not os.path.isfile(path):
                err(f"{iid}: corpus file missing: {path}")
                continue
            with open(path, encoding="utf-8") as fh:
                text = norm(fh.read())
        elif src.startswith("facts:"):
            key = src[len("facts:") :]
            if key not in sections:
                err(f"{iid}: facts section {key} not found")
                continue
            text = norm(sections[key])
        else:
            err(f"{iid}: unknown source {src!r}")
            continue
        compiled = []
        for p in pats:
            try:
                compiled.append(re.compile(p, re.IGNORECASE))
            except re.error as e:
                err(f"{iid}: regex {p!r} does not compile: {e}")
        if not compiled:
            continue
        hits = [c.pattern for c in compiled if c.search(text)]
        if not hits:
            err(f"{iid}: no regex matches its source {src}")
        selfhits = [c.pattern for c in compiled if c.search(q)]
        if selfhits:
            err(f"{iid}: regex matches its own question: {selfhits}")
        npages = sum(1 for t in all_pages.values() if any(c.search(t) for c in compiled))
        print(
            f"ok   {iid} {src:<60} matched={hits} corpus_pages_hit={npages}"
            if hits and not selfhits
            else f"bad  {iid} {src}"
        )
    return finish()


def finish():
    if errors:
        print(f"\nCHECK FAILED: {len(errors)} problem(s)")
        return 1
    print("\nCHECK PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
