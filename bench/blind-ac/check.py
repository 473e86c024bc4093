#!/usr/bin/env python3
"""Check blind evaluation set AC (set-ac.yaml) against its built corpus.

    python3 bench/blind-ac/check.py [--set FILE] [--corpus DIR] [--facts FILE]

Checks, printing counts only (never a question or an expected answer, so that the people
who tune hpcbot can run it and stay blind):
  * 60 items with ids ac01..ac60 in order, and the kinds by range: ac01-ac42 document
    questions (`source: corpus:...`), ac43-ac54 fact-sheet questions (`source: facts:N`),
    ac55-ac60 items to decline (`abstain: true`, no source, no expect_any);
  * every item has a non-empty question and only known keys;
  * at least 8 document questions cite a PDF and at least 12 an HTML page;
  * every `corpus:` source exists in the built corpus (--corpus, default /work/eval/corpus-ac);
  * every expect_any regex compiles (Python `re`, case-insensitive);
  * at least one expect_any regex of each document question matches the text of its source
    file (PDF through `pdftotext -layout`, HTML with tags, scripts and styles stripped, other
    files as they are; the text is tried as extracted and with whitespace collapsed);
  * if the fact sheet is found (--facts, default /work/shared/research/eurohpc-facts.md), at
    least one expect_any regex of each fact question matches its section's text;
  * no expect_any regex matches its own question.
Exit status 0 when every check passes, 1 otherwise (the failing ids and checks are named).
Needs Python 3 with PyYAML, and pdftotext (poppler-utils) for the PDF sources.
"""

import argparse
import html
import html.parser
import os
import re
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
N_ITEMS = 60
DOC_IDS = range(1, 43)
FACT_IDS = range(43, 55)
ABSTAIN_IDS = range(55, 61)
MIN_PDF = 8
MIN_HTML = 12
KEYS = {"id", "question", "expect_any", "source", "abstain"}


class _Text(html.parser.HTMLParser):
    """HTML to text: drop tags, scripts and styles; break lines at block elements."""

    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "dt",
        "dd",
        "table",
        "section",
        "article",
        "blockquote",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(path):
    parser = _Text()
    with open(path, encoding="utf-8", errors="replace") as f:
        parser.feed(f.read())
    parser.close()
    return html.unescape("".join(parser.out))


def pdf_text(path):
    try:
        res = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, check=True)
    except FileNotFoundError:
        raise SystemExit("check.py: pdftotext not found (install poppler-utils)") from None
    except subprocess.CalledProcessError as e:
        raise SystemExit(f"check.py: pdftotext failed on {path}: {e.stderr.decode()[:200]}") from e
    return res.stdout.decode("utf-8", errors="replace")


def doc_text(path):
    low = path.lower()
    if low.endswith(".pdf"):
        return pdf_text(path)
    if low.endswith((".html", ".htm")):
        return html_text(path)
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def fact_sections(path):
    """Map section numbers ("1.3", "2", ...) of the fact sheet to their text."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    heads = []
    for i, line in enumerate(lines):
        m = re.match(r"^(#{2,3})\s+(\d+(?:\.\d+)?)\.?\s", line)
        if m:
            heads.append((i, len(m.group(1)), m.group(2)))
    sections = {}
    for k, (i, level, num) in enumerate(heads):
        end = len(lines)
        for j, lvl, _ in heads[k + 1 :]:
            if lvl <= level:
                end = j
                break
        sections[num] = "\n".join(lines[i:end])
    return sections


def any_match(regexes, text):
    collapsed = re.sub(r"\s+", " ", text)
    return any(re.search(rx, t, re.IGNORECASE) for rx in regexes for t in (text, collapsed))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default=os.path.join(HERE, "set-ac.yaml"))
    ap.add_argument("--corpus", default="/work/eval/corpus-ac")
    ap.add_argument("--facts", default="/work/shared/research/eurohpc-facts.md")
    args = ap.parse_args()

    errors = []
    with open(args.set, encoding="utf-8") as f:
        items = yaml.safe_load(f)
    if not isinstance(items, list):
        raise SystemExit("check.py: the set file must be a YAML list")
    if len(items) != N_ITEMS:
        errors.append(f"expected {N_ITEMS} items, found {len(items)}")

    sections = fact_sections(args.facts) if os.path.isfile(args.facts) else None
    texts = {}
    counts = {"document": 0, "fact": 0, "abstain": 0}
    per_source = {}
    n_pdf = n_html = 0

    for n, item in enumerate(items, 1):
        want = f"ac{n:02d}"
        iid = item.get("id") if isinstance(item, dict) else None
        tag = iid or f"item #{n}"
        if not isinstance(item, dict):
            errors.append(f"{tag}: not a mapping")
            continue
        if iid != want:
            errors.append(f"{tag}: id out of order (expected {want})")
        extra = set(item) - KEYS
        if extra:
            errors.append(f"{tag}: unknown keys {sorted(extra)}")
        question = item.get("question")
        if not isinstance(question, str) or not question.strip():
            errors.append(f"{tag}: missing question")
            question = ""
        source = item.get("source")
        regexes = item.get("expect_any")

        if n in ABSTAIN_IDS:
            counts["abstain"] += 1
            if item.get("abstain") is not True:
                errors.append(f"{tag}: must have abstain: true")
            if source is not None or regexes is not None:
                errors.append(f"{tag}: an item to decline has no source and no expect_any")
            continue

        if item.get("abstain"):
            errors.append(f"{tag}: abstain outside ac55-ac60")
        if (
            not isinstance(regexes, list)
            or not regexes
            or not all(isinstance(r, str) and r for r in regexes)
        ):
            errors.append(f"{tag}: expect_any must be a non-empty list of strings")
            continue
        bad = False
        for rx in regexes:
            try:
                re.compile(rx, re.IGNORECASE)
            except re.error as e:
                errors.append(f"{tag}: regex does not compile ({e})")
                bad = True
        if bad:
            continue
        if any(re.search(rx, question, re.IGNORECASE) for rx in regexes):
            errors.append(f"{tag}: an expect_any regex matches the question itself")

        if n in DOC_IDS:
            counts["document"] += 1
            if not isinstance(source, str) or not source.startswith("corpus:"):
                errors.append(f"{tag}: source must be corpus:<path>")
                continue
            rel = source[len("corpus:") :]
            path = os.path.join(args.corpus, rel)
            if not os.path.isfile(path):
                errors.append(f"{tag}: source file not in the corpus: {rel}")
                continue
            per_source[rel] = per_source.get(rel, 0) + 1
            if rel.lower().endswith(".pdf"):
                n_pdf += 1
            elif rel.lower().endswith((".html", ".htm")):
                n_html += 1
            if rel not in texts:
                texts[rel] = doc_text(path)
            if not any_match(regexes, texts[rel]):
                errors.append(f"{tag}: no expect_any regex matches the text of {rel}")
        elif n in FACT_IDS:
            counts["fact"] += 1
            m = re.fullmatch(r"facts:(\d+(?:\.\d+)?)", source or "")
            if not m:
                errors.append(f"{tag}: source must be facts:<section>")
                continue
            key = f"facts:{m.group(1)}"
            per_source[key] = per_source.get(key, 0) + 1
            if sections is not None:
                sec = sections.get(m.group(1))
                if sec is None:
                    errors.append(f"{tag}: no section {m.group(1)} in the fact sheet")
                elif not any_match(regexes, sec):
                    errors.append(
                        f"{tag}: no expect_any regex matches fact-sheet section {m.group(1)}"
                    )

    if n_pdf < MIN_PDF:
        errors.append(f"only {n_pdf} document questions cite a PDF (at least {MIN_PDF})")
    if n_html < MIN_HTML:
        errors.append(f"only {n_html} document questions cite an HTML page (at least {MIN_HTML})")

    print(
        f"{len(items)} items: {counts['document']} document ({n_pdf} PDF, {n_html} HTML, "
        f"{counts['document'] - n_pdf - n_html} other), {counts['fact']} fact, "
        f"{counts['abstain']} to decline"
    )
    for src in sorted(per_source):
        print(f"  {per_source[src]:2d}  {src}")
    if sections is None:
        print("note: fact sheet not found; fact questions checked for form only")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print(f"  {e}")
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
