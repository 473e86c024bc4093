"""Consistency check for multilingual blind set "s".

Run from anywhere: ``python3 check.py``. It prints counts only (never a question or an
expected answer) and exits with status 1 if any check fails.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = Path("/work/shared/corpus")
FACTS = Path("/work/shared/research/eurohpc-facts.md")
LANGS = ("en", "de", "fr", "it", "es", "pl")
N_ITEMS = 24
WANT = {"document": 14, "fact": 7, "unanswerable": 3}
ANCHOR_KEYS = {"id", "question", "expect_any", "source", "abstain"}
SHARED_PREFIXES = ("  source:", "  expect_any:", "  abstain:")
ID_RE = re.compile(r"^s(\d{2})$")
COMMENT_RE = re.compile(r"^# (s\d{2}): \S")


def collapse(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return re.sub(r"\s+", " ", text).strip()


def fact_sections() -> dict[str, str]:
    """Return the fact-sheet sections 1.0 to 1.4 (### level) and 2, 3 (## level)."""
    lines = FACTS.read_text(encoding="utf-8").splitlines()
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        sub = re.match(r"^### (1\.\d) ", line)
        top = re.match(r"^## (\d)\. ", line)
        if sub:
            current = sub.group(1)
        elif top:
            current = top.group(1) if top.group(1) in ("2", "3") else None
        elif line.startswith("### ") and current not in ("2", "3"):
            current = None
        if current is not None:
            sections.setdefault(current, []).append(line)
    return {key: collapse("\n".join(body)) for key, body in sections.items()}


def kind(item: dict[str, Any]) -> str:
    """Classify an item as document, fact, unanswerable or other."""
    source = item.get("source")
    if item.get("abstain") is True and source is None and "expect_any" not in item:
        return "unanswerable"
    if not isinstance(item.get("expect_any"), list) or not isinstance(source, str):
        return "other"
    if source.startswith("corpus:"):
        return "document"
    if source.startswith("facts:"):
        return "fact"
    return "other"


def raw_blocks(text: str) -> list[tuple[str | None, list[str]]]:
    """Split a YAML file into (comment above, item lines) pairs, one per list item."""
    blocks: list[tuple[str | None, list[str]]] = []
    comment: str | None = None
    for line in text.splitlines():
        if line.startswith("- id:"):
            blocks.append((comment, [line]))
            comment = None
        elif line.startswith("# s"):
            comment = line
        elif line.startswith("  ") and blocks:
            blocks[-1][1].append(line)
    return blocks


def shared_lines(lines: list[str]) -> list[str]:
    """Return the raw source, expect_any and abstain lines of one item."""
    return [line for line in lines if line.startswith(SHARED_PREFIXES)]


def load(lang: str) -> tuple[list[dict[str, Any]], list[tuple[str | None, list[str]]]]:
    """Load one language file, parsed and raw."""
    text = (HERE / f"{lang}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    items = data if isinstance(data, list) else []
    return [item for item in items if isinstance(item, dict)], raw_blocks(text)


def source_text(source: str, facts: dict[str, str]) -> str | None:
    """Return the whitespace-collapsed text a source names, or None if it is missing."""
    if source.startswith("corpus:"):
        path = CORPUS / source.removeprefix("corpus:")
        return collapse(path.read_text(encoding="utf-8")) if path.is_file() else None
    return facts.get(source.removeprefix("facts:"))


def check_file(
    lang: str,
    items: list[dict[str, Any]],
    blocks: list[tuple[str | None, list[str]]],
    anchors: list[dict[str, Any]],
    anchor_blocks: list[tuple[str | None, list[str]]],
) -> list[str]:
    """Check counts, ids, keys, comments and byte-identical lines of one file."""
    errors: list[str] = []
    counts = {"document": 0, "fact": 0, "unanswerable": 0, "other": 0}
    for item in items:
        counts[kind(item)] += 1
    print(
        f"{lang}.yaml: {len(items)} items: {counts['document']} document, "
        f"{counts['fact']} fact, {counts['unanswerable']} unanswerable, {counts['other']} other"
    )
    if len(items) != N_ITEMS or len(blocks) != N_ITEMS or counts["other"]:
        errors.append(f"{lang}: wrong number of items or unknown kinds")
    if any(counts[name] != want for name, want in WANT.items()):
        errors.append(f"{lang}: counts by kind differ from 14/7/3")
    keys = ANCHOR_KEYS if lang == "en" else ANCHOR_KEYS | {"en"}
    for pos, (item, block) in enumerate(zip(items, blocks, strict=False)):
        anchor_id = f"s{pos + 1:02d}"
        want_id = anchor_id if lang == "en" else f"{anchor_id}-{lang}"
        if item.get("id") != want_id:
            errors.append(f"{lang}: item {pos + 1} has a wrong id")
        if lang != "en" and item.get("en") != anchor_id:
            errors.append(f"{lang}: item {pos + 1} has a wrong en: anchor")
        if set(item) - keys or not isinstance(item.get("question"), str):
            errors.append(f"{lang}: item {pos + 1} has unexpected keys or no question")
        comment = block[0]
        match = COMMENT_RE.match(comment or "")
        if match is None or match.group(1) != anchor_id:
            errors.append(f"{lang}: item {pos + 1} has no matching # sNN: comment")
        if pos < len(anchor_blocks):
            if comment != anchor_blocks[pos][0]:
                errors.append(f"{lang}: item {pos + 1} comment differs from en.yaml")
            if shared_lines(block[1]) != shared_lines(anchor_blocks[pos][1]):
                errors.append(f"{lang}: item {pos + 1} source/expect_any/abstain lines differ")
        if pos < len(anchors) and kind(item) != kind(anchors[pos]):
            errors.append(f"{lang}: item {pos + 1} kind differs from en.yaml")
    return errors


def check_regexes(
    anchors: list[dict[str, Any]], questions: dict[str, list[str]], facts: dict[str, str]
) -> tuple[list[str], int, int]:
    """Check that regexes compile, match their source and miss their own questions."""
    errors: list[str] = []
    pages: set[str] = set()
    sections: set[str] = set()
    for pos, item in enumerate(anchors):
        patterns = item.get("expect_any")
        source = item.get("source")
        if not isinstance(patterns, list) or not isinstance(source, str):
            continue
        (pages if source.startswith("corpus:") else sections).add(source)
        compiled: list[re.Pattern[str]] = []
        for pattern in patterns:
            try:
                compiled.append(re.compile(str(pattern), re.IGNORECASE))
            except re.error:
                errors.append(f"item {pos + 1}: a regex does not compile")
        text = source_text(source, facts)
        if text is None:
            errors.append(f"item {pos + 1}: cited source not found")
        elif not any(rx.search(text) for rx in compiled):
            errors.append(f"item {pos + 1}: no regex matches the cited source")
        for lang in LANGS:
            own = questions[lang][pos] if pos < len(questions[lang]) else ""
            if any(rx.search(own) for rx in compiled):
                errors.append(f"item {pos + 1}: a regex matches the {lang} question")
    return errors, len(pages), len(sections)


def main() -> int:
    """Run every check and print counts only."""
    facts = fact_sections()
    anchors, anchor_blocks = load("en")
    errors: list[str] = []
    questions: dict[str, list[str]] = {}
    for lang in LANGS:
        items, blocks = load(lang)
        errors += check_file(lang, items, blocks, anchors, anchor_blocks)
        questions[lang] = [str(item.get("question", "")) for item in items]
    regex_errors, n_pages, n_sections = check_regexes(anchors, questions, facts)
    errors += regex_errors
    print(f"distinct pages: {n_pages}, distinct fact sections: {n_sections}")
    if n_pages != WANT["document"] or n_sections != WANT["fact"]:
        errors.append("sources are not 14 different pages and 7 different fact sections")
    for error in errors:
        print("FAIL:", error)
    print(f"errors: {len(errors)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
