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


def _exact(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


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


def _two_in_one_unit(
    text: str, kinds: tuple[Callable[[str], list[Amount]], ...]
) -> tuple[Amount, Amount] | None:
    """The smaller and the larger of the two amounts `text` states of the first kind it states
    exactly two of, in one unit; None when there are none such, or both are the same."""
    for kind in kinds:
        found = kind(text)
        if len(found) != 2 or len({a.unit.casefold() for a in found}) != 1:
            continue
        small, big = sorted(found, key=lambda a: a.value)
        return None if small.value == big.value else (small, big)
    return None


def _times_as_much(text: str, question: str) -> str:
    """ "Up to 50,000 GPU-hours" and "more than 10,000 GPU-hours" asked "how many times bigger
    is the one than the other": 5 times. Only two amounts in one unit, and not the same."""
    pair = _two_in_one_unit(text, (_money, _hours, _sizes))
    if pair is None or pair[0].value <= 0:
        return ""
    small, big = pair
    return f"Worked out: {_said(big)} is {_number(big.value / small.value)} times {_said(small)}."


# "On average, how many nodes per rack", "how many GPUs does each node get": one count over
# another, both named.
_ASKS_COUNT_PER = re.compile(
    r"\bhow\s+many\s+(?P<counted>[a-z][\w-]*)\s+(?:(?:are|is|sit|go|come|fit|run)\s+)?"
    r"(?:(?:on\s+average\s+)?(?:per|in\s+each|in\s+every|in\s+a|for\s+each|on\s+each|each)\s+)"
    r"(?P<per>[a-z][\w-]*)",
    re.I,
)


def _count_per_count(text: str, question: str) -> str:
    """ "5,938 nodes ... in 125 racks" asked "how many nodes per rack": about 47.5. Only one
    count of each thing the question names, and where the text does not say it per item."""
    asked = _ASKS_COUNT_PER.search(question)
    if asked is None:
        return ""
    counted, per = _stem(asked["counted"].casefold()), _stem(asked["per"].casefold())
    if counted == per or re.search(rf"\b(?:per|each|every)\s+{re.escape(per)}", text, re.I):
        return ""
    found: dict[str, list[tuple[float, str]]] = {counted: [], per: []}
    for m in _COUNT.finditer(text):
        noun = _NOUN_ENDS.sub("", m["noun"]).split()
        stem = _stem(noun[0].casefold()) if noun else ""
        if stem in found:
            found[stem].append((_value(m["n"], None), noun[0]))
    if len(found[counted]) != 1 or len(found[per]) != 1:
        return ""
    (top, top_noun), (bottom, bottom_noun) = found[counted][0], found[per][0]
    if bottom < 2 or top <= bottom:
        return ""
    return (
        f"Worked out: {top:,.0f} {top_noun} over {bottom:,.0f} {bottom_noun} is about "
        f"{_number(top / bottom)} {top_noun} per {per}."
    )


# "How many places did it slide between the two lists": the gap between two ranks.
_ASKS_PLACES = re.compile(
    r"\bhow\s+many\s+(?:places|positions|spots|ranks|rungs)\b|\bby\s+how\s+many\s+places\b", re.I
)
_RANK = re.compile(r"\b(?P<n>\d{1,4})(?:st|nd|rd|th)\b")


def _places_moved(text: str, question: str) -> str:
    """ "91st in June 2021, 113th in June 2022" asked "how many places did it slide": 22.
    Only two ranks in the text."""
    ranks = [int(m["n"]) for m in _RANK.finditer(text)]
    if len(ranks) != 2 or ranks[0] == ranks[1]:
        return ""
    first, second = ranks
    way = "lower" if second > first else "higher"
    return (
        f"Worked out: from {_ordinal(first)} to {_ordinal(second)} is {abs(second - first)} "
        f"places {way}."
    )


def _ordinal(n: int) -> str:
    ending = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{ending}"


# "By how many PF does LUMI beat LEONARDO", "how much more funding": the difference of two.
_ASKS_DIFFERENCE = re.compile(
    r"\bby\s+how\s+(?:much|many)\b|\bhow\s+(?:much|many\s+[\w-]+)\s+(?:more|less|fewer|higher|"
    r"lower|bigger|larger|smaller)\b|\b(?:what(?:'s|\s+is)\s+the\s+)?difference\s+(?:in|between)\b",
    re.I,
)
_FLOPS_AMOUNT = re.compile(rf"(?<![\w.,])(?P<n1>{_NUMBER})\s?(?P<unit>[PE]F)\b")


def _flops(text: str) -> list[Amount]:
    found = []
    for m in _FLOPS_AMOUNT.finditer(text):
        value = _value(m["n1"], None) * (1000.0 if m["unit"] == "EF" else 1.0)
        found.append(Amount(value, "PF", m.start(), m.end()))
    return found


def _difference(text: str, question: str) -> str:
    """ "LUMI: 379.70 PF" and "LEONARDO: 238.7 PF" asked "by how many PF does LUMI beat
    LEONARDO": 141 PF. Only two amounts in one unit, and not the same."""
    pair = _two_in_one_unit(text, (_money, _hours, _sizes, _flops))
    if pair is None:
        return ""
    small, big = pair
    if big.unit == "EUR":
        gap = Amount(big.value - small.value, big.unit, 0, 0)
        return f"Worked out: {_said(big)} less {_said(small)} is {_said(gap)}."
    # As written, not rounded: "379.7 PF less 238.7 PF", so the sum can be checked.
    return (
        f"Worked out: {_exact(big.value)} {big.unit} less {_exact(small.value)} {big.unit} "
        f"is {_exact(big.value - small.value)} {big.unit}."
    )


# "How many GPUs running flat out 24/7 would use it up in a 30-day month": an amount of
# compute time spread over a period, running around the clock.
_ASKS_RUNNING = re.compile(
    r"\bhow\s+many\s+(?P<units>gpus|gcds|nodes|cores)\b(?=[^?]*\b(?:24/7|24x7|flat\s+out|"
    r"around\s+the\s+clock|non-?stop|continuously|full\s+time)\b)",
    re.I,
)
_PERIOD = re.compile(
    r"\b(?:(?P<n>\d+)[-\s]?(?P<unit>day|week|month)s?(?:[-\s]month)?|(?:a|one|per|each|single)\s+"
    r"(?:(?P<n2>\d+)-day\s+)?(?P<unit2>day|week|month))\b",
    re.I,
)
_DAYS = {"day": 1, "week": 7, "month": 30}
_ASKS_MOST = re.compile(r"\bmax(?:ed|imum|imal)?\b|\bceiling\b|\bthe\s+most\b|\bfull\b", re.I)
# What running each thing is billed in, and its name.
_RUNNING = {
    "gpus": ("GPU-hours", "GPUs"),
    "gcds": ("GPU-hours", "GCDs"),
    "nodes": ("node-hours", "nodes"),
    "cores": ("core-hours", "cores"),
}


def _units_running(text: str, question: str) -> str:
    """ "Up to 50,000 GPU-hours" asked "how many GPUs running 24/7 for a 30-day month": about
    69. Only the amount in the unit the things asked are billed in: the one amount, or the
    most the text allows."""
    asked = _ASKS_RUNNING.search(question)
    period = _PERIOD.search(question)
    if asked is None or period is None:
        return ""
    if period["n2"]:
        days = int(period["n2"])
    elif period["n"]:
        days = int(period["n"]) * _DAYS[period["unit"].casefold()]
    else:
        days = _DAYS[period["unit2"].casefold()]
    unit, units = _RUNNING[asked["units"].casefold()]
    amounts = [a for a in _hours(text) if a.unit.casefold() == unit.casefold()]
    bounded = [a for a in amounts if _AT_MOST_BEFORE.search(text, 0, a.start)]
    # "A maxed-out allocation": only the most one may get, not a figure of another kind.
    chosen = bounded if len(amounts) > 1 or _ASKS_MOST.search(question) else amounts
    if len(chosen) != 1 or days <= 0:
        return ""
    (amount,) = chosen
    running = amount.value / (days * 24)
    return (
        f"Worked out: {_said(amount)} over {days} days of 24 hours is about "
        f"{_number(running)} {units} running the whole time."
    )


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
    (_count_per_count, lambda q: bool(_ASKS_COUNT_PER.search(q))),
    (_units_running, lambda q: bool(_ASKS_RUNNING.search(q))),
    (_places_moved, lambda q: bool(_ASKS_PLACES.search(q))),
    (_difference, lambda q: bool(_ASKS_DIFFERENCE.search(q)) and not _ASKS_TIMES.search(q)),
)
