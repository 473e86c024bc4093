"""Extractive answers: the passage that best answers the question, never a new sentence.

An answer is built only from text of the retrieved chunks, so everything it says is in a cited
source. Units are sentences of prose, or single lines of lists, tables and code, scored by how
much of the question's (IDF-weighted) vocabulary they contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.lexical import LexicalIndex, tokenize
from knowledge.retrieve import Retrieved

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*(\[])")
_NUMERIC_QUESTION = re.compile(
    r"\b(how (many|much|long|large|big)|what is the (max|min|default)|"
    r"maximum|minimum|limit|quota|size)\b",
    re.I,
)
MAX_ANSWER_CHARS = 700
TARGET_ANSWER_CHARS = 320


@dataclass(frozen=True)
class Unit:
    text: str
    index: int
    is_line: bool


def split_units(text: str) -> list[Unit]:
    """Sentences for prose; lines for list items, table rows and code."""
    units: list[Unit] = []
    in_code = False
    for block in re.split(r"\n\s*\n", text):
        for line in block.splitlines():
            stripped = line.strip()
            if stripped.startswith(("```", "~~~")):
                in_code = not in_code
                continue
            if not stripped:
                continue
            if in_code:
                units.append(Unit(f"`{stripped}`", len(units), True))
            elif len(stripped) < 200 or stripped.startswith(("- ", "* ", "|")):
                units.append(Unit(stripped, len(units), True))
            else:
                for sentence in _SENTENCE_END.split(stripped):
                    if sentence.strip():
                        units.append(Unit(sentence.strip(), len(units), False))
    return units


def coverage(
    tokens: tuple[str, ...] | list[str], text_tokens: set[str], lexical: LexicalIndex
) -> float:
    """Share of the question's IDF mass present in a text."""
    unique = set(tokens)
    total = sum(lexical.idf(t) for t in unique)
    if not total:
        return 0.0
    return sum(lexical.idf(t) for t in unique if t in text_tokens) / total


@dataclass(frozen=True)
class Extract:
    hit: Retrieved
    text: str
    score: float


def _unit_score(
    unit: Unit, tokens: tuple[str, ...], heading: set[str], lexical: LexicalIndex, numeric: bool
) -> float:
    unit_tokens = set(tokenize(unit.text))
    score = coverage(tokens, unit_tokens, lexical)
    # Words of the section heading count half: a table row under "LUMI-C" is about LUMI-C.
    score += 0.5 * coverage(tokens, heading - unit_tokens, lexical)
    if numeric and re.search(r"\d", unit.text):
        score += 0.15
    if len(unit.text) < 25:
        score *= 0.6  # a bare heading-like line rarely answers anything alone
    return score


def best_extract(
    hit: Retrieved, question: str, tokens: tuple[str, ...], lexical: LexicalIndex
) -> Extract:
    """The best window of consecutive units of one chunk for the question."""
    units = split_units(hit.chunk.text)
    if not units:
        return Extract(hit, hit.chunk.text[:MAX_ANSWER_CHARS], 0.0)
    numeric = bool(_NUMERIC_QUESTION.search(question))
    heading = set(tokenize(f"{hit.chunk.title} {hit.chunk.section}"))
    scored = [(_unit_score(u, tokens, heading, lexical, numeric), u) for u in units]
    best_score, best = max(scored, key=lambda pair: pair[0])
    chosen = [best]
    length = len(best.text)
    # Grow the window with neighbours while it stays short: a lone sentence often needs the
    # one before (its subject) or after (its numbers); a list intro needs its items.
    after = best.index + 1
    before = best.index - 1
    while length < TARGET_ANSWER_CHARS and (after < len(units) or before >= 0):
        take_after = after < len(units) and (
            best.text.rstrip().endswith(":") or before < 0 or scored[after][0] >= scored[before][0]
        )
        if take_after:
            unit = units[after]
            after += 1
        else:
            unit = units[before]
            before -= 1
        if length + len(unit.text) > MAX_ANSWER_CHARS:
            break
        chosen.append(unit)
        length += len(unit.text) + 1
    chosen.sort(key=lambda u: u.index)
    pieces: list[str] = []
    for unit in chosen:
        if pieces:
            pieces.append("\n" if unit.is_line or pieces[-1].endswith(":") else " ")
        pieces.append(unit.text)
    text = "".join(pieces).strip()
    if len(text) > MAX_ANSWER_CHARS:
        text = text[: MAX_ANSWER_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return Extract(hit, text, best_score)
