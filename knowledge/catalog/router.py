"""Answer the questions the curated catalog can answer exactly; leave the rest to retrieval.

`route_question` recognises a handful of question shapes (machine specs, Slurm partition
limits, cut-offs, access-call facets, "which call fits", AI Factories by country) and returns
None for anything else. A wrong catalog answer is worse than none, so every matcher needs both
a named entity or a clear topic *and* an explicit question shape, and operational "how do I"
questions are left to the documentation search.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from knowledge.catalog.catalog import Catalog
from knowledge.catalog.chat_text import (
    day_text,
    describe_partition,
    describe_slurm_partition,
    partition_label,
    source_line,
    when_text,
)
from knowledge.catalog.cutoffs import call_cutoffs, is_stale
from knowledge.catalog.models import Call, Machine, Partition, SlurmPartition, Sourced
from knowledge.models import Answer, Citation

PORTAL = "https://access.eurohpc-ju.europa.eu/"

# Call aliases made only of these words also occur in ordinary HPC talk ("regular node",
# "large-scale training"), so they count as a call mention only next to a call word.
_WEAK_WORDS = {
    "regular",
    "development",
    "benchmark",
    "large",
    "scale",
    "access",
    "mode",
    "innovation",
    "studies",
    "study",
    "business",
    "experiments",
    "experiment",
}
_CALL_CONTEXT = re.compile(
    r"\b(access|call|mode|allocations?|proposals?|cut-?offs?|deadlines?|apply|application|"
    r"ai factor\w*|aif|ffplus|eurohpc|grant)\b"
)
_DEADLINE = re.compile(r"\b(deadlines?|cut-?offs?|cut offs?|closing dates?|due dates?)\b")
_WHEN_NEXT = re.compile(r"\bwhen\b.*\b(next|close|closes|open|opens|apply)\b")
# Operational questions belong to the user guides, even when they name a machine.
_HOW_TO_TOPICS = re.compile(
    r"\b(sbatch|srun|salloc|module|install\w*|error|fail\w*|crash\w*|rejected|my job|script|"
    r"containers?|docker|singularity|apptainer|pip|conda|torchrun|python|pytorch|quota|scratch|"
    r"home director\w*|storage|files?|deleted|tensorboard|wandb|mlflow|weights|track|support|"
    r"helpdesk|contact|phone|e-?mail|director|guide|library|libraries|ticket|book|transfer|laptop|"
    r"download|upload|internet|request|train\w*|fine-?tun\w*|inference|llm|batch size|"
    r"right now|currently|at the moment|today|down|outage|maintenance|busy|pending|wait\w*)\b"
    r"|\bshould (i|we)\b"
)
_HOW_DO = re.compile(r"\bhow (do|can|should|would) (i|we|you)\b|\bhow to\b")
_STOP = set(
    """what when which who where is are was were the a an of for to in on at by from with and or
    next upcoming deadline deadlines cutoff cutoffs cut off call calls eurohpc euro hpc access mode
    modes date dates our we my i us do does did there any apply applying application applications
    submit submission proposal proposals closing due soon soonest coming open opens close closes
    please tell me about it this that year month week can could you how long until left time days
    get gpu hours ai factory factories program programme grant funding challenge competition round
    window startup startups start up sme smes company companies have has be will would should
    list all show give remaining still further later following expected new s""".split()
)
_GPU_KEY = re.compile(r"\b([a-z]{1,3}\d{2,4}[a-z]?)\b")


@dataclass
class _Ask:
    question: str
    q: str
    catalog: Catalog
    now: datetime
    stale_after_days: int
    calls: list[Call] = field(default_factory=list)
    machines: list[Machine] = field(default_factory=list)
    partitions: list[tuple[Machine, Partition]] = field(default_factory=list)
    slurm: list[tuple[Machine, SlurmPartition]] = field(default_factory=list)

    def has(self, pattern: str) -> bool:
        return re.search(pattern, self.q) is not None


def route_question(
    question: str, catalog: Catalog, now: datetime, stale_after_days: int = 90
) -> Answer | None:
    """A catalog answer for questions the curated data answers exactly, else None."""
    q = question.lower().replace("’", "'").replace("–", "-").replace("‑", "-")
    ask = _Ask(question, q, catalog, now, stale_after_days)
    _find_mentions(ask)
    handlers: Sequence[Callable[[_Ask], Answer | None]] = (
        _deadline,
        _hardware_search,
        _factories,
        _call_fit,
        _call_facets,
        _general_access,
        _machine_spec,
    )
    for handler in handlers:
        answer = handler(ask)
        if answer is not None:
            return answer
    return None


# --- mentions ---------------------------------------------------------------------------------


def _name_pattern(name: str) -> re.Pattern[str]:
    chunks = re.findall(r"[a-z0-9]+", name.lower())
    return re.compile(
        r"(?<![a-z0-9])" + r"[\s\-_./]*".join(map(re.escape, chunks)) + r"(?![a-z0-9+])"
    )


@lru_cache(maxsize=8)
def _patterns(catalog: Catalog) -> dict[str, list[tuple[re.Pattern[str], str, object]]]:
    def table(names: dict[str, object]) -> list[tuple[re.Pattern[str], str, object]]:
        # Longest names first so "LEONARDO Booster" wins over "LEONARDO".
        ordered = sorted(names.items(), key=lambda kv: -len(kv[0]))
        return [
            (_name_pattern(n), n, e) for n, e in ordered if re.search(r"[a-z0-9]{3}", n.lower())
        ]

    slurm_owner: dict[str, list[tuple[Machine, SlurmPartition]]] = {}
    for m in catalog.machines:
        for p in m.slurm_partitions:
            slurm_owner.setdefault(p.name.lower(), []).append((m, p))
    return {
        "machine": table(dict(catalog.machine_names())),
        "partition": table(dict(catalog.partition_names())),
        "call": table(dict(catalog.call_names())),
        # A Slurm name shared by two machines ("debug") says nothing about which one is meant.
        "slurm": [
            (re.compile(r"(?<![\w-])`?" + re.escape(n) + r"`?(?![\w-])"), n, owners[0])
            for n, owners in slurm_owner.items()
            if len(owners) == 1
        ],
    }


def _find_mentions(ask: _Ask) -> None:
    pats = _patterns(ask.catalog)
    for pattern, name, entity in pats["call"]:
        if isinstance(entity, Call) and pattern.search(ask.q) and entity not in ask.calls:
            weak = set(re.findall(r"[a-z]+", name.lower())) <= _WEAK_WORDS
            if not weak or _CALL_CONTEXT.search(ask.q):
                ask.calls.append(entity)
    for pattern, _, entity in pats["partition"]:
        if isinstance(entity, tuple) and pattern.search(ask.q) and entity not in ask.partitions:
            ask.partitions.append(entity)
    for pattern, _, entity in pats["machine"]:
        if isinstance(entity, Machine) and pattern.search(ask.q) and entity not in ask.machines:
            ask.machines.append(entity)
    for pattern, name, entity in pats["slurm"]:
        if not isinstance(entity, tuple) or not pattern.search(ask.q):
            continue
        # Hyphenated names (standard-g) are unmistakable; plain words need "partition" next to them.
        beside = re.search(
            rf"\b{re.escape(name)}`?\s+(partition|queue)\b|\b(partition|queue)\s+`?{re.escape(name)}\b",
            ask.q,
        )
        if "-" in name or "_" in name or beside:
            ask.slurm.append(entity)
            if entity[0] not in ask.machines:
                ask.machines.append(entity[0])
    for machine, _ in ask.partitions:
        if machine not in ask.machines:
            ask.machines.append(machine)


# --- answer assembly --------------------------------------------------------------------------


def _answer(
    ask: _Ask, lines: Sequence[str], facts: Sequence[Sourced], title: str, confidence: float = 0.9
) -> Answer:
    unique: list[Sourced] = []
    for fact in facts:
        if all(fact is not seen for seen in unique):
            unique.append(fact)
    text = "\n".join([*lines, source_line(unique, ask.now, ask.stale_after_days)])
    citations = tuple(
        dict.fromkeys(
            Citation(title=title, url=f.source, as_of=f.as_of, confirmed=f.confirmed)
            for f in unique
        )
    )
    notes = []
    if any(not f.confirmed for f in unique):
        notes.append("unconfirmed")
    if any(is_stale(f.as_of, ask.now, ask.stale_after_days) for f in unique):
        notes.append("stale")
    return Answer(
        question=ask.question,
        text=text,
        abstained=False,
        confidence=confidence,
        citations=citations,
        route="catalog",
        notes=tuple(notes),
    )


# --- deadlines --------------------------------------------------------------------------------


def _deadline(ask: _Ask) -> Answer | None:
    asks_deadline = _DEADLINE.search(ask.q) or (ask.calls and _WHEN_NEXT.search(ask.q))
    if not asks_deadline:
        return None
    if ask.calls:
        lines: list[str] = []
        facts: list[Sourced] = []
        for call in ask.calls[:2]:
            lines.append(_next_cutoff_line(ask, call))
            facts.append(call.cutoffs)
        lines.append("All upcoming cut-offs: `/deadlines`.")
        return _answer(ask, lines, facts, "Cut-offs")
    if ask.machines:
        return None
    unknown = _unknown_words(ask)
    if unknown and ask.has(
        r"\b(calls?|challenges?|programmes?|programs?|grants?|competitions?|access)\b"
    ):
        return _no_such_call(ask, unknown)
    if unknown:
        return None
    upcoming = ask.catalog.upcoming_cutoffs(ask.now)[:4]
    lines = [f"• **{c.call_name}**: {when_text(c)}" for c in upcoming]
    if not lines:
        lines = ["No upcoming cut-offs are on record."]
    continuous = [c.name for c in ask.catalog.calls if c.cutoffs.rule == "continuous"]
    lines.insert(0, "**Next cut-offs on record:**")
    lines.append(f"No deadline for {', '.join(continuous)}: they are open all the time.")
    lines.append("Full list: `/deadlines`.")
    facts = [ask.catalog.call(c.call_id).cutoffs for c in upcoming]
    return _answer(ask, lines, facts, "Cut-offs", confidence=0.8)


def _next_cutoff_line(ask: _Ask, call: Call) -> str:
    if call.cutoffs.rule == "continuous":
        extra = f" ({call.cutoffs.frequency})" if call.cutoffs.frequency else ""
        return (
            f"**{call.name}** has no deadline: it is continuously open{extra}, so apply any time."
        )
    upcoming = ask.catalog.upcoming_cutoffs(ask.now, call=call.id)
    if upcoming:
        first = upcoming[0]
        later = ", ".join(day_text(c.day) for c in upcoming[1:3])
        then = f" (then {later})" if later else ""
        return f"**Next {call.name} cut-off: {when_text(first)}**{then}."
    past = call_cutoffs(call)
    last = f"; the last one we know of was {day_text(past[-1].day)}" if past else ""
    return (
        f"**No future {call.name} cut-off is on record**{last}. "
        f"The calendar may be outdated: check {call.cutoffs.source}"
    )


def _unknown_words(ask: _Ask) -> list[str]:
    words = re.findall(r"[a-z][a-z'+-]*", ask.q)
    return [w for w in words if w.strip("'-") not in _STOP and len(w) > 2]


def _no_such_call(ask: _Ask, unknown: list[str]) -> Answer:
    original = [w for w in re.findall(r"[\w'+-]+", ask.question) if w.lower() in unknown]
    label = " ".join(original) or "that"
    known = ", ".join(c.name for c in ask.catalog.calls)
    text = (
        f"I have no record of a **{label}** call, so I can't give its deadline.\n"
        f"Calls I know: {known}.\n"
        f"For other calls, ask the EuroHPC access helpdesk or check the access portal {PORTAL}."
    )
    return Answer(
        question=ask.question,
        text=text,
        abstained=True,
        confidence=0.9,
        citations=(Citation(title="EuroHPC access portal", url=PORTAL, confirmed=False),),
        route="catalog",
        notes=("unknown call",),
    )


# --- hardware across machines -----------------------------------------------------------------


def _hardware_search(ask: _Ask) -> Answer | None:
    if ask.machines or not ask.has(r"\b(which|what|where)\b"):
        return None
    if not ask.has(r"\b(machines?|systems?|supercomputers?|computers?|sites?|eurohpc|where)\b"):
        return None
    keys = set(_GPU_KEY.findall(ask.q))
    hits: list[tuple[Machine, Partition, bool]] = []
    for m in ask.catalog.machines:
        for p in m.partitions:
            if p.gpu is None:
                continue
            model_keys = set(_GPU_KEY.findall(p.gpu.model.lower()))
            if keys & model_keys:
                hits.append((m, p, True))
            elif keys & set(_GPU_KEY.findall(p.gpu.note.lower())) or any(
                k in p.gpu.note.lower() for k in keys
            ):
                hits.append((m, p, False))
    if not hits:
        return None
    label = "/".join(sorted(k.upper() for k in keys))
    exact = [f"• **{partition_label(m, p)}**: {_gpu_phrase(p)}" for m, p, direct in hits if direct]
    related = [
        f"• Related: **{partition_label(m, p)}**: {_gpu_phrase(p)}"
        for m, p, direct in hits
        if not direct
    ]
    lines = [f"EuroHPC machines with {label} GPUs:", *exact, *related]
    return _answer(ask, lines, [p for _, p, _ in hits], "Machines by GPU")


def _lc(text: str) -> str:
    """Lower-case a leading capital so a fact can continue a sentence ("Up to" -> "up to")."""
    text = text.rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _gpu_phrase(part: Partition) -> str:
    assert part.gpu is not None
    count = f"{part.gpu.count}× " if part.gpu.count else ""
    nodes = f", {part.nodes:,} nodes" if part.nodes else ""
    note = f" ({part.gpu.note})" if part.gpu.note else ""
    return f"{count}{part.gpu.model} per node{nodes}{note}"


# --- AI Factories -----------------------------------------------------------------------------


def _factories(ask: _Ask) -> Answer | None:
    if not ask.has(r"\b(ai factor(y|ies)|aifs?|antennas?)\b") or ask.calls:
        return None
    cat = ask.catalog
    if ask.has(r"\bhow many\b") and not ask.has(r"\bgpus?\b|\bhours?\b"):
        overview = [cat.factories_overview.text, cat.antennas.overview.text]
        return _answer(
            ask, overview, [cat.factories_overview, cat.antennas.overview], "AI Factories"
        )
    countries = {f.country for f in cat.ai_factories} | {a.country for a in cat.antennas.members}
    named = [c for c in sorted(countries) if re.search(rf"\b{re.escape(c.lower())}\b", ask.q)]
    if len(named) != 1 or not ask.has(r"\b(which|what|is there|are there|where|does|do)\b"):
        return None
    country = named[0]
    factories = [f for f in cat.ai_factories if f.country == country]
    antennas = [a for a in cat.antennas.members if a.country == country]
    lines: list[str] = []
    facts: list[Sourced] = []
    for f in factories:
        lines.append(
            f"**{f.name}** ({', '.join(f.aliases[:1]) or f.id}) is hosted by {f.host}, {f.country}; "
            f"selected in wave {f.wave}. System: {f.system.text}."
        )
        facts += [f, f.system]
    names = {f.id: f.name for f in cat.ai_factories}
    for a in antennas:
        link = f", linked to {names[a.linked_factory]}" if a.linked_factory else ""
        lines.append(f"{country} has an **AI Factory Antenna**{link}.")
        facts.append(a)
    if not factories:
        lines.insert(0, f"No AI Factory is hosted in {country}.")
    return _answer(ask, lines, facts, "AI Factories")


# --- which call fits --------------------------------------------------------------------------

_PUBLIC = r"\b(public (body|bodies|agency|agencies|sector|administration|authority)|government\w*|ministry|municipalit\w*|universit\w*|academi\w*|research (institute|centre|center|organi[sz]ation))\b"
_INDUSTRY = r"\b(start-?ups?|smes?|compan(y|ies)|industry|business|firm)\b"


def _gpu_hours(q: str) -> int | None:
    m = re.search(r"(\d[\d,.]*)\s*(k|thousand|m|million)?\s*(?:gpu[- ]?hours?|gpu-?h\b|gpuh)", q)
    if not m:
        return None
    number = float(m.group(1).replace(",", "")) if m.group(1).count(".") <= 1 else None
    if number is None:
        return None
    scale = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}.get(m.group(2) or "", 1)
    return int(number * scale)


def _call_fit(ask: _Ask) -> Answer | None:
    cat = ask.catalog
    fit = ask.has(
        r"\b(which|what)\b[\w\s,'-]*\b(calls?|access modes?|modes?|routes?|programmes?|options?|tracks?|access)\b"
        r"[\w\s,'-]*\b(fits?|suits?|should|best|right|apply|use|need|for us)\b"
    ) or ask.has(r"\bwhich (call|access mode|route)\b")
    quick = ask.has(
        r"\b(quickest|fastest|quick|easiest|simplest|first test|try|trial|test drive|get started|start small|proof of concept)\b"
    ) and ask.has(r"\b(eurohpc|gpus?|systems?|machines?|supercomputers?|ai factor\w*|access|hpc)\b")
    if ask.calls or not (fit or quick):
        return None
    if ask.has(r"\bhow (do|can) (i|we)\b") and not fit and not quick:
        return None
    playground, fast, large = cat.call("playground"), cat.call("fast-lane"), cat.call("large-scale")
    science = cat.call("ai-for-science")
    if ask.has(_PUBLIC) and not ask.has(_INDUSTRY):
        assert science.eligibility is not None and science.duration is not None
        lines = [
            f"**{science.name}** is the route for public bodies and academia: {science.eligibility.text}",
            f"Allocations last {_lc(science.duration.text)}; "
            "the AI Factories' industrial modes are for companies only.",
        ]
        return _answer(ask, lines, [science.eligibility, science.duration], "Which call fits")
    hours = _gpu_hours(ask.q)
    if hours is not None and hours > 50_000:
        assert large.offer and large.duration and large.review
        nxt = cat.next_cutoff(large.id, ask.now)
        when = f" Next cut-off: {when_text(nxt)}." if nxt else ""
        lines = [
            f"**{large.name}** fits {hours:,} GPU-hours: it is for requests of "
            f"{_lc(large.offer.text)}, runs {_lc(large.duration.text)}, "
            f"with {_lc(large.review.text)}.{when}",
            f"Fast Lane stops at 50,000 GPU-hours. Academic or public applicants use {science.name} instead.",
        ]
        return _answer(
            ask,
            lines,
            [large.offer, large.duration, large.review, large.cutoffs],
            "Which call fits",
        )
    if hours is not None:
        assert fast.offer and fast.time_to_access
        lines = [
            f"**{fast.name}** fits {hours:,} GPU-hours: {fast.offer.text.split('.')[0]}, "
            f"with access in {_lc(fast.time_to_access.text)}.",
            f"For a first small test, **{playground.name}** is quicker.",
        ]
        return _answer(ask, lines, [fast.offer, fast.time_to_access], "Which call fits")
    assert playground.time_to_access and playground.duration and fast.offer and large.offer
    lines = [
        f"Start with **{playground.name}**: short form, first come first served, access in "
        f"{_lc(playground.time_to_access.text)}, for {_lc(playground.duration.text)}.",
        f"Then **{fast.name}** ({_lc(fast.offer.text.split('.')[0])}) and **{large.name}** "
        f"({_lc(large.offer.text)}, peer-reviewed).",
        "All three are free for start-ups and SMEs; apply at " + PORTAL,
    ]
    facts: list[Sourced] = [playground.time_to_access, playground.duration, fast.offer, large.offer]
    if playground.cost:
        facts.append(playground.cost)
    return _answer(ask, lines, facts, "Which call fits")


# --- facets of a named call -------------------------------------------------------------------

_FACETS: tuple[tuple[str, str], ...] = (
    (
        "duration",
        r"\b(last|lasts|duration|how many months|how long (is|are|can|does|do|will)\b.*\b(allocations?|projects?|awards?|access|run))\b",
    ),
    (
        "time_to_access",
        r"\b(how (quickly|fast|soon)|time to access|turnaround|how long (until|before|does it take|to get|will it take)|wait)\b",
    ),
    (
        "offer",
        r"\bhow (many|much)\b.*\b(gpus?|hours?|nodes?|compute|resources?|money|funding)\b|\bgpu[- ]?hours?\b|\bhow big\b|\bmaximum\b|\bup to\b|\bsize\b",
    ),
    ("cost", r"\b(free|cost|costs|price|pay|paid|charge|fees?)\b"),
    (
        "eligibility",
        r"\b(eligib\w*|who can|open to|allowed|qualify|requirements?|can (we|i|a|an|our)\b.*\b(apply|use))\b",
    ),
    ("apply", r"\b(how|where)\b.*\b(apply|submit|application)\b|\bportal\b"),
    ("review", r"\b(review\w*|evaluat\w*|selection|assess\w*|ranked|criteria)\b"),
    (
        "obligations",
        r"\b(obligations?|open[- ]source|licen[cs]es?|publish|must we|required to|conditions?)\b",
    ),
    ("summary", r"\b(what is|what's|tell me about|explain|overview)\b"),
)


def _call_facets(ask: _Ask) -> Answer | None:
    if not ask.calls or ask.has(r"\bhow (do|can) (i|we) (run|use|launch|submit a job)\b"):
        return None
    call = ask.calls[0]
    wanted = [name for name, pattern in _FACETS if ask.has(pattern)]
    if "duration" in wanted and "time_to_access" in wanted:
        wanted.remove("time_to_access")
    lines: list[str] = []
    facts: list[Sourced] = []
    for facet in wanted[:3]:
        if facet == "obligations":
            if call.obligations:
                lines.append(
                    f"**{call.name}, obligations:** " + " ".join(o.text for o in call.obligations)
                )
                facts += call.obligations
            continue
        fact = getattr(call, facet)
        if fact is None:
            lines.append(
                f"I have no {facet.replace('_', ' ')} details on record for **{call.name}**."
            )
            continue
        text = f"{fact.text} {fact.url}" if facet == "apply" else fact.text
        lines.append(f"**{call.name}, {_FACET_LABEL[facet]}:** {text}")
        facts.append(fact)
    if not facts:
        return None
    return _answer(ask, lines, facts, call.name)


_FACET_LABEL = {
    "duration": "duration",
    "time_to_access": "time to access",
    "offer": "what you can get",
    "cost": "cost",
    "eligibility": "who can apply",
    "apply": "how to apply",
    "review": "review",
    "summary": "in short",
}


# --- general access questions without a named call --------------------------------------------


def _general_access(ask: _Ask) -> Answer | None:
    if ask.calls or ask.machines:
        return None
    cat = ask.catalog
    playground = cat.call("playground")
    about_eurohpc = ask.has(
        r"\b(eurohpc|ai factor\w*|gpus?|gpu time|compute|hpc|supercomput\w*|access|calls?)\b"
    )
    if (
        ask.has(r"\b(citizens?|citizenship|nationalit\w*|passports?|residen\w*|non-eu)\b")
        and about_eurohpc
    ):
        rule = playground.eligibility
        assert rule is not None
        people = ask.has(
            r"\b(engineers?|team|staff|employees|people|users?|members?|researchers?|developers?|founders?|we|our)\b"
        )
        lead = "**No.** " if people and ask.has(r"\b(need|must|have to|required)\b") else ""
        lines = [
            f"{lead}Eligibility is decided by where the **applying organisation** is established "
            "(an EU Member State or a Horizon Europe associated country), not by the nationality "
            "or residence of the people who use the machines.",
            "The PI must be employed by the applying organisation.",
        ]
        org_rule = Sourced(
            source="https://www.eurohpc-ju.europa.eu/document/download/c7279c41-4510-45de-9122-3b52f3524e7c_en?filename=AIFA_Application+peculiarities_presented_completed.pdf",
            as_of=rule.as_of,
            confirmed=False,
        )
        regular = cat.call("regular").eligibility
        return _answer(ask, lines, [org_rule, *([regular] if regular else [])], "Eligibility")
    if ask.has(r"\b(where|how)\b.*\b(apply|submit|application)\b") and about_eurohpc:
        lines = [
            f"Apply through the **EuroHPC access portal**, {PORTAL}: one portal for every EuroHPC "
            "call, including the AI Factories' Playground, Fast Lane and Large Scale modes.",
            "FFplus funding calls are the exception: they use the FFplus open-call pages.",
        ]
        return _answer(ask, lines, [playground.apply], "How to apply", confidence=0.85)
    if (
        ask.has(_PUBLIC)
        and ask.has(r"\b(eligib\w*|can|allowed|use|apply|which)\b")
        and about_eurohpc
    ):
        science = cat.call("ai-for-science")
        assert science.eligibility is not None and playground.eligibility is not None
        lines = [
            "The AI Factories' industrial modes (Playground, Fast Lane, Large Scale) are for companies only.",
            f"Public bodies use **{science.name}** (free of charge) or the Extreme Scale "
            "Public Administration track.",
        ]
        return _answer(ask, lines, [playground.eligibility, science.eligibility], "Eligibility")
    if ask.has(r"\b(eligib\w*|qualify|allowed)\b") and ask.has(_INDUSTRY) and about_eurohpc:
        rule, cost = playground.eligibility, playground.cost
        assert rule is not None and cost is not None
        lines = [
            f"**Yes, companies are eligible.** {rule.text}",
            f"Cost: {_lc(cost.text)}.",
        ]
        return _answer(ask, lines, [rule, cost], "Eligibility")
    if (
        ask.has(r"\b(free|no cost|cost|costs|pay|price|charge)\b")
        and ask.has(_INDUSTRY)
        and about_eurohpc
    ):
        cost = playground.cost
        assert cost is not None
        lines = [
            "**Yes, for start-ups and SMEs:** the AI Factories' industrial modes (Playground, Fast "
            "Lane, Large Scale) are free of charge when used for innovation; larger companies pay per use.",
            "Reported conditions: civilian use only and compliance with the EU AI Act. Apply at "
            + PORTAL,
        ]
        return _answer(ask, lines, [cost, *playground.obligations], "Cost")
    if ask.has(r"\b(money|funding|grants?|cash|financ\w*|subsid\w*)\b") and ask.has(
        _INDUSTRY + r"|\b(we|us|our)\b"
    ):
        studies, experiments = (
            cat.call("ffplus-innovation-studies"),
            cat.call("ffplus-business-experiments"),
        )
        lines = [
            f"**{studies.name}** fund SMEs and start-ups building generative-AI models on European HPC; "
            f"**{experiments.name}** fund SMEs using HPC for the first time.",
            "No future FFplus deadline is on record; watch the FFplus open-call pages.",
        ]
        return _answer(
            ask,
            lines,
            [studies.summary, experiments.summary, studies.cutoffs],
            "Funding",
            confidence=0.8,
        )
    return None


# --- machine specs ----------------------------------------------------------------------------


def _machine_spec(ask: _Ask) -> Answer | None:
    if not ask.machines or len(ask.machines) > 2 or _HOW_TO_TOPICS.search(ask.q):
        return None
    machine = ask.machines[0]
    if machine.login and ask.has(r"\b(log ?in|login|ssh|connect)\b"):
        note = f" ({machine.login.note})" if machine.login.note else ""
        lines = [f"Log in to **{machine.name}** at `{machine.login.host}`{note}."]
        return _answer(ask, lines, [machine.login], f"{machine.name}: login")
    if _HOW_DO.search(ask.q):
        return None
    if ask.has(r"\b(bill\w*|charged|accounting|counted)\b") and machine.billing:
        return _billing(ask, machine)
    slurm = [p for m, p in ask.slurm if m is machine]
    if ask.has(r"\bgpus?\b"):
        # "GPU debug partition" names the CPU `debug` partition's word but means dev-g.
        slurm = [p for p in slurm if _on_gpus(machine, p)]
    if slurm:
        lines = [f"**{machine.name}** {describe_slurm_partition(p)}" for p in slurm]
        return _answer(ask, lines, slurm, f"{machine.name}: Slurm partitions")
    if (
        machine.slurm_partitions
        and ask.has(r"\b(partitions?|queues?)\b")
        and ask.has(r"\b(limits?|walltime|time limit|debug\w*|max\w*|list|available)\b")
    ):
        return _slurm_list(ask, machine)
    return _hardware(ask, machine)


def _billing(ask: _Ask, machine: Machine) -> Answer:
    billing = machine.billing
    assert billing is not None
    named = [p.name for _, p in ask.slurm]
    rules = [r for r in billing.rules if any(n in r for n in named)] if named else billing.rules[:4]
    if billing.rules and billing.rules[0] not in rules:
        rules.insert(0, billing.rules[0])
    lines = [
        f"**Billing on {machine.name}** (units: {', '.join(billing.units)}):",
        *(f"• {r}" for r in rules),
    ]
    return _answer(ask, lines, [billing], f"{machine.name}: billing")


def _slurm_list(ask: _Ask, machine: Machine) -> Answer:
    parts = list(machine.slurm_partitions)
    if ask.has(r"\bgpus?\b"):
        parts = [p for p in parts if _on_gpus(machine, p)] or parts
    if ask.has(r"\bdebug\w*\b"):
        parts = [p for p in parts if "debug" in p.purpose.lower()] or parts
    lines = [
        f"**{machine.name}** Slurm partitions:",
        *(f"• {describe_slurm_partition(p)}" for p in parts),
    ]
    return _answer(ask, lines, parts, f"{machine.name}: Slurm partitions")


def _on_gpus(machine: Machine, slurm: SlurmPartition) -> bool:
    """True when the Slurm partition runs on one GPU hardware partition of the machine."""
    part = machine.partition(slurm.hardware)
    return part is not None and part.gpu is not None


_HW_FACETS = {
    "gpu": r"\b(gpus?|accelerators?|gcds?|graphics)\b",
    "cpu": r"\b(cpus?|processors?|cores?)\b",
    "memory": r"\b(memory|ram)\b",
    "nodes": r"\bhow many\b.*\bnodes?\b|\bnode count\b",
    "interconnect": r"\b(interconnect|network|infiniband|slingshot|fabric)\b",
    "performance": r"\b(fast|fastest|performance|flops|pflops|petaflops|exaflops|hpl|top500|peak|powerful)\b",
    "scheduler": r"\b(scheduler|slurm|pbs|batch system)\b",
    "status": r"\b(operational|status|installed|in production|online|inaugurat\w*|when .*(ready|available|launch\w*|start\w*))\b",
    "place": r"\b(where is|located|location|hosted|which country)\b",
    "docs": r"\b(docs|documentation|user guide)\b",
    "overview": r"\b(specs?|specifications?|hardware|tell me about|overview|describe)\b"
    r"|^\s*(what is|what's|what are)\s+(\S+\s*){1,3}\??\s*$",
}


def _hardware(ask: _Ask, machine: Machine) -> Answer | None:
    wanted = {name for name, pattern in _HW_FACETS.items() if ask.has(pattern)}
    if not wanted:
        return None
    if ask.has(r"\bgpu memory\b|\bmemory\b.*\b(gcd|gpu)\b|\b(gcd|gpu)\b.*\bmemory\b"):
        wanted.discard("memory")
        wanted.add("gpu")
    focus = [p for m, p in ask.partitions if m is machine]
    lines: list[str] = []
    facts: list[Sourced] = []
    part_facets = wanted & {"gpu", "cpu", "memory", "nodes", "overview"}
    if part_facets:
        parts = (
            focus
            or [
                p
                for p in machine.partitions
                if ("gpu" not in wanted or p.gpu is not None)
                and ("cpu" not in wanted or p.cpu is not None)
            ]
            or list(machine.partitions)
        )
        if "gpu" in wanted and not focus and not any(p.gpu for p in machine.partitions):
            lines.append(f"No GPU partition of **{machine.name}** is on record.")
        for p in parts[:4]:
            lines.append(describe_partition(machine, p))
            facts.append(p)
    if "interconnect" in wanted and machine.interconnect:
        lines.append(f"**{machine.name} interconnect:** {machine.interconnect.text}")
        facts.append(machine.interconnect)
    if "performance" in wanted and machine.performance:
        perf = "; ".join(
            f"{p.metric}: {p.value}" + (f" ({p.note})" if p.note else "")
            for p in machine.performance
        )
        lines.append(f"**{machine.name} performance:** {perf}.")
        facts += machine.performance
    if "scheduler" in wanted and machine.scheduler:
        lines.append(
            f"**{machine.name}** uses **{machine.scheduler.name}**. {machine.scheduler.note}".strip()
        )
        facts.append(machine.scheduler)
    if "status" in wanted:
        lines.append(
            f"**{machine.name}** is {machine.status.state}. {machine.status.detail}".strip()
        )
        facts.append(machine.status)
    if "place" in wanted:
        place = ", ".join(x for x in (machine.site, machine.city, machine.country) if x)
        lines.append(f"**{machine.name}** is at {place}.")
        facts.append(machine.overview)
    if "docs" in wanted and machine.docs:
        lines.append(f"**{machine.name}** user documentation: {machine.docs.url}")
        facts.append(machine.docs)
    if "overview" in wanted and not (wanted - {"overview"}):
        place = ", ".join(x for x in (machine.site, machine.city, machine.country) if x)
        lines.insert(0, f"**{machine.name}** ({machine.tier}, {machine.status.state}) at {place}.")
        facts.insert(0, machine.overview)
    if not facts:
        return None
    return _answer(ask, lines, facts, f"{machine.name}: hardware")
