"""Figures worked out from the figures one fact states, when a question asks for them: a part
of an amount given as a percentage of it, an amount shared out per item, amounts in one unit
added up, and one count as a share of another.

"Deucalion cost EUR 20 M, 35% of it from the EU" answers "how many euros came from the EU"
only once someone multiplies; these do it, and show the sum they did beside the fact, so a
reader can check it. Each one works only when the question names what the fact's figures are
figures of, so that no other pair of numbers is combined.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from knowledge.answer_kinds import asks_span, with_span

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6}
_SCALES |= {"b": 1e9, "bn": 1e9, "billion": 1e9}
_SCALE = r"(?:k|thousand|m|mn|million|b|bn|billion)\b"
_MONEY = re.compile(
    rf"(?:€|\bEUR)\s?(?P<n1>{_NUMBER})\s?(?P<s1>{_SCALE})?|"
    rf"(?<![\w.,])(?P<n2>{_NUMBER})\s?(?P<s2>{_SCALE})?\s?(?:€|EUR\b|euros?\b)",
    re.I,
)
_HOURS = re.compile(
    rf"(?<![\w.,])(?P<n1>{_NUMBER})\s?(?P<s1>k|M|million)?\s+"
    r"(?P<unit>(?:CPU-)?core-hours|GPU-hours|node-hours)\b",
    re.I,
)
_SIZE = re.compile(rf"(?<![\w.,])(?P<n1>{_NUMBER})\s?(?P<unit>[KMGTPE]B)\b")
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
# A count of things: "13 AI Factory Antennas", "62 proposals"; not a day ("13 Oct 2025").
_COUNT = re.compile(
    r"(?<![\w.,€$-])(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?!\d|[.,]\d)"
    rf"(?!\s*(?:%|{_MONTHS}\b|[KMGTPE]B\b|[KMGTPE]F\b|[-\w]*hours\b|[kMG]W\b|GHz\b))"
    r"(?P<noun>(?:\s+[A-Za-z][\w-]*){0,3})",
)
_NOUN_ENDS = re.compile(
    r"\s+(?:were|was|are|is|and|with|of|in|on|at|for|to|from|whose|which|that|each|per)\b.*",
    re.I,
)
_SENTENCE = re.compile(r"[^.;]+(?:\.(?=\d)[^.;]*)*")
_PERCENT_OF = re.compile(
    r"(?P<p>\d+(?:\.\d+)?)\s?%\s+of\s+(?:it|that|this|which|them)\b(?P<whom>[^.;]{0,40})", re.I
)
# An amount said of each one already ("EUR 150,000 per experiment", "up to 50,000 GPU-hours").
_EACH_AFTER = re.compile(r"\s*(?:per|each|a|an|apiece)\b", re.I)
_AT_MOST_BEFORE = re.compile(r"\b(?:up\s+to|at\s+most|max(?:imum)?|min(?:imum)?)\s*$", re.I)

_ASKS_AMOUNT = re.compile(
    r"\bhow\s+(?:much|many\s+(?:euros?|eur|millions?|gpu-hours|node-hours|core-hours))\b|"
    r"\bwhat\s+(?:amount|sum)\b",
    re.I,
)
# What is shared out per item: money or compute time, named as such.
_SHARED_OUT = re.compile(
    r"\b(?:money|euros?|eur|funding|funds|budget|grants?|paid|gpu-hours|node-hours|"
    r"core-hours|hours)\b|€",
    re.I,
)
_ASKS_AVERAGE = re.compile(
    r"\b(?:on\s+average|average|per|each|apiece|evenly|every)\b|\bone\s+(?=[a-z])", re.I
)
_ASKS_SUM = re.compile(
    r"\b(?:together|combined|added\s+up|in\s+total|total|altogether|sum|all\s+of\s+them)\b", re.I
)
_ASKS_SHARE = re.compile(
    r"\b(?:what|which)\s+(?:share|percentage|proportion|fraction|part)\s+of\s+"
    r"(?:the\s+|all\s+|its\s+|their\s+)?(?P<base>[a-z][\w-]*)|"
    r"\bhow\s+many\s+(?:percent|per\s+cent)\s+of\s+(?:the\s+)?(?P<base2>[a-z][\w-]*)",
    re.I,
)
_STOP = frozenset(
    "the a an of it its to from by in on at for and or was were is are be been with that this "
    "what which how much many did does do got get".split()
)


@dataclass(frozen=True)
class Amount:
    value: float
    unit: str  # "EUR", "GPU-hours", "PB", ...
    start: int
    end: int


def with_figures(text: str, question: str) -> str:
    """`text`, with a figure worked out from its own when the question asks for one (see the
    module's docstring); as it is otherwise. Each work runs only for a question its gate in
    `_WORKS` lets through."""
    for work in _works_for(question):
        figure = work(text, question)
        if figure:
            return f"{text} {figure}"
    return text


# What `with_figures`, `with_span` and a partition's totals add, once worked out: "Worked
# out: ...", "From 28 Apr 2026 to 23 Jun 2026: 56 days", "In all: ...".
_WORKED = re.compile(
    r"\bWorked out: |\bIn all: |"
    r"\bFrom \d{1,2} [A-Z][a-z]{2} \d{4} to \d{1,2} [A-Z][a-z]{2} \d{4}: \d"
)


def shows_worked_figure(text: str) -> bool:
    """Whether a fact's text, as rendered for a question, works a figure out itself."""
    return bool(_WORKED.search(text))


def asks_worked_figure(question: str) -> bool:
    """Whether the question asks for a figure worked out of others (a span, a sum, a part, a
    share, a multiple; see `with_figures` and `with_span`)."""
    return bool(_works_for(question)) or asks_span(question)


def worked_across(texts: list[str], question: str) -> str:
    """A figure two of `texts` give together, when the question asks for one and no text
    works it out alone: the days between "opened on 28 Apr 2026" in one and "closed on 23 Jun
    2026" in another, how many times one's 50,000 GPU-hours is another's 10,000; "" else.
    All of them together first, then the first (the lead) with each other one."""
    if len(texts) < 2 or any(shows_worked_figure(text) for text in texts):
        return ""
    pairs = [[texts[0], other] for other in texts[1:]] if len(texts) > 2 else []
    for group in (texts, *pairs):
        joined = " ".join(group)
        worked = with_figures(with_span(joined, question), question)[len(joined) :].strip()
        if worked:
            return worked
    return ""


def works_out_figures(text: str, question: str) -> bool:
    """Whether `with_figures` works a figure out of `text` for `question`."""
    return any(work(text, question) for work in _works_for(question))


@lru_cache(maxsize=256)
def _works_for(question: str) -> tuple[Callable[[str, str], str], ...]:
    """The works the question asks for at all: each fact of the catalogue is checked with the
    same question, so what it asks is read once (most questions ask none of them)."""
    return tuple(work for work, asks in _WORKS if asks(question))


def _words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z][a-z-]+", text.casefold())} - _STOP


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _value(number: str, scale: str | None) -> float:
    return float(number.replace(",", "")) * _SCALES.get((scale or "").casefold(), 1.0)


def _money(text: str) -> list[Amount]:
    found = []
    for m in _MONEY.finditer(text):
        number, scale = (m["n1"], m["s1"]) if m["n1"] else (m["n2"], m["s2"])
        found.append(Amount(_value(number, scale), "EUR", m.start(), m.end()))
    return found


def _hours(text: str) -> list[Amount]:
    return [
        Amount(_value(m["n1"], m["s1"]), m["unit"], m.start(), m.end())
        for m in _HOURS.finditer(text)
    ]


def _sizes(text: str) -> list[Amount]:
    return [
        Amount(_value(m["n1"], None), m["unit"], m.start(), m.end()) for m in _SIZE.finditer(text)
    ]


def _said(amount: Amount) -> str:
    value = amount.value
    if amount.unit == "EUR":
        for scale, word in ((1e9, "B"), (1e6, "M")):
            if value >= scale:
                return f"EUR {_number(value / scale)} {word}"
        return f"EUR {value:,.0f}"
    return f"{_number(value)} {amount.unit}"


def _number(value: float) -> str:
    """`value` rounded as a worked-out estimate is said ("4.2", "29", "0.25"); billing's
    exact sums keep their decimals instead (`knowledge.catalog.billing`)."""
    if value >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.2g}" if value < 1 else f"{value:.1f}".rstrip("0").rstrip(".")


def _of_each(text: str, amount: Amount) -> bool:
    """Whether the amount is said of one item, or as a bound: no whole to share out."""
    return bool(
        _EACH_AFTER.match(text, amount.end) or _AT_MOST_BEFORE.search(text, 0, amount.start)
    )


def _part_of_amount(text: str, question: str) -> str:
    """ "EUR 20 M, 35% of it from the EU" asked "how many euros came from the EU": EUR 7 M."""
    asked = _words(question)
    for sentence in _SENTENCE.finditer(text):
        part = sentence.group()
        share = _PERCENT_OF.search(part)
        if share is None or not _words(share["whom"]) & asked:
            continue
        wholes = [a for a in _money(part) if a.end <= share.start()]
        if len(wholes) != 1:
            continue
        whole = wholes[0]
        found = Amount(whole.value * float(share["p"]) / 100, whole.unit, 0, 0)
        return f"Worked out: {share['p']}% of {_said(whole)} is {_said(found)}."
    return ""


def _per_item(text: str, question: str) -> str:
    """ "13 Antennas ... EUR 55 M" asked "how much does one antenna get on average": EUR 4.2 M
    each. Only one amount and one count of the thing the question names."""
    amounts = _money(text) + _hours(text)
    if len(amounts) != 1 or _of_each(text, amounts[0]):
        return ""
    (amount,) = amounts
    asked = _words(question)
    counts = []
    for m in _COUNT.finditer(text):
        if amount.start <= m.start() < amount.end:
            continue
        noun = _NOUN_ENDS.sub("", m["noun"]).split()
        if noun and _stem(noun[-1].casefold()) in asked:
            counts.append((_value(m["n"], None), noun[-1]))
    if len(counts) != 1 or counts[0][0] < 2:
        return ""
    count, items = counts[0]
    each = Amount(amount.value / count, amount.unit, 0, 0)
    return f"Worked out: {_said(amount)} over {count:,.0f} {items} is about {_said(each)} each."


def _sum_of_sizes(text: str, question: str) -> str:
    """ "200 PB of disk plus a 400 PB archive" asked "how many PB together": 600 PB. Only in
    the unit the question names, and only where the fact gives no total of its own."""
    if re.search(r"\b(?:in\s+)?total|in\s+all\b", text, re.I):
        return ""
    units = {u.upper() for u in re.findall(r"\b([KMGTPE]B)\b", question, re.I)}
    if len(units) != 1:
        return ""
    sizes = [a for a in _sizes(text) if a.unit.upper() in units and not _of_each(text, a)]
    if len(sizes) < 2 or len(_sizes(text)) != len(sizes):
        return ""
    total = Amount(sum(a.value for a in sizes), sizes[0].unit, 0, 0)
    terms = " + ".join(_said(a) for a in sizes)
    return f"Worked out: together {_said(total)} ({terms})."


def _share_of_count(text: str, question: str) -> str:
    """ "Call 1 drew 62 proposals and funded 18" asked "what percentage of the proposals got
    funded": 29%. The whole is the count of the thing the question takes the share of; the
    part, the one other count in its sentence that a word of the question introduces."""
    asked_share = _ASKS_SHARE.search(question)
    if asked_share is None:
        return ""
    base = _stem((asked_share["base"] or asked_share["base2"] or "").casefold())
    asked = _words(question)
    for sentence in _SENTENCE.finditer(text):
        part_text = sentence.group()
        wholes, parts = [], []
        for m in _COUNT.finditer(part_text):
            noun = _NOUN_ENDS.sub("", m["noun"]).split()
            value = _value(m["n"], None)
            before = re.findall(r"[A-Za-z][\w-]*", part_text[max(0, m.start() - 25) : m.start()])
            if (
                before
                and before[-1][:1].isupper()
                and part_text[: m.start()].endswith(f"{before[-1]} ")
            ):
                continue  # a place in a series ("Call 1", "wave 2"), not a count
            if noun and _stem(noun[-1].casefold()) == base:
                wholes.append(value)
            elif before and _stem(before[-1].casefold()) in asked:
                parts.append(value)
        if len(wholes) == 1 and len(parts) == 1 and 0 < parts[0] <= wholes[0]:
            share = 100 * parts[0] / wholes[0]
            return f"Worked out: {parts[0]:,.0f} of {wholes[0]:,.0f} is about {share:.0f}%."
    return ""


_ASKS_TIMES = re.compile(
    r"\bhow\s+many\s+times\s+(?:\w+\s+)?(?:more|less|larger|bigger|smaller|higher|lower|"
    r"greater|as\s+(?:much|many|big|large))\b|\bby\s+what\s+factor\b",
    re.I,
)


def _times_as_much(text: str, question: str) -> str:
    """ "Up to 50,000 GPU-hours" and "more than 10,000 GPU-hours" asked "how many times bigger
    is the one than the other": 5 times. Only two amounts in one unit, and not the same."""
    for found in (_money(text), _hours(text), _sizes(text)):
        units = {a.unit.casefold() for a in found}
        if len(found) != 2 or len(units) != 1:
            continue
        small, big = sorted(found, key=lambda a: a.value)
        if small.value <= 0 or small.value == big.value:
            return ""
        return (
            f"Worked out: {_said(big)} is {_number(big.value / small.value)} times {_said(small)}."
        )
    return ""


_WORKS: tuple[tuple[Callable[[str, str], str], Callable[[str], bool]], ...] = (
    (_part_of_amount, lambda q: bool(_ASKS_AMOUNT.search(q))),
    (_share_of_count, lambda q: bool(_ASKS_SHARE.search(q))),
    (
        _per_item,
        lambda q: bool(
            _ASKS_AVERAGE.search(q) and _ASKS_AMOUNT.search(q) and _SHARED_OUT.search(q)
        ),
    ),
    (_sum_of_sizes, lambda q: bool(_ASKS_SUM.search(q))),
    (_times_as_much, lambda q: bool(_ASKS_TIMES.search(q))),
)
