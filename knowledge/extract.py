"""Extractive answers: the passage that best answers the question, never a new sentence.

An answer is built only from text of the retrieved chunks, so everything it says is in a cited
source. Units are sentences of prose, or single lines of lists, tables and code, scored by how
much of the question's (IDF-weighted) vocabulary they contain.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from knowledge.answer_kinds import (
    asked_bounds,
    asking_sentence,
    asks_price,
    gives_count,
    holds,
    states_bound,
    strict_measures,
    unit_measures,
    wanted_kinds,
)
from knowledge.lexical import LexicalIndex, tokenize
from knowledge.retrieve import Retrieved
from knowledge.store import Chunk
from knowledge.units import Unit, split_units

MAX_ANSWER_CHARS = 700
# Between two units shown apart: what lies between them is left out.
GAP = "\n…\n"
# The window grows with its neighbours while shorter than this. A question asked around the
# passage ("rocm-smi says 100% but training is slow") matches the sentences that set the
# scene; the answer is often the one after them. 420 of 320 / 420 / 520: eight more right
# answers of 713 English questions (spent sets and development set u), answers 14% longer.
TARGET_ANSWER_CHARS = 420
# The window an answer shows grows on to this: the value often lies a sentence or a few lines
# past the window the decisions read (560, the one value tried: four more right answers of
# 1,940 development and four of 974 spent questions, none lost; answers 9-11% longer).
SHOWN_ANSWER_CHARS = 560
UNIT_DENSE_WEIGHT = 0.75
UNIT_DENSE_FLOOR = 0.2
TYPE_BONUS = 0.2
HEADING_WEIGHT = 0.5
TERM_MAX_CHARS = 80
# The asking sentence's words count once more at this weight (0.1 of 0.1 / 0.25: two more right
# answers of the 1,580 development questions, none lost; 0.25 lost one).
ASKING_WEIGHT = 0.1


def coverage(
    tokens: tuple[str, ...] | list[str], text_tokens: set[str], lexical: LexicalIndex
) -> float:
    """Share of the question's IDF mass present in a text."""
    # Sorted: summing in set order (which follows each process's string hashing) would let
    # near-ties between passages flip from one restart or replica to the next.
    unique = sorted(set(tokens))
    total = sum(lexical.idf(t) for t in unique)
    if not total:
        return 0.0
    return sum(lexical.idf(t) for t in unique if t in text_tokens) / total


@dataclass(frozen=True)
class Extract:
    """The passage of a retrieved chunk that best answers a question.

    `text` is the window the answer's decisions read (does it give the value asked for, does it
    repeat another passage); `fuller` is what the answer may show in its place, more of the
    chunk (see `_fuller_text`), else None. `score` says how well the passage matches the
    question; `fit` adds whether it states the bound asked for ("is there a hard cap": "limited
    to 64"), when the question asks for one."""

    hit: Retrieved
    text: str
    score: float
    fuller: str | None = None
    fit: float | None = None

    @property
    def rank_score(self) -> float:
        """What passages are ranked by: the score, with the bound asked for weighed."""
        return self.score if self.fit is None else self.fit


def meaning_lift(similarity: float) -> float:
    """What a unit's closeness in meaning to the question adds to its score: only what lies
    above the floor every pair of sentences reaches."""
    return UNIT_DENSE_WEIGHT * max(0.0, similarity - UNIT_DENSE_FLOOR)


def _unit_score(
    unit: Unit,
    unit_tokens: set[str],
    tokens: tuple[str, ...],
    heading: set[str],
    lexical: LexicalIndex,
    wants: tuple[str, ...],
    gives_price: Callable[[str], bool] | None = None,
) -> float:
    score = coverage(tokens, unit_tokens, lexical)
    # Words of the section heading count half: a table row under "LUMI-C" is about LUMI-C.
    score += HEADING_WEIGHT * coverage(tokens, heading - unit_tokens, lexical)
    if holds(unit.text, wants) or (gives_price is not None and gives_price(unit.text)):
        score += TYPE_BONUS
    if len(unit.text) < 25:
        score *= 0.6  # a bare heading-like line rarely answers anything alone
    return score


def _showing(
    units: list[Unit],
    best: Unit,
    chosen: list[Unit],
    has: Callable[[str], bool],
    scores: list[float],
) -> list[Unit]:
    """`chosen`, or, when none of it holds the value (`has`), with the unit that does and best
    matches the question (`scores`, by unit): the window stretched to it if the units from the
    best one to it fit in an answer, else that unit apart from the window, if it fits."""
    if any(has(u.text) for u in chosen):
        return chosen
    holding = [u for u in units if has(u.text)]
    if not holding:
        return chosen
    extra = max(holding, key=lambda u: (scores[u.index], -abs(u.index - best.index)))
    low, high = min(extra.index, best.index), max(extra.index, best.index)
    # Counted in characters, not units: list items and code lines are units of a few words
    # each, and the value often comes after a syntax line and a short list of its cases.
    stretched = [u for u in units if low <= u.index <= high]
    if _room(stretched) >= 0:
        return stretched
    # Too far to show what lies between: a table's row far below the paragraph introducing
    # the table ("Deadline: 12 March 2027" under the call's description).
    return [*chosen, extra] if len(GAP) + len(extra.text) <= _room(chosen) else chosen


def _room(units: list[Unit]) -> int:
    """Characters an answer still has after `units`, each with the break that follows it."""
    return MAX_ANSWER_CHARS - sum(len(u.text) + 1 for u in units)


def _is_term(unit: Unit) -> bool:
    """A short line naming an option, variable or setting ("HWLOC_XMLFILE", "-s, --step N")."""
    return unit.is_line and len(unit.text) <= TERM_MAX_CHARS and holds(unit.text, ("code",))


# How far above its list a description's name may stand: the name, a line or two saying what
# it sets, and the line announcing the list ("If not defined, ... in the following order:").
TERM_REACH = 3
# A variable, setting or option alone on its line: "NUMBA_CACHE_DIR", "--timeout <ms>",
# "-s, --step N".
_NAME_LINE = re.compile(
    r"`?(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|--?[a-zA-Z][\w-]*(?:,\s*--?[a-zA-Z][\w-]*)*"
    r"(?:[ =][<\[]?[\w.-]+[>\]]?)?)`?"
)


def _term_before(units: list[Unit], chosen: list[Unit]) -> Unit | None:
    """The name line of the definition the chosen window describes, if it still fits: just
    before the window, or above the description announcing the window's list (NUMBA_CACHE_DIR,
    "Override the location of the cache directory", "If not defined, Numba picks the cache
    directory in the following order:", then the window listing where the cache goes)."""
    first = chosen[0]
    if first.index == 0 or _is_term(first):
        return None
    room = _room(chosen)
    before = units[first.index - 1]
    if _is_term(before):
        return before if len(before.text) <= room else None
    if not before.text.endswith(":"):
        return None
    # The window is the list a description announces ("If not defined, the cache goes, in this
    # order:"): the name it describes stands above the description. Only a line that is a name
    # and nothing else: a command there ("$ module config auto_handling") is an example.
    for unit in reversed(units[max(0, first.index - TERM_REACH) : before.index]):
        if _NAME_LINE.fullmatch(unit.text):
            return unit if len(unit.text) + len(GAP) <= room else None
    return None


def _plain(text: str) -> str:
    """Text without code marks and line breaks: how a unit and its chunk's text compare."""
    return " ".join(text.replace("`", " ").split())


# A sentence that points at what follows it ("uses the below lines", "as follows.", "in the
# table below."): without what it points at it answers nothing, as a sentence ending in a colon.
# Only a thing that can follow (lines, a table, an example, ...): "the following day" and "keep
# the load below 1" point at nothing, and "see the sections below" sends the reader elsewhere.
_FOLLOWING_THINGS = (
    r"(?:lines?|tables?|examples?|commands?|steps?|lists?|code|scripts?|snippets?|outputs?|"
    r"options?|settings?|variables?|files?|blocks?|diagram|figure)"
)
_ANNOUNCES = re.compile(
    r"\b(?:the|these)\s+(?:below|following)\s+(?:\w+\s+)?" + _FOLLOWING_THINGS + r"\b|"
    r"\b" + _FOLLOWING_THINGS + r"\s+below\b(?!\s*\d)|\bas\s+follows\b",
    re.I,
)
_REFERS_ELSEWHERE = re.compile(r"\b(?:see|refer|described|explained|detailed)\b", re.I)


def _continuation(
    units: list[Unit], chosen: list[Unit], chunk: Chunk, following: Callable[[], Chunk | None]
) -> list[Unit]:
    """What the chosen window's closing sentence introduces, if it still fits: the line of code
    just after a sentence ("squeue can also tell when your pending job will start."), or the
    items of the list after a colon ("you have two options:"), or the sentence after it. When the
    sentence ends its chunk, they are read from the next chunk, past the lines this one already
    holds (chunks overlap)."""
    last = chosen[-1]
    if _is_code(last):
        # A window that ends inside a code block shows the rest of the block ("module purge"
        # alone is not the three commands the sentence before it announced).
        return _fitting(chosen, list(itertools.takewhile(_is_code, units[last.index + 1 :])))
    if not last.text.endswith((".", ":")):
        return []
    rest = units[last.index + 1 :]
    colon = last.text.endswith(":") or (
        _ANNOUNCES.search(last.text) is not None and not _REFERS_ELSEWHERE.search(last.text)
    )
    # A list goes on in the next chunk only under the same heading: a new section after the
    # colon ("the following commands:", then "## lumi-workspaces") is not the list itself.
    if (
        not rest
        and (after := following()) is not None
        and (not colon or after.section == chunk.section)
    ):
        held = _plain(chunk.text)
        rest = list(itertools.dropwhile(lambda u: _plain(u.text) in held, split_units(after.text)))
    if colon:
        # What a colon announces is a list, or a sentence ("we include the speeds measured:"
        # and the sentence giving them).
        shown = (
            list(itertools.takewhile(lambda u: u.is_line, rest))
            if not rest or rest[0].is_line
            else rest[:1]
        )
    else:
        shown = rest[:1] if rest and _is_code(rest[0]) else []
    return _fitting(chosen, shown)


def _fitting(chosen: list[Unit], shown: list[Unit]) -> list[Unit]:
    """As many of `shown`, in order, as still fit in the answer after `chosen`."""
    room = _room(chosen)
    fitting: list[Unit] = []
    for unit in shown:
        room -= len(unit.text) + 1
        if room < 0:
            break
        fitting.append(unit)
    return fitting


def _is_code(unit: Unit) -> bool:
    """A line of a code block (units write them between backticks)."""
    return unit.is_line and len(unit.text) > 2 and unit.text[0] == unit.text[-1] == "`"


def best_extract(
    hit: Retrieved,
    question: str,
    tokens: tuple[str, ...],
    lexical: LexicalIndex,
    similarities: Sequence[float] | None = None,
    following: Callable[[], Chunk | None] = lambda: None,
    english_order: bool = True,
) -> Extract:
    """The best window of consecutive units of one chunk for the question.

    `similarities` are the cosine similarities of each unit's vector to the question (from
    the index); they add meaning to the lexical score ("contact support" ~ "here to help").
    `following` gives the next chunk of the same document, if any (see `_continuation`);
    it is asked only when the answer's last sentence ends the chunk. `english_order` is false
    for a question read from another language (see `counted_things`).
    """
    units = split_units(hit.chunk.text)
    if not units:
        return Extract(hit, hit.chunk.text[:MAX_ANSWER_CHARS], 0.0)
    # Both windows may read the next chunk: one lookup, one version of the index.
    following = functools.cache(following)
    wants = wanted_kinds(question)
    # What a price question measures ("price", "rate"): a unit stating one holds the value.
    priced = strict_measures(question) if asks_price(question) else ()

    def gives_price(text: str) -> bool:
        return gives_count([text], priced)

    measured = () if priced else unit_measures(question, english_order=english_order)
    heading = set(tokenize(f"{hit.chunk.title} {hit.chunk.section}"))
    if similarities is None or len(similarities) != len(units):
        similarities = [0.0] * len(units)
    # After a story ("I wrapped our conda env from an env.yml. now I need numpy added inside
    # the container, how?"), the sentence that asks says which of the story's passages answers.
    asking = asking_sentence(question)
    asked = tuple(tokenize(asking)) if asking else ()
    held = [set(tokenize(u.text)) for u in units]
    scored = [
        (
            _unit_score(u, words, tokens, heading, lexical, wants, gives_price if priced else None)
            + meaning_lift(similarity)
            + (ASKING_WEIGHT * coverage(asked, words, lexical) if asked else 0.0),
            u,
        )
        for u, words, similarity in zip(units, held, similarities, strict=True)
    ]
    # How well the chunk answers: its best unit's score.
    best_score = max(score for score, _ in scored)

    def gives_measure(text: str) -> bool:
        return gives_count([text], measured)

    # The units as they match the question, before the kind of value asked weighs in.
    matched = scored
    if measured:
        # Which of its units to show: for "how much memory does a GCD get", the one giving a
        # size ("64 GB of HBM memory"), not one that only holds a number ("2978 nodes").
        scored = [
            (score + TYPE_BONUS * (gives_measure(u.text) - holds(u.text, wants)), u)
            for score, u in scored
        ]
    # "A command that shows the hard limit" asks for the command, not for a limit: neither the
    # window nor the passage's rank weighs a bound then.
    bounds = asked_bounds(question) if english_order and "code" not in wants else ()
    bound = [TYPE_BONUS * states_bound(u.text, bounds) for u in units] if bounds else []
    # Passages are ranked with the bound weighed, not the measure: weighed, the measure let a
    # job script's passage giving some size lead over the hardware page saying what a LUMI-C
    # node has, so that the curated fact answered instead of that page.
    fit = max(score + bound[u.index] for score, u in matched) if bounds else None
    if bounds:
        # "The largest job during the maintenance": the sentence saying "at most 2,400 nodes",
        # not the one that describes the maintenance.
        scored = [(score + bound[u.index], u) for score, u in scored]
    best = max(scored, key=lambda pair: pair[0])[1]
    unit_scores = [score for score, _ in scored]

    def window(target: int) -> tuple[list[Unit], Unit | None]:
        """The window grown to `target` characters, and the name line put before it."""
        chosen = [best]
        length = len(best.text)
        # Grow the window with neighbours while it stays short: a lone sentence often needs the
        # one before (its subject) or after (its numbers); a list intro needs its items.
        after = best.index + 1
        before = best.index - 1
        while length < target and (after < len(units) or before >= 0):
            take_after = after < len(units) and (
                best.text.rstrip().endswith(":")
                or before < 0
                or scored[after][0] >= scored[before][0]
            )
            if take_after:
                unit = units[after]
                after += 1
            else:
                unit = units[before]
                before -= 1
            # With the line break or space before it: a window past an answer's length is cut.
            if length + 1 + len(unit.text) > MAX_ANSWER_CHARS:
                break
            chosen.append(unit)
            length += len(unit.text) + 1
        # The answer must show the value asked for ("how do I fix ..." -> the flag, "how many" ->
        # the number), and a price when one is asked besides ("what does it cost, and until when
        # can we register": the fee row as well as the deadline's).
        if wants:
            chosen = _showing(units, best, chosen, lambda text: holds(text, wants), unit_scores)
        if priced:
            chosen = _showing(units, best, chosen, gives_price, unit_scores)
        if measured:
            chosen = _showing(units, best, chosen, gives_measure, unit_scores)
        chosen.sort(key=lambda u: u.index)
        # A sentence that ends the window often introduces its example ("squeue can also tell
        # when your pending job will start.") or a list ("two options:"): they are the answer.
        chosen += _continuation(units, chosen, hit.chunk, following)
        # A definition list (environment variables, options, settings): the short line before the
        # description is the name it describes, and the name is usually what was asked for.
        term = _term_before(units, chosen)
        if term is not None:
            chosen.insert(0, term)
        return chosen, term

    chosen, term = window(TARGET_ANSWER_CHARS)
    text = _joined(chosen, units, term)
    return Extract(
        hit,
        text,
        # Plain floats: unit similarities are numpy's, and scores end up in JSON.
        float(best_score),
        fuller=_fuller_text(units, chosen, term, text, window),
        fit=None if fit is None else float(fit),
    )


def _fuller_text(
    units: list[Unit],
    chosen: list[Unit],
    term: Unit | None,
    text: str,
    window: Callable[[int], tuple[list[Unit], Unit | None]],
) -> str | None:
    """More of a chunk than its window `chosen` (`text`), for the answer to show: the chunk whole
    if it fits, else the window grown to `SHOWN_ANSWER_CHARS`, if that still holds all of the
    window, uncut."""
    # A short chunk is often a section of its own, or its end (a pitfall, its example and the
    # fix that follows): it is shown whole. Not when the window reads on into the next chunk:
    # the chunk alone would lose those lines.
    own = {id(u) for u in units}
    if _room(units) >= 0 and all(id(u) in own for u in chosen):
        fuller = _joined(units, units, term)
    else:
        wider, wider_term = window(SHOWN_ANSWER_CHARS)

        # Grown contiguously, the wider window may lack a unit the window added apart (the
        # deadline's row far below the call's description), or a continuation or name line
        # that no longer fits: then the window is shown. Units are compared by where they come
        # from, place and text: a continuation's units are read again for each window, and
        # numbered in their own chunk.
        def keys(window_units: list[Unit]) -> set[tuple[bool, int, str]]:
            return {(id(u) in own, u.index, u.text) for u in window_units}

        if not keys(chosen) <= keys(wider):
            return None
        # The window's name line keeps its line break when the wider window grows through it.
        fuller = _joined(wider, units, wider_term if wider_term is not None else term, cut=False)
        # Cut short, it could end before the value the decisions read in the window.
        if len(fuller) > MAX_ANSWER_CHARS:
            return None
    return fuller if fuller != text else None


def _joined(chosen: list[Unit], units: list[Unit], term: Unit | None, *, cut: bool = True) -> str:
    """The text of `chosen`, in order: units of `units` (a window's continuation may follow from
    the next chunk); `term` is the name line put before them, if any. Cut at an answer's length
    unless `cut` is false."""
    pieces = [chosen[0].text]
    # Units of this chunk, by identity: `_continuation`'s come from the next chunk, numbered
    # from 0 again, and follow the window without a gap.
    own = {id(u) for u in units}
    for previous, unit in itertools.pairwise(chosen):
        newline = unit.is_line or previous is term or previous.text.endswith(":")
        # What lies between two units shown apart is left out, and the answer says so.
        gap = id(unit) in own and id(previous) in own and unit.index > previous.index + 1
        pieces += [GAP if gap else "\n" if newline else " ", unit.text]
    text = "".join(pieces).strip()
    if cut and len(text) > MAX_ANSWER_CHARS:
        text = text[: MAX_ANSWER_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text
