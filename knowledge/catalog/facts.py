"""Curated facts as evidence: every fact group of the catalogue as one typed, sourced record.

A `CuratedFact` is what the answerer retrieves for catalogue questions, the way a passage is
retrieved for documents: our own sentence about one subject (a machine, a partition, a call, an
AI Factory, a country), the topics it answers (keys of `topics.yaml`), and the provenance of
the fact group it was rendered from (its own source URL, the day that source was checked and
whether an official page states it). Facts whose wording depends on the day (the next
cut-off) carry a `render` function that the answerer calls with the current time.

Nothing here names a particular machine or call: adding one to the YAML adds its facts.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal

from knowledge.answer_kinds import (
    asks_end_day,
    asks_span,
    asks_total,
    asks_yes_or_no,
    counts_cores,
    counts_gpus,
    measures_gpu_memory,
    measures_local_storage,
    measures_node_memory,
    place_number,
    with_listed_count,
    with_span,
)
from knowledge.catalog.billing import job_bill
from knowledge.catalog.catalog import Catalog
from knowledge.catalog.chat_text import (
    MONTHS,
    day_text,
    describe_partition,
    describe_slurm_partition,
    partition_label,
    when_text,
)
from knowledge.catalog.cutoffs import Cutoff, call_cutoffs
from knowledge.catalog.models import (
    AIFactory,
    Call,
    Duration,
    Fact,
    GpuAccounting,
    Machine,
    Sourced,
    TimeToAccess,
    is_primary_source,
)
from knowledge.catalog.totals import (
    core_total,
    gpu_memory_total,
    local_storage_total,
    memory_total,
    partition_total,
)
from knowledge.figures import with_figures, works_out_figures

SubjectKind = Literal["machine", "partition", "slurm", "call", "factory", "country"]


@dataclass(frozen=True)
class Subject:
    """Something a question can name: the catalogue's entities, and countries."""

    kind: SubjectKind
    id: str
    name: str


@dataclass(frozen=True)
class CuratedFact:
    """One fact group of the catalogue, ready to be matched and quoted."""

    id: str
    subjects: tuple[Subject, ...]
    topics: tuple[str, ...]
    text: str
    source: str
    as_of: date
    confirmed: bool
    # Facts whose text depends on the day (next cut-off) or on the question (which call fits
    # the GPU-hours asked for): called with the current time and the question.
    render: Callable[[datetime, str], str] | None = field(default=None, compare=False)
    # A question about this fact may ask for a list of several subjects ("which machines ...").
    listable: bool = False
    # An FAQ answer, a note (on a machine, a call, the AI Factories programme) or what came
    # before a call: free text under a broad topic (one FAQ heading, "overview", "history"),
    # so what its text says is what it answers, as much as its topic's example questions.
    says_its_topic: bool = False
    # A count of things (the stem of their name, "factor" for AI Factories): the fact answers
    # only a question that counts them. "Is there an AI Factory in Czechia" is answered by the
    # factory's own fact, "how many does Spain have" by the count.
    counts: str = ""
    # What a fact about all of one kind of subject lists ("machine": who built each machine):
    # it answers only a question that names none of them. "Who built Arrhenius" is asked of
    # one, which its own facts answer or leave open.
    across: str = ""
    # Further sources a composite fact rests on (the upcoming cut-offs of several calls).
    more_sources: tuple[tuple[str, date, bool], ...] = ()
    # True when, at that time, the fact has nothing to say (no future cut-off on record): the
    # answer is then an honest "I don't know", not a fact.
    unknown_at: Callable[[datetime, str], bool] | None = field(default=None, compare=False)
    # True when the text rendered for the question works out a value no page states (what a
    # job of 10 node-hours is billed): a passage from the fact's own page cannot replace it.
    works_out: Callable[[str], bool] | None = field(default=None, compare=False)

    def is_unknown(self, now: datetime, question: str = "") -> bool:
        return self.unknown_at is not None and self.unknown_at(now, question)

    def is_worked_out(self, question: str) -> bool:
        return (self.works_out is not None and self.works_out(question)) or works_out_figures(
            self.text, question
        )

    def text_at(self, now: datetime, question: str = "") -> str:
        text = self.render(now, question) if self.render is not None else self.text
        # "How many partner countries": the names listed, counted; "how many weeks between
        # them": the days apart; "how many euros of it came from the EU": 35% of EUR 20 M.
        if not question:
            return text
        return with_figures(with_span(with_listed_count(text, question), question), question)


def _lc(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _fact(
    fid: str,
    subjects: Iterable[Subject],
    topics: Iterable[str],
    text: str,
    provenance: Sourced,
    *,
    own_text: bool = True,
    **extra: object,
) -> CuratedFact:
    """A fact from a group of the catalogue; `own_text=False` when it says something else than
    the group's text and only borrows its provenance (so not the topics the group answers)."""
    also = provenance.also_answers if own_text else []
    return CuratedFact(
        id=fid,
        subjects=tuple(subjects),
        topics=tuple(dict.fromkeys([*topics, *also])),
        text=text,
        source=provenance.source,
        as_of=provenance.as_of,
        confirmed=provenance.confirmed,
        **extra,  # type: ignore[arg-type]
    )


def _worked_out_day(
    call: Call, group: object
) -> tuple[Callable[[datetime, str], str], Callable[[str], bool]] | None:
    """What works out a day from `group` for a question (see `_last_day`, `_access_day`), and
    which questions ask for it; None when `group` gives nothing to work one out from."""
    if isinstance(group, Duration):
        ends = _last_day(group)
        if ends is None:
            return None
        return (lambda now, q: ends if asks_end_day(q) else ""), asks_end_day
    if isinstance(group, TimeToAccess) and (
        group.months_after_cutoff or group.working_days_after_cutoff
    ):
        return (lambda now, q: _access_day(call, group, q, now)), asks_after_cutoff
    return None


def _access_day(call: Call, access: TimeToAccess, question: str, now: datetime) -> str:
    """The day an answer or the resources come for the cut-off the question names ("if we make
    the mid-September 2026 cut-off"): "" when it names none of the call's cut-offs."""
    cutoff = asked_cutoff(call, question, now) if asks_after_cutoff(question) else None
    if cutoff is None:
        return ""
    if access.working_days_after_cutoff:
        day = _working_days_after(cutoff, access.working_days_after_cutoff)
        # Public holidays differ by country and by year: only weekends are skipped.
        return (
            f"For the cut-off on {day_text(cutoff)}, that is by {day_text(day)} (weekends "
            "skipped, public holidays not)."
        )
    assert access.months_after_cutoff is not None
    day = _months_after(cutoff, access.months_after_cutoff)
    return f"For the cut-off on {day_text(cutoff)}, that is around {day_text(day)}."


def _months_after(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _working_days_after(day: date, count: int) -> date:
    """The day `count` working days (Monday to Friday) after `day`."""
    while count:
        day += timedelta(days=1)
        count -= day.weekday() < 5
    return day


def _last_day(duration: Duration) -> str | None:
    """The day the longest allocation ends: "So the longest run from 1 Jan 2025 to 31 Mar 2026
    at the latest." (None without a start day or a length in months on record)."""
    if duration.starts is None or not duration.months:
        return None
    start = duration.starts
    # The day before the same day `months` later: 1 Jan 2025 and 15 months end on 31 Mar 2026.
    ends = _months_after(start, max(duration.months)) - timedelta(days=1)
    return f"So the longest run from {day_text(start)} to {day_text(ends)} at the latest."


def _asked_totals(totals: Iterable[tuple[str, Callable[[str], bool]]], question: str) -> list[str]:
    """The partition's totals that `question` asks for (its GPUs, cores, GPU memory, memory or
    local storage in all)."""
    return [total for total, counts in totals if asks_total(question) and counts(question)]


def _note_facts(
    owner: str, subjects: list[Subject], topic: str, label: str, notes: Iterable[Fact]
) -> Iterator[CuratedFact]:
    """The notes of a machine, a call or the AI Factories programme: free text, each with its
    own provenance, that says what it answers (see `CuratedFact.says_its_topic`)."""
    for i, note in enumerate(notes):
        yield _fact(
            f"{owner}/note/{i}", subjects, [topic], f"{label}{note.text}", note, says_its_topic=True
        )


def machine_subject(machine: Machine) -> Subject:
    return Subject("machine", machine.id, machine.name)


def call_subject(call: Call) -> Subject:
    return Subject("call", call.id, call.name)


def country_subject(country: str) -> Subject:
    return Subject("country", country.casefold(), country)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _vendor_said(m: Machine) -> Sourced | None:
    """The first of the machine's overview, status and notes whose text names its vendor (by
    the vendor's first name: "Atos" of "Atos/Eviden BullSequana XH3000")."""
    if not m.vendor:
        return None
    first = re.split(r"[\s/,]", m.vendor, maxsplit=1)[0]
    named = re.compile(rf"\b{re.escape(first)}\b", re.I)
    texts = [(m.overview, m.overview.text), (m.status, m.status.detail or "")]
    texts += [(note, note.text) for note in m.notes]
    return next((group for group, text in texts if named.search(text)), None)


def _also_cited(groups: Iterable[Sourced]) -> tuple[tuple[str, date, bool], ...]:
    """The provenance of `groups` after the first one's, each once: the further sources of a
    fact that rests on several groups and is cited to the first."""
    return tuple({(g.source, g.as_of, g.confirmed): None for g in groups})[1:]


def _builders(catalog: Catalog) -> Iterator[CuratedFact]:
    """Who built each machine, in one list: "which EuroHPC machines did HPE build" asks across
    the machines, which no one machine's fact answers. Only makers a source of the machine
    names (see `_vendor_said`), each cited."""
    groups = {m.id: _vendor_said(m) for m in catalog.machines}
    said = [(m, group) for m in catalog.machines if (group := groups[m.id]) is not None]
    if not said:
        return
    unknown = [m.name for m in catalog.machines if groups[m.id] is None]
    rest = f" Not on record for {', '.join(unknown)}." if unknown else ""
    yield _fact(
        "machines/vendors",
        [],
        ["procurement"],
        "**Who built the EuroHPC machines:** "
        + "; ".join(f"{m.name}: {m.vendor}" for m, _ in said)
        + f".{rest}",
        said[0][1],
        own_text=False,
        listable=True,
        across="machine",
        more_sources=_also_cited(g for _, g in said),
    )


def _machine_facts(catalog: Catalog, m: Machine) -> Iterator[CuratedFact]:
    me = machine_subject(m)
    place = ", ".join(x for x in (m.site, m.city, m.country) if x)
    where = (me, country_subject(m.country))
    yield _fact(
        f"{m.id}/overview",
        [me],
        ["overview"],
        f"**{m.name}** is {_article(m.tier)} {m.tier} EuroHPC supercomputer at {place}. "
        f"{m.overview.text}",
        m.overview,
    )
    yield _fact(
        f"{m.id}/place",
        where,
        ["place"],
        f"**{m.name}** is hosted by {m.site}"
        + (f" in {m.city}" if m.city else "")
        + f", {m.country}.",
        m.overview,
        own_text=False,
        listable=True,
    )
    said = _vendor_said(m)
    if m.vendor and said is not None:
        # "Deucalion vendor?": the maker on its own, cited to the group of the machine that
        # names it (a vendor no source of the machine names is not shown as a fact).
        yield _fact(
            f"{m.id}/vendor",
            [me],
            ["procurement"],
            f"**{m.name}** vendor: {m.vendor}.",
            said,
            own_text=False,
        )
    detail = f" {m.status.detail}" if m.status.detail else ""
    since = f" (since {day_text(m.status.date)})" if m.status.date else ""
    yield _fact(
        f"{m.id}/status",
        [me],
        ["status"],
        f"**{m.name}** is {m.status.state}{since}.{detail}",
        m.status,
    )
    for part in m.partitions:
        sub = Subject("partition", part.id, partition_label(m, part))
        topics = ["hardware", "nodes", "memory"]
        if part.gpu is not None:
            topics.append("gpu")
        if part.cpu is not None:
            topics.append("cpu")
        described = describe_partition(m, part)
        # A total of the whole partition only when one is asked for, of what is counted.
        totals = (
            (partition_total(part), counts_gpus),
            (core_total(part), counts_cores),
            (gpu_memory_total(part), measures_gpu_memory),
            (memory_total(part), measures_node_memory),
            (local_storage_total(part), measures_local_storage),
        )
        asked_totals = tuple((total, counts) for total, counts in totals if total)
        yield _fact(
            f"{m.id}/partition/{part.id}",
            [me, sub],
            topics,
            described,
            part,
            listable=True,
            render=(
                None
                if not asked_totals
                else lambda now, q, text=described, asked_totals=asked_totals: " ".join(
                    [text] + _asked_totals(asked_totals, q)
                )
            ),
            # A total worked out is on no page: the partition's page is further reading.
            works_out=(
                None
                if not asked_totals
                else lambda q, asked_totals=asked_totals: bool(_asked_totals(asked_totals, q))
            ),
        )
    if m.interconnect:
        yield _fact(
            f"{m.id}/interconnect",
            [me],
            ["interconnect"],
            f"**{m.name}** interconnect: {m.interconnect.text}",
            m.interconnect,
        )
    for i, perf in enumerate(m.performance):
        note = f" ({perf.note})" if perf.note else ""
        yield _fact(
            f"{m.id}/performance/{i}",
            [me],
            ["performance"],
            f"**{m.name}** {perf.metric}: {perf.value}{note}.",
            perf,
        )
    if m.scheduler:
        note = f" {m.scheduler.note}" if m.scheduler.note else ""
        version = f", version {m.scheduler.version}" if m.scheduler.version else ""
        yield _fact(
            f"{m.id}/scheduler",
            [me],
            ["scheduler"],
            f"**{m.name}** runs the **{m.scheduler.name}** batch scheduler{version}.{note}",
            m.scheduler,
        )
    for sp in m.slurm_partitions:
        # The hardware partitions it runs on are its subjects too: a question about LEONARDO's
        # DCGP partition is not answered with the limits of a Booster queue.
        runs_on = [
            Subject("partition", part.id, partition_label(m, part))
            for part in m.partitions
            if re.search(rf"(?<![\w-]){re.escape(part.name)}(?![\w-])", sp.hardware, re.I)
        ]
        yield _fact(
            f"{m.id}/slurm/{sp.name}",
            [me, Subject("slurm", f"{m.id}/{sp.name}", sp.name), *runs_on],
            ["queue_limits"],
            f"**{m.name}** {describe_slurm_partition(sp)}",
            sp,
            listable=True,
        )
    if m.billing:
        rules = "".join(f"\n• {r}" for r in m.billing.rules)
        billing = f"**Billing on {m.name}** (units: {', '.join(m.billing.units)}):{rules}"
        accounting = m.billing.gpu_accounting
        yield _fact(
            f"{m.id}/billing",
            [me],
            ["billing"],
            billing,
            m.billing,
            # "One standard-g node for 10 hours, how many GPU-hours": the sum, then the rules.
            render=(
                None
                if accounting is None
                else lambda now, q, text=billing, accounting=accounting: _with_bill(
                    text, accounting, q
                )
            ),
            works_out=(
                None
                if accounting is None
                else lambda q, accounting=accounting: job_bill(accounting, q) is not None
            ),
        )
    if m.login:
        note = f" ({m.login.note})" if m.login.note else ""
        yield _fact(
            f"{m.id}/login",
            [me],
            ["login"],
            f"Log in to **{m.name}** at `{m.login.host}`{note}.",
            m.login,
        )
    if m.docs:
        yield _fact(
            f"{m.id}/docs",
            [me],
            ["docs"],
            f"**{m.name}** user documentation: {m.docs.url}",
            m.docs,
        )
    pages = (
        (m.status_page, "status_page", "service status and announcements"),
        (m.portal, "portal", "web portal"),
    )
    for link, topic, label in pages:
        if link:
            note = f" ({link.note})" if link.note else ""
            yield _fact(
                f"{m.id}/{topic.replace('_', '-')}",
                [me],
                [topic],
                f"**{m.name}** {label}: {link.url}{note}",
                link,
            )
    if m.accounting:
        commands = ", ".join(f"`{c}`" for c in m.accounting.commands)
        note = f" {m.accounting.note}" if m.accounting.note else ""
        yield _fact(
            f"{m.id}/accounting",
            [me],
            ["allocation_check"],
            f"On **{m.name}**, a project's allocation and quotas are shown by {commands}.{note}",
            m.accounting,
        )
    if m.api:
        yield _fact(f"{m.id}/api", [me], ["api"], f"**{m.name}** APIs: {m.api.text}", m.api)
    yield from _note_facts(m.id, [me], "overview", f"**{m.name}:** ", m.notes)
    if m.ai_factory:
        factory = next((f for f in catalog.ai_factories if f.id == m.ai_factory), None)
        if factory is not None:
            yield _fact(
                f"{m.id}/ai-factory",
                [me, Subject("factory", factory.id, factory.name)],
                ["factory_system"],
                f"**{m.name}** serves the **{factory.name}** AI Factory ({factory.host}, {factory.country}).",
                factory.system,
            )


_CALL_FACETS: tuple[tuple[str, str, str], ...] = (
    # (attribute, topic, label)
    ("summary", "overview", "in short"),
    ("eligibility", "eligibility", "who can apply"),
    ("offer", "offer", "what you can get"),
    ("duration", "duration", "how long an allocation lasts"),
    ("review", "review", "how proposals are selected"),
    ("time_to_access", "time_to_access", "time to access"),
    ("cost", "cost", "cost"),
    ("history", "history", "what came before"),
)


def _call_facts(catalog: Catalog, call: Call) -> Iterator[CuratedFact]:
    me = call_subject(call)
    for attribute, topic, label in _CALL_FACETS:
        group = getattr(call, attribute)
        if group is None:
            continue
        text = f"**{call.name}, {label}:** {group.text}"
        worked_out = _worked_out_day(call, group)
        yield _fact(
            f"{call.id}/{attribute}",
            [me],
            [topic],
            text,
            group,
            # What came before is told as a story, like a note: "Multiverse Computing got
            # 800,000 hours on MareNostrum 5" answers how much it got, whatever the topic.
            says_its_topic=attribute == "history",
            # "By when did the longest ones have to wrap up", "if we make the mid-September
            # cut-off, by what date do we start": a day worked out, which no page states.
            render=(
                None
                if worked_out is None
                else lambda now, q, text=text, day=worked_out[0]: " ".join(
                    part for part in (text, day(now, q)) if part
                )
            ),
            works_out=None if worked_out is None else worked_out[1],
        )
    if call.obligations:
        yield _fact(
            f"{call.id}/obligations",
            [me],
            ["obligations"],
            f"**{call.name}, obligations:** " + " ".join(o.text for o in call.obligations),
            call.obligations[0],
        )
    yield _fact(
        f"{call.id}/apply",
        [me],
        ["apply"],
        f"**{call.name}, how to apply:** {call.apply.text} {call.apply.url}",
        call.apply,
    )
    schedule = call.cutoffs
    if schedule.frequency or schedule.rule == "continuous":
        how_often = (
            "continuously open: apply any time"
            if schedule.rule == "continuous"
            else "reviewed at dated cut-offs"
        )
        extra = f" ({schedule.frequency})" if schedule.frequency else ""
        how_often_text = f"**{call.name}** is {how_often}{extra}."
        # "How often" and "when next" are asked in near-identical words, so each of the two
        # facts carries the other's value: whichever one the question meets answers it.
        yield _fact(
            f"{call.id}/frequency",
            [me],
            ["frequency"],
            how_often_text,
            schedule,
            render=(
                None
                if schedule.rule == "continuous"
                else lambda now, q, call=call, text=how_often_text: (
                    f"{text} "
                    + next_cutoff_text(
                        catalog,
                        call,
                        now,
                        how_often=False,
                        year=asked_year(q, now),
                        after=asked_after(q, now),
                        period=asked_period(q, now),
                    )
                )
            ),
            unknown_at=lambda now, q, call=call: nothing_on_record(
                catalog, call, now, asked_year(q, now), asked_after(q, now), asked_period(q, now)
            ),
            # "Which calls are continuously open?" asks for every call whose schedule fits.
            listable=schedule.rule == "continuous",
        )
    yield _fact(
        f"{call.id}/cutoffs",
        [me],
        ["cutoffs"],
        f"Cut-offs of {call.name}",
        schedule,
        render=lambda now, q, call=call: (
            # "The 4 May Extreme Scale deadline: which other calls' cut-offs fell within a
            # week of it": every call's, in that period.
            _cutoffs_of_all_in_period(catalog, period)
            if (period := asked_period(q, now)) is not None and _OTHER_CALLS.search(q)
            else _cutoffs_apart(call, q)
            or next_cutoff_text(
                catalog,
                call,
                now,
                year=asked_year(q, now),
                after=asked_after(q, now),
                period=period,
            )
        ),
        unknown_at=lambda now, q, call=call: nothing_on_record(
            catalog, call, now, asked_year(q, now), asked_after(q, now), asked_period(q, now)
        ),
    )
    yield from _note_facts(call.id, [me], "overview", f"**{call.name}:** ", call.notes)
    if call.machines:
        names = ", ".join(catalog.machine(mid).name for mid in call.machines)
        listed = f"**{call.name}** gives access to: {names}."
        yield _fact(
            f"{call.id}/machines",
            [me, *(machine_subject(catalog.machine(mid)) for mid in call.machines)],
            ["call_machines"],
            listed,
            call.summary,
            render=lambda now, q, call=call, names=names, listed=listed: (
                _yes_or_no(catalog, call, names, q) or listed
            ),
        )


# What a yes-or-no question about a call's machines asks ("can a Large Scale project run on
# Vega", "is JUPITER included in Fast Lane"), and what makes it ask something else: whether the
# call is open, the only machine, a comparison, a cut-off, a negation.
_ASKS_ACCESS = re.compile(
    r"\b(?:run|use|access|include[ds]?|included|available|part\s+of|get|through|via|under)\b",
    re.I,
)
_ASKS_OTHER = re.compile(
    # "n't" ends a word ("isn't"), so it stands outside the word-bounded group.
    r"\b(?:open|only|better|best|faster|cut-?offs?|deadlines?|not|never)\b|n't\b",
    re.I,
)


def _yes_or_no(catalog: Catalog, call: Call, names: str, question: str) -> str:
    """For a yes-or-no question whether `call` gives access to the machines it names, the yes
    or the no with the machines it gives access to (`names`); "" for any other question, and
    for one naming machines both on and off the list ("LUMI or Alice Recoque")."""
    if not (
        asks_yes_or_no(question)
        and _ASKS_ACCESS.search(question)
        and not _ASKS_OTHER.search(question)
    ):
        return ""
    named = [m for m in catalog.machines if _written_in(question, m.name, *m.aliases)]
    inside = [m.name for m in named if m.id in call.machines]
    outside = [m.name for m in named if m.id not in call.machines]
    if inside and not outside:
        return f"Yes: **{call.name}** gives access to {' and '.join(inside)}. All its machines: {names}."
    if outside and not inside:
        verb = "is" if len(outside) == 1 else "are"
        return (
            f"No: {' and '.join(outside)} {verb} not among the machines **{call.name}** gives "
            f"access to: {names}."
        )
    return ""


def _with_bill(text: str, accounting: GpuAccounting, question: str) -> str:
    """The billing rules, led by what the job the question describes is billed, if it says."""
    bill = job_bill(accounting, question)
    return text if bill is None else f"{bill.text()}\n{text}"


def _written_in(text: str, *names: str) -> bool:
    """Whether any of `names` is written in `text` as a word of its own (a machine's name and
    aliases: the catalogue's facts are built before its name table)."""
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text, re.I) for n in names)


# Not a number of hours ("we used 2000 node hours").
_YEAR = re.compile(
    r"\b(20\d\d)\b(?!\s*(?:(?:gpu|node|cpu|core)[- ]?)?(?:hours?|hrs?|h|gpus?|nodes?|cores?|"
    r"euros?|eur|users?|projects?|proposals?|tb|gb)\b)",
    re.I,
)
# "The spring cut-off this year, which day was it": a year named by where it stands from today.
_RELATIVE_YEAR = re.compile(r"\b(this|current|last|previous|next|coming)\s+year(?!\w)", re.I)
_CUTOFF_WORD = re.compile(r"\b(?:cut-?offs?|deadlines?|rounds?)\b", re.I)
_YEARS_FROM_NOW = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}


def asked_year(question: str, now: datetime | None = None) -> int | None:
    """The year a question is about ("the first cut-off in 2027", or "next year" from `now`),
    if it names one. Of several, the one nearest a cut-off is the one asked about: "we used it
    last year; when are the cut-offs next year?", "for our 2027 roadmap: in 2026, which days
    were cut-offs?"; else the first."""
    cutoff = _CUTOFF_WORD.search(question)

    def nearest(found: list[re.Match[str]]) -> re.Match[str]:
        if cutoff is None:
            return found[0]
        return min(found, key=lambda m: max(m.start() - cutoff.end(), cutoff.start() - m.end()))

    named = list(_YEAR.finditer(question))
    if named:
        return int(nearest(named).group(1))
    relative = list(_RELATIVE_YEAR.finditer(question)) if now is not None else []
    if not relative or now is None:
        return None
    return now.year + _YEARS_FROM_NOW[nearest(relative).group(1).lower()]


# A month written out or short ("jan", "Sept", "december").
_MONTH = "|".join(rf"{m[:3]}(?:{m[3:]})?" for m in MONTHS) + "|sept"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# "the one after 4 Jan 2027", "after the jan 4 2027 one", "after 2027-01-04": a day asked
# from, which is not today.
_AFTER_DAY = re.compile(
    r"\b(?:after|following|follows?)\s+(?:the\s+)?(?:"
    rf"{_DAY}\.?\s+(?:of\s+)?({_MONTH})\.?|({_MONTH})\.?\s+{_DAY}"
    r")(?:,?\s+(20\d\d))?\b|"
    r"\b(?:after|following|follows?)\s+(?:the\s+)?(20\d\d)-(\d\d)-(\d\d)\b",
    re.I,
)


def asked_after(question: str, now: datetime) -> date | None:
    """The day a question asks what comes after ("the cut-off after the jan 4 2027 one"), if
    it names one; without a year, the year it names elsewhere, or this one."""
    found = _AFTER_DAY.search(question)
    if found is None:
        return None
    g = found.groups()
    if g[5] is not None:
        day, month, year = int(g[7]), int(g[6]), int(g[5])
    else:
        day = int(g[0] or g[3])
        month = _month_number(g[1] or g[2])
        year = int(g[4]) if g[4] else asked_year(question, now) or now.year
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Period:
    """Days a question asks about, both included: "October 2026", "the second half of 2026",
    "within a week either side of 4 May 2026"."""

    first: date
    last: date

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last

    def text(self) -> str:
        return f"from {day_text(self.first)} to {day_text(self.last)}"


# "In October 2026", "during oct", "of december 2026"; not a day ("30 June", "june 30").
_IN_MONTH = re.compile(
    rf"(?<!\d\s)(?<!\d)\b(?:(?:in|during|for|of|over)\s+({_MONTH})\.?(?:\s+(20\d\d))?|"
    rf"({_MONTH})\.?\s+(20\d\d))\b(?!\s*\d)",
    re.I,
)
# "Between august and november 2026", "jan-mar 2026", "in july and august".
_MONTH_RANGE = re.compile(
    rf"\b({_MONTH})\.?\s*(?:-|\u2013|to|through|until|till|and)\s*({_MONTH})\b\.?"
    r"(?:\s+(20\d\d))?(?!\s*\d)",
    re.I,
)
# "Between now and the end of january", "from now until march".
_FROM_NOW_UNTIL = re.compile(
    r"\b(?:between\s+now\s+and|from\s+now\s+(?:un)?till?|now\s+(?:un)?till?)\s+"
    rf"(?:the\s+)?(?:end\s+of\s+)?({_MONTH})\b\.?(?:\s+(20\d\d))?",
    re.I,
)
# "The end of november one", "mid-september": a part of a month points at a day.
_PART_BEFORE = re.compile(r"\b(?:end|beginning|start|middle|mid|late|early)(?:\s+of)?[-\s]*$", re.I)
_HALF = re.compile(r"\b(?:(first|second|1st|2nd|last)\s+half|h([12]))\b", re.I)
_QUARTER = re.compile(r"\bq([1-4])\b|\b(first|second|third|fourth|last)\s+quarter\b", re.I)
# "Within a week either side of 4 May 2026", "within 10 days of it".
_AROUND = re.compile(
    r"\bwithin\s+(?:(a|one|two|three|\d+)\s+)?(days?|weeks?)\b[^?.!]{0,30}?\bof\b", re.I
)
_COUNT_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3}


def _month_number(name: str) -> int:
    """The month a name of it written out or short gives ("Sept", "december": 9, 12)."""
    return [m[:3] for m in MONTHS].index(name[:3].lower()) + 1


def _named_days(text: str, year: int) -> Iterator[date]:
    """The days `text` names ("4 may 2026", "June 30"), in `year` when it names none."""
    for found in _ON_DAY.finditer(text):
        g = found.groups()
        try:
            yield date(int(g[2] or g[5] or year), _month_number(g[1] or g[3]), int(g[0] or g[4]))
        except ValueError:
            continue


def _named_day(text: str, year: int) -> date | None:
    """The first day `text` names (see `_named_days`)."""
    return next(_named_days(text, year), None)


@lru_cache(maxsize=256)
def asked_period(question: str, now: datetime) -> Period | None:
    """The period a question asks about, if it names one (see `Period`); a month or half
    without a year is in the year it names elsewhere, or this one. Asked what is still ahead,
    it starts today."""
    period = _named_period(question, now)
    if period is not None and _STILL_AHEAD.search(question) and period.first < now.date():
        return Period(now.date(), period.last) if period.last >= now.date() else period
    return period


_STILL_AHEAD = re.compile(
    r"\b(?:still|ahead|upcoming|coming\s+up|left|remaining|from\s+now)\b", re.I
)


def _named_period(question: str, now: datetime) -> Period | None:
    year = asked_year(question, now) or now.year
    around = _AROUND.search(question)
    if around is not None:
        # The day it is around: named after "of", or else where the question names it ("the
        # 4 may 2026 deadline. which cut-offs fell within a week of it").
        day = _named_day(question[around.end() :], year) or _named_day(question, year)
        if day is not None:
            count = around.group(1) or "1"
            n = _COUNT_WORDS.get(count.lower()) or int(count)
            span = timedelta(days=n * (7 if around.group(2).lower().startswith("week") else 1))
            return Period(day - span, day + span)
    half = _HALF.search(question)
    if half is not None:
        second = (half.group(1) or half.group(2)).lower() in ("second", "2nd", "last", "2")
        return (
            Period(date(year, 7, 1), date(year, 12, 31))
            if second
            else Period(date(year, 1, 1), date(year, 6, 30))
        )
    quarter = _QUARTER.search(question)
    if quarter is not None:
        said = quarter.group(1) or quarter.group(2)
        q = int(said) if said.isdigit() else place_number(said) or 4  # "the last quarter"
        return Period(date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
    ranged = _MONTH_RANGE.search(question)
    if ranged is not None:
        first, last = _month_number(ranged.group(1)), _month_number(ranged.group(2))
        # "December and january", no year named: the coming turn of the year.
        named_year = ranged.group(3) or asked_year(question, now)
        to_year = int(named_year or (now.year + 1 if first > last else now.year))
        from_year = to_year if first <= last else to_year - 1
        return Period(date(from_year, first, 1), _month_end(to_year, last))
    until = _FROM_NOW_UNTIL.search(question)
    if until is not None:
        last = _month_number(until.group(1))
        to_year = int(until.group(2) or (now.year if last >= now.month else now.year + 1))
        return Period(now.date(), _month_end(to_year, last))
    for month in _IN_MONTH.finditer(question):
        # "The end of november one" is a cut-off near a day, not the month's cut-offs.
        named_at = month.start(1) if month.group(1) else month.start(3)
        if _PART_BEFORE.search(question, 0, named_at):
            continue
        number = _month_number(month.group(1) or month.group(3))
        in_year = int(month.group(2) or month.group(4) or year)
        return Period(date(in_year, number, 1), _month_end(in_year, number))
    # "Which of the deadlines fell in 2024": the cut-offs of a whole year, listed.
    whole_year = _IN_YEAR.search(question)
    if whole_year is not None and _WHICH_CUTOFFS.search(question):
        in_year = int(whole_year.group(1))
        return Period(date(in_year, 1, 1), date(in_year, 12, 31))
    return None


_IN_YEAR = re.compile(r"\b(?:in|during|throughout)\s+(20\d\d)\b", re.I)
_WHICH_CUTOFFS = re.compile(
    r"\b(?:which|what)\b[^?.!]{0,40}?\b(?:cut-?offs?|deadlines?)\b[^?.!]{0,30}?"
    r"\b(?:fell|were|was|happened|came|took\s+place)\b",
    re.I,
)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# "The 30 June 2026 cut-off", "june 30", "the mid-September one", "this week's".
_ON_DAY = re.compile(
    rf"\b{_DAY}\.?\s+(?:of\s+)?({_MONTH})\b\.?(?:,?\s+(20\d\d))?|"
    rf"\b({_MONTH})\.?\s+{_DAY}\b(?:,?\s+(20\d\d))?",
    re.I,
)
_PART_OF_MONTH = re.compile(
    rf"\b(early|beginning\s+of|start\s+of|mid|late|end\s+of)[-\s]+({_MONTH})\b\.?"
    r"(?:\s+(20\d\d))?",
    re.I,
)
_THIS_CUTOFF = re.compile(
    r"\b(?:this|next|upcoming|coming)\s+(?:week'?s?\s+)?(?:cut-?off|deadline|round)\b|"
    r"\bthis\s+week\b",
    re.I,
)


# What follows a cut-off: the decision, or the start on the machine.
_AFTER_CUTOFF = re.compile(
    r"\bhear\s+(?:back|(?:a\s+)?yes|(?:a\s+)?no)\b|\bdecisions?\b|\bresults?\b|"
    r"\b(?:start|begin)\s+(?:computing|running|using|our\s+runs?)\b|\bget\s+access\b|"
    r"\bresources?\s+start\b|\bon\s+the\s+machine\b",
    re.I,
)


_PART_DAY = {"early": 1, "beginning of": 1, "start of": 1, "mid": 15, "late": 31, "end of": 31}


def asks_after_cutoff(question: str) -> bool:
    """Whether the question names a cut-off (by its day, the part of its month, or as this
    week's or the next one; see `asked_cutoff`) and asks when what follows it comes ("if we
    make the mid-September cut-off, by what date can we start computing")."""
    return bool(_AFTER_CUTOFF.search(question)) and any(
        p.search(question) for p in (_ON_DAY, _PART_OF_MONTH, _THIS_CUTOFF)
    )


def asked_cutoff(call: Call, question: str, now: datetime) -> date | None:
    """The cut-off of `call` a question names: by its day ("the 30 June 2026 cut-off"), by the
    part of its month ("the mid-September one"), or as the next one ("this week's"); None
    when it names none of them."""
    days = [c.day for c in call_cutoffs(call)]
    if not days:
        return None
    year = asked_year(question, now) or now.year
    for asked in _named_days(question, year):
        if asked in days:
            return asked
    part = _PART_OF_MONTH.search(question)
    if part is not None:
        month = _month_number(part.group(2))
        named = int(part.group(3) or year)
        in_month = [d for d in days if (d.year, d.month) == (named, month)]
        if in_month:
            # The cut-off nearest the day the words point at: the 1st, the 15th or the 31st.
            where = re.sub(r"\s+", " ", part.group(1).lower())
            target = _PART_DAY.get(where, 15)
            return min(in_month, key=lambda d: abs(d.day - target))
    if _THIS_CUTOFF.search(question):
        ahead = [d for d in days if d >= now.date()]
        return ahead[0] if ahead else None
    return None


def nothing_on_record(
    catalog: Catalog,
    call: Call,
    now: datetime,
    year: int | None,
    after: date | None = None,
    period: Period | None = None,
) -> bool:
    """True when the calendar holds no cut-off of `call` for what is asked: none after the day
    `after`, none in `period` or in `year`, or (none named) none still ahead."""
    if call.cutoffs.rule != "dated":
        return False
    if after is not None:
        return not any(c.day > after for c in call_cutoffs(call))
    if period is not None:
        return not any(c.day in period for c in call_cutoffs(call))
    if year is not None:
        return not any(c.day.year == year for c in call_cutoffs(call))
    return not catalog.upcoming_cutoffs(now, call=call.id)


def next_cutoff_text(
    catalog: Catalog,
    call: Call,
    now: datetime,
    *,
    how_often: bool = True,
    year: int | None = None,
    after: date | None = None,
    period: Period | None = None,
) -> str:
    """The next cut-off of `call` from `now`, or after the day `after`, those in `period` or
    those of `year` when the question names one, or why there is none (computed, never
    stored)."""
    if call.cutoffs.rule == "continuous":
        extra = f" ({call.cutoffs.frequency})" if call.cutoffs.frequency else ""
        return (
            f"**{call.name}** has no deadline: it is continuously open{extra}, so apply any time."
        )
    if after is not None:
        return _cutoffs_after(call, after)
    if period is not None:
        return _cutoffs_in_period(call, period)
    if year is not None:
        return _cutoffs_in_year(catalog, call, now, year)
    upcoming = catalog.upcoming_cutoffs(now, call=call.id)
    if upcoming:
        frequency = call.cutoffs.frequency if how_often else ""
        rhythm = f" How often: {frequency}." if frequency else ""
        then = _then([c.day for c in upcoming[1:3]])
        return f"**Next {call.name} cut-off: {when_text(upcoming[0])}**{then}.{rhythm}"
    return _none_on_record(call, f"No future {call.name} cut-off", last_verb="was")


def _then(days: list[date]) -> str:
    """The cut-offs after the next one, as " (then 4 Jan 2027, 1 Feb 2027)"."""
    return f" (then {', '.join(day_text(d) for d in days)})" if days else ""


def _hour(cutoffs: list[Cutoff]) -> str:
    """The hour the cut-offs close, when the calendar gives one they share (" at 17:00 Brussels
    time", ", each at 10:00 Brussels time"): "at what time did call 2 close" is answered by it."""
    if not cutoffs or any(c.all_day for c in cutoffs):
        return ""
    hours = {f"{c.at:%H:%M}" for c in cutoffs}
    if len(hours) != 1:
        return ""
    place = str(cutoffs[0].at.tzinfo).rsplit("/", 1)[-1].replace("_", " ")
    return f"{', each' if len(cutoffs) > 1 else ''} at {hours.pop()} {place} time"


def _none_on_record(call: Call, missing: str, *, last_verb: str = "is") -> str:
    """That `missing` ("No future Large Scale cut-off") is on record, the last cut-off that
    is, and where to check."""
    known = call_cutoffs(call)
    # The last day's own note says what it was ("call 2 closed, or earlier once 250 proposals
    # arrived"): "was there a cap on submissions" is answered by it.
    note = f" ({known[-1].note})" if known and known[-1].note else ""
    last = (
        f"; the last one on record {last_verb} {day_text(known[-1].day)}{_hour(known[-1:])}{note}"
        if known
        else ""
    )
    return (
        f"**{missing} is on record**{last}. "
        f"The calendar may be out of date: check {call.cutoffs.source}"
    )


def _cutoffs_after(call: Call, after: date) -> str:
    """The cut-offs of `call` after the day `after`, or that none is on record."""
    days = [c.day for c in call_cutoffs(call) if c.day > after]
    if not days:
        return _none_on_record(call, f"No {call.name} cut-off after {day_text(after)}")
    return (
        f"**Next {call.name} cut-off after {day_text(after)}: {day_text(days[0])}**"
        f"{_then(days[1:3])}."
    )


def _cutoffs_in_period(call: Call, period: Period) -> str:
    """The cut-offs of `call` in `period`, counted, or that none is on record."""
    days = [c for c in call_cutoffs(call) if c.day in period]
    if not days:
        return _none_on_record(call, f"No {call.name} cut-off {period.text()}")
    listed = ", ".join(day_text(c.day) for c in days)
    many = f"{len(days)} cut-offs" if len(days) > 1 else "1 cut-off"
    return f"**{call.name}, {many} {period.text()}:** {listed}{_hour(days)}."


_OTHER_CALLS = re.compile(
    r"\bother\s+(?:[\w/-]+\s+){0,3}?(?:calls?|cut-?offs?|deadlines?)\b|"
    r"\b(?:all|every|any)\s+(?:the\s+|other\s+)?calls\b|\bacross\s+(?:all\s+)?(?:the\s+)?calls\b|"
    r"\bfor\s+which\s+calls\b",
    re.I,
)


def _cutoffs_of_all_in_period(catalog: Catalog, period: Period) -> str:
    """Every call's cut-offs in `period`, in the order they fall."""
    found = sorted(
        (c for c in catalog.cutoffs() if c.day in period),
        key=lambda c: c.at,
    )
    if not found:
        return (
            f"**No cut-off of any call is on record {period.text()}.** The calendar may be "
            "out of date: check each call's page (`/deadlines` lists them)."
        )
    lines = [f"**Cut-offs on record {period.text()}, all calls ({len(found)}):**"]
    lines += [f"• **{c.call_name}**: {day_text(c.day)}" for c in found]
    return "\n".join(lines)


# "Between the last cut-off of 2026 and the first one of 2027".
_END_OF_YEAR = re.compile(r"\b(first|last|final)\b[^?.!]{0,40}?\b(?:of|in)\s+(20\d\d)\b", re.I)


def _cutoffs_apart(call: Call, question: str) -> str:
    """The two cut-offs of `call` a question asks the time between, named as the first or last
    of a year ("how long between the last cut-off of 2026 and the first of 2027"); ""
    otherwise."""
    ends = _END_OF_YEAR.findall(question)
    if len(ends) != 2 or not asks_span(question):
        return ""
    named = []
    for which, year in ends:
        in_year = [c.day for c in call_cutoffs(call) if c.day.year == int(year)]
        if not in_year:
            return ""
        day = in_year[0] if which.lower() == "first" else in_year[-1]
        named.append(f"the {which.lower()} of {year} on {day_text(day)}")
    # The days apart are added by `with_span`, as for any fact naming two days.
    return f"**{call.name} cut-offs:** {named[0]}; {named[1]}."


def _cutoffs_in_year(catalog: Catalog, call: Call, now: datetime, year: int) -> str:
    """Every cut-off of `call` in `year`, the next one marked; or that none is on record."""
    days = [c for c in call_cutoffs(call) if c.day.year == year]
    if not days:
        return _none_on_record(call, f"No {call.name} cut-off in {year}")
    listed = ", ".join(day_text(c.day) for c in days)
    upcoming = [c for c in catalog.upcoming_cutoffs(now, call=call.id) if c.day.year == year]
    nxt = f" Next: {when_text(upcoming[0])}." if upcoming else " All of them have passed."
    # One day's own note says which round it closed ("call 2 closed"): "the 2nd call closed on
    # 25 Feb, at what time" is about it.
    note = f" ({days[0].note})" if len(days) == 1 and days[0].note else ""
    return f"**{call.name} cut-offs in {year}:** {listed}{_hour(days)}{note}.{nxt}"


def _upcoming_text(catalog: Catalog, now: datetime) -> str:
    upcoming = catalog.upcoming_cutoffs(now)[:4]
    lines = ["**Next cut-offs on record:**"]
    lines += [f"• **{c.call_name}**: {when_text(c)}" for c in upcoming] or ["• none on record"]
    continuous = [c.name for c in catalog.calls if c.cutoffs.rule == "continuous"]
    if continuous:
        lines.append(f"No deadline for {', '.join(continuous)}: they are open all the time.")
    lines.append("Full list: `/deadlines`.")
    return "\n".join(lines)


def _factory_facts(catalog: Catalog) -> Iterator[CuratedFact]:
    names = {f.id: f.name for f in catalog.ai_factories}
    waves = {w.wave: w for w in catalog.waves}
    for f in catalog.ai_factories:
        me = Subject("factory", f.id, f.name)
        partners = f" Partners: {', '.join(f.partners)}." if f.partners else ""
        wave = waves.get(f.wave)
        # The date rests on the wave's own page, cited beside the factory's.
        when = f" ({day_text(wave.selected)})" if wave else ""
        yield _fact(
            f"factory/{f.id}",
            # A partner country is in the consortium without hosting it: "is Türkiye part of
            # any AI Factory" is answered by the factory it partners.
            [me, country_subject(f.country), *(country_subject(p) for p in f.partners)],
            ["factory_host"],
            f"**{f.name}** is an AI Factory hosted by {f.host}, {f.country}; selected in wave "
            f"{f.wave}{when}.{partners}",
            f,
            listable=True,
            more_sources=((wave.source, wave.as_of, wave.confirmed),) if wave else (),
        )
        machine = next((m for m in catalog.machines if m.id == f.system.machine), None)
        subjects = [me, country_subject(f.country)]
        if machine is not None:
            subjects.append(machine_subject(machine))
        yield _fact(
            f"factory/{f.id}/system",
            subjects,
            ["factory_system"],
            f"**{f.name}** AI Factory system: {f.system.text}.",
            f.system,
        )
    yield from _factories_by_country(catalog)
    yield from _factories_per_country(catalog)
    for antenna in catalog.antennas.members:
        link = f", linked to {names[antenna.linked_factory]}" if antenna.linked_factory else ""
        yield _fact(
            f"antenna/{antenna.country.casefold()}",
            [country_subject(antenna.country)],
            ["factory_host"],
            f"{antenna.country} has an **AI Factory Antenna**{link}.",
            antenna,
            listable=True,
        )
    if catalog.waves:
        counts = Counter(f.wave for f in catalog.ai_factories)
        by_date = sorted(catalog.waves, key=lambda w: w.selected)
        rounds = [
            f"wave {w.wave} on {day_text(w.selected)} ({counts[w.wave]} AI Factories)"
            for w in by_date
        ]
        yield _fact(
            "factories/waves",
            [],
            ["factory_waves"],
            f"{sum(counts[w.wave] for w in by_date)} AI Factories were selected in "
            f"{len(rounds)} waves: {'; '.join(rounds)}.",
            by_date[0],
            more_sources=tuple((w.source, w.as_of, w.confirmed) for w in by_date[1:]),
        )
    yield _fact(
        "factories/overview",
        [],
        ["factories_overview"],
        catalog.factories_overview.text,
        catalog.factories_overview,
    )
    yield from _note_facts("factories", [], "factories_programme", "", catalog.factories_notes)
    yield _fact(
        "antennas/overview",
        [],
        ["factories_overview"],
        catalog.antennas.overview.text,
        catalog.antennas.overview,
    )


def _hosted(catalog: Catalog) -> dict[str, list[AIFactory]]:
    """The AI Factories by the country that hosts them, in the order of the file."""
    hosted: dict[str, list[AIFactory]] = {}
    for f in catalog.ai_factories:
        hosted.setdefault(f.country, []).append(f)
    return hosted


def _factories_per_country(catalog: Catalog) -> Iterator[CuratedFact]:
    """The host countries of the AI Factories, each with how many it hosts, most first:
    "which countries ended up with more than one AI Factory" asks across them."""
    hosted = _hosted(catalog)
    if not hosted:
        return
    ranked = sorted(hosted.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    listed = "; ".join(
        f"{country} {len(here)} ({', '.join(f.name for f in here)})" for country, here in ranked
    )
    factories = [f for _, here in ranked for f in here]
    yield _fact(
        "factories/per-country",
        [],
        ["factory_host"],
        f"**AI Factories per host country:** {listed}.",
        factories[0],
        own_text=False,
        listable=True,
        across="country",
        more_sources=_also_cited(factories),
    )


def _factories_by_country(catalog: Catalog) -> Iterator[CuratedFact]:
    """How many AI Factories each country hosts, and which: "how many AI Factories does Spain
    have" is a count that no one factory's fact gives. Built from the factories on record, so
    a factory added to the file is counted with no other change."""
    for country, here in _hosted(catalog).items():
        # Who hosts each: "which AI Factory is in Finland and who runs it" is answered here.
        listed = [f"{f.name}, at {f.host}" for f in here]
        names = listed[0] if len(listed) == 1 else f"{'; '.join(listed[:-1])}; and {listed[-1]}"
        count = "1 AI Factory" if len(here) == 1 else f"{len(here)} AI Factories"
        yield _fact(
            f"factories/in/{country.casefold()}",
            [country_subject(country)],
            ["factory_host"],
            f"**{country}** hosts {count}: {names}.",
            here[0],
            own_text=False,
            listable=True,
            counts="factor",
            more_sources=_also_cited(here),
        )


_FAQ_SOURCE = re.compile(r"^(?:- )?Source:\s*(\S+)\s*\(as of (\d{4}-\d{2}-\d{2})\)\s*$", re.M)


def faq_facts(markdown: str) -> Iterator[CuratedFact]:
    """FAQ entries as facts: the `##` heading is the question, the body the answer.

    Each entry ends with one `Source: URL (as of DATE)` line per page it rests on (optionally
    as list items). An entry is confirmed only when it does not say "confirm on the official
    page" and every page it rests on is official.
    """
    for block in re.split(r"^## ", markdown, flags=re.M)[1:]:
        heading, _, body = block.partition("\n")
        found = list(_FAQ_SOURCE.finditer(body))
        if not found:
            continue
        answer = body[: found[0].start()].strip()
        pages = [(m.group(1), date.fromisoformat(m.group(2))) for m in found]
        confirmed = "confirm on the official page" not in answer.lower() and all(
            is_primary_source(url) for url, _ in pages
        )
        slug = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")
        yield CuratedFact(
            id=f"faq/{slug}",
            subjects=(),
            topics=(f"faq/{slug}",),
            text=answer,
            source=pages[0][0],
            as_of=pages[0][1],
            confirmed=confirmed,
            more_sources=tuple((url, as_of, confirmed) for url, as_of in pages[1:]),
            says_its_topic=True,
        )


def faq_questions(markdown: str) -> dict[str, str]:
    """Topic key of each FAQ entry -> its question (used as the entry's prototype)."""
    questions = {}
    for block in re.split(r"^## ", markdown, flags=re.M)[1:]:
        heading = block.partition("\n")[0].strip()
        slug = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")
        questions[f"faq/{slug}"] = heading
    return questions


def catalog_facts(catalog: Catalog, knowledge_dir: Path | None = None) -> list[CuratedFact]:
    """Every curated fact: machines, calls, AI Factories, dynamic cut-offs and the FAQ."""
    facts: list[CuratedFact] = []
    for machine in catalog.machines:
        facts += _machine_facts(catalog, machine)
    for call in catalog.calls:
        facts += _call_facts(catalog, call)
    facts += _factory_facts(catalog)
    facts += _builders(catalog)
    dated = [c.cutoffs for c in catalog.calls if c.cutoffs.rule == "dated"]
    if dated:
        facts.append(
            _fact(
                "cutoffs/upcoming",
                [],
                ["cutoffs"],
                "Upcoming cut-offs",
                dated[0],
                # "Which cut-offs fall in October 2026": every call's, in that month.
                render=lambda now, q: (
                    _upcoming_text(catalog, now)
                    if (period := asked_period(q, now)) is None
                    else _cutoffs_of_all_in_period(catalog, period)
                ),
                more_sources=_also_cited(dated),
            )
        )
    # Every call that says what it offers and how fast: the ladder from a first test upwards.
    sized = [c for c in catalog.calls if c.offer is not None and c.time_to_access is not None]
    if sized:
        offers = [c.offer for c in sized if c.offer is not None]
        # The calls that fit a purpose are cited too: an answer without an amount lists them.
        cited = [*offers[1:], *(c.summary for c in _purpose_calls(catalog, sized))]
        facts.append(
            _fact(
                "calls/fit",
                [],
                ["fit"],
                _ladder_text(sized),
                offers[0],
                render=lambda now, question: fit_text(catalog, sized, question, now),
                more_sources=tuple({(o.source, o.as_of, o.confirmed): None for o in cited}),
            )
        )
    if knowledge_dir is not None:
        facts += _workload_facts(catalog, knowledge_dir)
    if knowledge_dir is not None and (knowledge_dir / "faq.md").is_file():
        facts += faq_facts((knowledge_dir / "faq.md").read_text(encoding="utf-8"))
    return facts


def _workload_facts(catalog: Catalog, knowledge_dir: Path) -> list[CuratedFact]:
    """ "Fine-tune a 70B model on 20B tokens: where do we apply?", answered by the fit finder."""
    # Imported here: knowledge.fit reads the catalogue (and this module's gpu_hours_in).
    from knowledge.fit.data import ROUTES_FILE, SIZING_FILE, load_fit_data
    from knowledge.fit.question import answer_question

    if not (knowledge_dir / SIZING_FILE).is_file() or not (knowledge_dir / ROUTES_FILE).is_file():
        return []
    data = load_fit_data(knowledge_dir, catalog)
    assumptions = data.sizing.assumptions
    provenance = [*data.tasks, *(h.accelerator for h in data.hardware)]
    return [
        _fact(
            "calls/fit-workload",
            [],
            ["fit_workload"],
            "How many GPU-hours training or fine-tuning a model needs on each machine, and "
            "which access call fits that amount: " + assumptions.mfu.text,
            assumptions.mfu,
            render=lambda now, question: answer_question(data, question, now),
            more_sources=tuple({(p.source, p.as_of, p.confirmed): None for p in provenance}),
        )
    ]


_GPU_HOURS = re.compile(
    r"(\d[\d,. ]*\d|\d)\s*(k|thousand|m|million)?\s*(?:gpu[- ]?h(?:ours?|rs?)?\b|gpuh\b)", re.I
)
# "A >50k gpu-h project", "well over 50k GPU-hours": more than the amount, which a call whose
# maximum it is does not hold.
_ABOVE = re.compile(
    r"(?:>|\bmore\s+than|\bover|\babove|\bupwards\s+of|\bin\s+excess\s+of|\bbeyond)\s*~?\s*$",
    re.I,
)


def gpu_hours_above(question: str) -> bool:
    """Whether the question's GPU-hour amount is said to be exceeded (">50k", "more than
    50,000 GPU hours")."""
    found = _GPU_HOURS.search(question)
    return found is not None and _ABOVE.search(question, 0, found.start()) is not None


def gpu_hours_in(question: str) -> int | None:
    """A GPU-hour amount in the question ("200,000 GPU hours", "50k gpu-h"), or None."""
    found = _GPU_HOURS.search(question)
    if not found:
        return None
    digits = re.sub(r"[ ,]", "", found.group(1))
    if digits.count(".") > 1:
        digits = digits.replace(".", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    scale = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}.get(
        (found.group(2) or "").lower(), 1.0
    )
    return int(value * scale)


def _gpu_hour_range(call: Call) -> tuple[int | None, int | None]:
    offer = call.offer
    return (None, None) if offer is None else (offer.gpu_hours_min, offer.gpu_hours_max)


def _size(call: Call) -> int:
    """Where a call sits on the ladder: its largest GPU-hour amount (0 for unsized trials)."""
    low, high = _gpu_hour_range(call)
    return high if high is not None else (low or 0)


def _purpose_calls(catalog: Catalog, sized: list[Call]) -> list[Call]:
    """The access calls the ladder of sizes leaves out (each says what it is for)."""
    return [c for c in catalog.calls if c not in sized and c.family != "programme"]


def _purpose_text(catalog: Catalog, sized: list[Call]) -> str:
    """The access calls the ladder leaves out, each with what it is for: asked which call fits
    without an amount ("we need a year to port our code"), the purpose may decide."""
    others = _purpose_calls(catalog, sized)
    if not others:
        return ""
    lines = ["", "**Calls that fit a purpose rather than a size:**"]
    lines += [f"• **{c.name}**: {_lc(c.summary.text).rstrip('.')}." for c in others]
    return "\n".join(lines)


def _ladder_text(calls: list[Call]) -> str:
    """The calls with a GPU-hour range, smallest first: which one fits which size."""
    ordered = sorted(calls, key=lambda c: (_size(c), c.name))
    lines = ["**Which call fits depends on how many GPU-hours you need:**"]
    for call in ordered:
        assert call.offer is not None
        extra = []
        if call.duration:
            extra.append(f"lasts {_lc(call.duration.text)}")
        if call.time_to_access:
            extra.append(f"access in {_lc(call.time_to_access.text)}")
        more = f" ({'; '.join(extra)})" if extra else ""
        lines.append(f"• **{call.name}**: {_lc(call.offer.text)}{more}.")
    return "\n".join(lines)


def fit_text(catalog: Catalog, calls: list[Call], question: str, now: datetime) -> str:
    """Which of `calls` fit the GPU-hours the question names; the whole ladder otherwise."""
    hours = gpu_hours_in(question)
    if hours is None:
        return _ladder_text(calls) + _purpose_text(catalog, calls)
    above = gpu_hours_above(question)
    # More than a call's maximum is beyond that call: "above 50k" is Large Scale's, not Fast
    # Lane's "up to 50,000".
    need = hours + 1 if above else hours
    said = f"more than {hours:,}" if above else f"{hours:,}"
    fitting = [
        c
        for c in calls
        if _gpu_hour_range(c) != (None, None)
        and (_gpu_hour_range(c)[0] or 0) <= need <= (_gpu_hour_range(c)[1] or 10**12)
    ]
    if not fitting:
        return f"No call on record covers {said} GPU-hours.\n" + _ladder_text(calls)
    lines = []
    for call in fitting:
        assert call.offer is not None
        line = f"**{call.name}** fits {said} GPU-hours: {_lc(call.offer.text)}."
        if call.duration:
            line += f" Allocations last {_lc(call.duration.text)}."
        lines.append(line)
        lines.append(next_cutoff_text(catalog, call, now))
    return "\n".join(lines)
