#!/usr/bin/env python3
"""Consistency checker for the multilingual-ab blind evaluation set.

Checks, for en/de/fr/it/es/pl.yaml in this directory:

* every file holds 20 items, in the same order (ab01..ab20), with ids ``abNN`` (English) or
  ``abNN-<lang>`` plus ``en: abNN`` (translations);
* the ``source:``, ``expect_any:`` and ``abstain:`` lines, and the ``# abNN:`` comment above each
  item, are byte-identical across the six files;
* answerable items have a source and at least one regex; declines have ``abstain: true`` and
  neither a source nor regexes;
* every regex compiles, matches none of the six question texts of its item, at least one
  regex matches the cited source text (a corpus file, or a section of the fact sheet), and at
  least one matches the passage quoted in the item's comment;
* the page named in each comment is the cited source, and the quoted fragments and heading in
  each comment occur in that source;
* no two items cite the same passage: the 14 corpus questions cite 14 distinct pages and the
  three fact questions cite three different sections;
* the fact sheet is the version the set was written against (sha256);
* the items agreed to be typed without diacritics contain none, all other translated items
  contain at least one.

Usage: ``python3 check.py [--corpus DIR] [--facts FILE] [--dir DIR]``. Exit status 0 on success.
Needs Python 3.10+ and PyYAML.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LANGS: tuple[str, ...] = ("en", "de", "fr", "it", "es", "pl")
N_ITEMS = 20
CORPUS_ITEMS = range(1, 15)
FACT_ITEMS = range(15, 18)
DECLINE_ITEMS = range(18, 21)
FACTS_SHA256 = "363eede9e866f890c8cbbfde24fe3beb8dd909f4e56c4cf4136acaaabcc63c84"
NO_DIACRITICS: dict[str, set[str]] = {
    "de": {"ab01", "ab12"},
    "fr": {"ab03", "ab17"},
    "it": {"ab04", "ab19"},
    "es": {"ab06", "ab14"},
    "pl": {"ab08", "ab10"},
}
# Letters that carry a diacritic but have no canonical decomposition.
EXTRA_DIACRITICS = frozenset("ßłŁøØđĐħĦıŀĿ")
KEYED_LINES = ("  source:", "  expect_any:", "  abstain:")
COMMENT_RE = re.compile(
    r'^# (ab\d\d): (?P<page>.+?), section "(?P<heading>.+?)"(?: \([^)]*\))?: "(?P<quote>.*)"$'
)


@dataclass
class Item:
    """One question as parsed from a file, with its raw keyed lines and comment."""

    yid: str
    data: dict[str, Any]
    raw: list[str] = field(default_factory=list)
    comment: str = ""


class Checker:
    """Collects failures while running the checks."""

    def __init__(self, corpus: Path, facts: Path, folder: Path) -> None:
        self.corpus = corpus
        self.facts = facts
        self.folder = folder
        self.errors: list[str] = []
        self.n_checks = 0

    def expect(self, ok: bool, msg: str) -> bool:
        """Record one check; remember the message when it fails."""
        self.n_checks += 1
        if not ok:
            self.errors.append(msg)
        return ok


def has_diacritic(text: str) -> bool:
    """True if any letter in text carries a diacritic (é, ü, ą, ł, ß, ...)."""
    for ch in text:
        if ch in EXTRA_DIACRITICS:
            return True
        if ch.isalpha() and any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch)):
            return True
    return False


def norm_ws(text: str) -> str:
    """Collapse all whitespace runs to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def fact_sections(text: str) -> dict[str, str]:
    """Split the fact sheet: 1.0..1.5 are the ### parts of ## 1., 2 and 3 whole ## sections."""
    sections: dict[str, list[str]] = {}
    top: str | None = None
    sub: str | None = None
    n_sub = -1
    for line in text.splitlines():
        m_top = re.match(r"^## (\d+)\.", line)
        if m_top:
            top, sub, n_sub = m_top.group(1), None, -1
        elif line.startswith("## "):
            top, sub = None, None
        elif line.startswith("### ") and top == "1":
            n_sub += 1
            sub = f"1.{n_sub}"
        if top is not None:
            sections.setdefault(top, []).append(line)
        if sub is not None:
            sections.setdefault(sub, []).append(line)
    return {k: "\n".join(v) for k, v in sections.items()}


def load_items(chk: Checker, lang: str) -> list[Item]:
    """Parse one YAML file, and pair each item with its raw keyed lines and comment."""
    path = chk.folder / f"{lang}.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not chk.expect(isinstance(data, list), f"{lang}: top level is not a list"):
        return []
    blocks: list[list[str]] = []
    comments: list[str] = []
    prev = ""
    for line in text.splitlines():
        if line.startswith("- id:"):
            blocks.append([])
            comments.append(prev if prev.startswith("# ab") else "")
        elif blocks and line.startswith(KEYED_LINES):
            blocks[-1].append(line)
        prev = line
    chk.expect(len(blocks) == len(data), f"{lang}: raw blocks {len(blocks)} != items {len(data)}")
    items: list[Item] = []
    for i, entry in enumerate(data):
        yid = f"ab{i + 1:02d}"
        raw = blocks[i] if i < len(blocks) else []
        comment = comments[i] if i < len(comments) else ""
        items.append(
            Item(yid=yid, data=entry if isinstance(entry, dict) else {}, raw=raw, comment=comment)
        )
    return items


def check_structure(chk: Checker, sets: dict[str, list[Item]]) -> None:
    """Counts, order, ids, en links, and byte-identical keyed lines and comments."""
    for lang, items in sets.items():
        chk.expect(len(items) == N_ITEMS, f"{lang}: {len(items)} items, want {N_ITEMS}")
        for it in items:
            want = it.yid if lang == "en" else f"{it.yid}-{lang}"
            chk.expect(it.data.get("id") == want, f"{lang}: id {it.data.get('id')!r} != {want}")
            if lang == "en":
                chk.expect("en" not in it.data, f"en {it.yid}: has an en: link")
            else:
                chk.expect(it.data.get("en") == it.yid, f"{lang} {it.yid}: en link wrong")
            q = it.data.get("question")
            chk.expect(isinstance(q, str) and len(q) > 10, f"{lang} {it.yid}: no question")
            chk.expect(it.comment.startswith(f"# {it.yid}: "), f"{lang} {it.yid}: no comment")
    anchor = sets["en"]
    for lang in LANGS[1:]:
        for a, t in zip(anchor, sets[lang], strict=True):
            chk.expect(a.raw == t.raw, f"{lang} {a.yid}: source/expect_any/abstain lines differ")
            chk.expect(a.comment == t.comment, f"{lang} {a.yid}: comment line differs")


def check_kinds(chk: Checker, anchor: list[Item]) -> None:
    """Answerable items have source + regexes; declines have neither; page/section spread."""
    pages: list[str] = []
    fact_secs: list[str] = []
    for it in anchor:
        n = int(it.yid[2:])
        src = it.data.get("source")
        exp = it.data.get("expect_any")
        if n in DECLINE_ITEMS:
            chk.expect(it.data.get("abstain") is True, f"{it.yid}: decline without abstain: true")
            chk.expect(src is None and exp is None, f"{it.yid}: decline has source/expect_any")
            chk.expect(
                it.comment.startswith(f"# {it.yid}: decline"),
                f"{it.yid}: decline comment must say why",
            )
            continue
        chk.expect("abstain" not in it.data, f"{it.yid}: answerable item has abstain")
        chk.expect(
            isinstance(exp, list) and len(exp) > 0 and all(isinstance(e, str) for e in exp),
            f"{it.yid}: expect_any missing or not a list of strings",
        )
        prefix = "corpus:" if n in CORPUS_ITEMS else "facts:"
        if not isinstance(src, str) or not src.startswith(prefix):
            chk.expect(False, f"{it.yid}: source {src!r} should start with {prefix}")
            continue
        if n in CORPUS_ITEMS:
            pages.append(src.removeprefix("corpus:"))
        else:
            fact_secs.append(src.removeprefix("facts:"))
    # No two items cite the same passage: one page per corpus item, one section per fact item.
    chk.expect(
        len(pages) == len(CORPUS_ITEMS) and len(set(pages)) == len(pages),
        f"corpus pages not distinct (two items cite the same passage): {pages}",
    )
    chk.expect(
        len(fact_secs) == len(FACT_ITEMS) and len(set(fact_secs)) == len(fact_secs),
        f"fact sections not distinct (two items cite the same passage): {fact_secs}",
    )


def source_text(chk: Checker, src: str, facts: dict[str, str]) -> str | None:
    """Text of the cited corpus file or fact-sheet section, or None if it cannot be found."""
    if src.startswith("corpus:"):
        path = chk.corpus / src.removeprefix("corpus:")
        if chk.expect(path.is_file(), f"missing corpus file {path}"):
            return path.read_text(encoding="utf-8")
        return None
    key = src.removeprefix("facts:")
    chk.expect(key in facts, f"unknown fact-sheet section {key!r}")
    return facts.get(key)


def check_regexes(chk: Checker, sets: dict[str, list[Item]], facts: dict[str, str]) -> None:
    """Regexes compile, miss every question text, and one hits the source and the quoted passage."""
    for idx, it in enumerate(sets["en"]):
        exp = it.data.get("expect_any")
        src = it.data.get("source")
        if not isinstance(exp, list) or not isinstance(src, str):
            continue
        compiled: list[re.Pattern[str]] = []
        for pat in exp:
            try:
                compiled.append(re.compile(pat, re.IGNORECASE))
            except re.error as err:
                chk.expect(False, f"{it.yid}: regex {pat!r} does not compile: {err}")
        for lang in LANGS:
            q = str(sets[lang][idx].data.get("question", ""))
            for rx in compiled:
                chk.expect(
                    rx.search(q) is None,
                    f"{lang} {it.yid}: regex {rx.pattern!r} matches the question text",
                )
        text = source_text(chk, src, facts)
        if text is None:
            continue
        chk.expect(
            any(rx.search(text) for rx in compiled),
            f"{it.yid}: no regex matches the source text of {src}",
        )
        m = COMMENT_RE.match(it.comment)
        if not chk.expect(m is not None, f"{it.yid}: comment not in the agreed format"):
            continue
        assert m is not None
        want_page = (
            src.removeprefix("corpus:")
            if src.startswith("corpus:")
            else f"eurohpc-facts.md section {src.removeprefix('facts:')}"
        )
        chk.expect(
            m.group("page") == want_page,
            f"{it.yid}: comment names {m.group('page')!r}, source is {want_page!r}",
        )
        quoted = norm_ws(" ".join(m.group("quote").split(" … ")))
        chk.expect(
            any(rx.search(quoted) for rx in compiled),
            f"{it.yid}: no regex matches the quoted passage in the comment",
        )
        flat = norm_ws(text)
        for frag in m.group("quote").split(" … "):
            chk.expect(norm_ws(frag) in flat, f"{it.yid}: quoted text not in source: {frag!r}")
        heading = m.group("heading")
        if not heading.startswith("("):
            heads = {ln.lstrip("#").strip() for ln in text.splitlines() if ln.startswith("#")}
            chk.expect(heading in heads, f"{it.yid}: heading {heading!r} not in source")


def check_diacritics(chk: Checker, sets: dict[str, list[Item]]) -> None:
    """Agreed items carry no diacritics; every other translated item carries at least one."""
    for lang, plain in NO_DIACRITICS.items():
        for it in sets[lang]:
            q = str(it.data.get("question", ""))
            if it.yid in plain:
                chk.expect(not has_diacritic(q), f"{lang} {it.yid}: should have no diacritics")
            else:
                chk.expect(has_diacritic(q), f"{lang} {it.yid}: should contain a diacritic")


def main() -> int:
    """Run all checks and print a summary; return the exit status."""
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("--facts", type=Path, default=Path("/work/shared/research/eurohpc-facts.md"))
    ap.add_argument("--dir", type=Path, default=here)
    args = ap.parse_args()
    chk = Checker(args.corpus, args.facts, args.dir)
    facts_bytes = args.facts.read_bytes()
    digest = hashlib.sha256(facts_bytes).hexdigest()
    chk.expect(digest == FACTS_SHA256, f"fact sheet sha256 {digest} != {FACTS_SHA256}")
    facts = fact_sections(facts_bytes.decode("utf-8"))
    want_keys = {f"1.{i}" for i in range(6)} | {"2", "3"}
    chk.expect(want_keys <= set(facts), f"fact sections found: {sorted(facts)}")
    sets = {lang: load_items(chk, lang) for lang in LANGS}
    if all(len(v) == N_ITEMS for v in sets.values()):
        check_structure(chk, sets)
        check_kinds(chk, sets["en"])
        check_regexes(chk, sets, facts)
        check_diacritics(chk, sets)
    else:
        chk.expect(
            False,
            "item counts wrong; further checks skipped: "
            + ", ".join(f"{k}={len(v)}" for k, v in sets.items()),
        )
    for err in chk.errors:
        print(f"FAIL: {err}")
    status = "PASS" if not chk.errors else "FAIL"
    print(
        f"{status}: {chk.n_checks} checks, {len(chk.errors)} failed "
        f"({len(LANGS)} files x {N_ITEMS} items)"
    )
    return 0 if not chk.errors else 1


if __name__ == "__main__":
    sys.exit(main())
