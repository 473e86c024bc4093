"""Markdown renderings of the catalog for the search index.

Free-text retrieval only sees text, so each document spells facts out in full sentences
("LEONARDO Booster nodes have 4 NVIDIA A100 ... GPUs") under `##` headings that the chunker
splits on. Cut-off dates appear only as the complete dated list with its as-of date: the
documents are re-rendered at every ingest, and a lone "next cut-off" would go stale in the index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from knowledge.catalog.catalog import Catalog
from knowledge.catalog.chat_text import (
    CONFIRM,
    day_text,
    describe_partition,
    describe_slurm_partition,
    partition_label,
)
from knowledge.catalog.models import Call, Machine, Sourced


@dataclass(frozen=True)
class CatalogDocument:
    url: str
    title: str
    markdown: str
    as_of: date


def _cite(fact: Sourced) -> str:
    flag = "" if fact.confirmed else f"; {CONFIRM}"
    return f"(Source: {fact.source}, as of {fact.as_of.isoformat()}{flag}.)"


def _oldest(facts: Iterable[Sourced]) -> date:
    return min(f.as_of for f in facts)


def machine_document(machine: Machine) -> CatalogDocument:
    m = machine
    place = ", ".join(x for x in (m.site, m.city, m.country) if x)
    out = [
        f"# {m.name} supercomputer",
        "",
        f"{m.name} is a {m.tier} EuroHPC supercomputer at {place}. Status: {m.status.state}.",
    ]
    if m.aliases:
        out.append(f"Also known as: {', '.join(m.aliases)}.")
    out += ["", f"{m.overview.text} {_cite(m.overview)}", ""]
    out += [
        "## Status",
        "",
        f"{m.name} is {m.status.state}. {m.status.detail} {_cite(m.status)}",
        "",
    ]
    for part in m.partitions:
        label = partition_label(m, part)
        out += [f"## {label} partition", ""]
        if part.gpu is not None and part.gpu.count:
            out.append(f"{label} nodes have {part.gpu.count} {part.gpu.model} GPUs each.")
        out += [describe_partition(m, part).replace("**", ""), _cite(part), ""]
    if m.interconnect:
        out += [
            "## Interconnect",
            "",
            f"{m.name} interconnect: {m.interconnect.text} {_cite(m.interconnect)}",
            "",
        ]
    if m.performance:
        out += ["## Performance", ""]
        for perf in m.performance:
            note = f" ({perf.note})" if perf.note else ""
            out.append(f"- {m.name} {perf.metric}: {perf.value}{note}. {_cite(perf)}")
        out.append("")
    if m.scheduler or m.slurm_partitions:
        out += [f"## Scheduler and Slurm partitions on {m.name}", ""]
        if m.scheduler:
            out.append(
                f"{m.name} uses {m.scheduler.name}. {m.scheduler.note} {_cite(m.scheduler)}".replace(
                    "  ", " "
                )
            )
        for slurm in m.slurm_partitions:
            out.append(f"- {m.name} partition {describe_slurm_partition(slurm)} {_cite(slurm)}")
        out.append("")
    if m.billing:
        out += [f"## Billing on {m.name}", "", f"Units: {', '.join(m.billing.units)}."]
        out += [f"- {rule}" for rule in m.billing.rules]
        out += [_cite(m.billing), ""]
    if m.login or m.docs:
        out += [f"## Logging in to {m.name} and documentation", ""]
        if m.login:
            note = f" ({m.login.note})" if m.login.note else ""
            out.append(f"Log in to {m.name} at `{m.login.host}`{note}. {_cite(m.login)}")
        if m.docs:
            out.append(f"User documentation: {m.docs.url} {_cite(m.docs)}")
        out.append("")
    if m.notes:
        out += [f"## More about {m.name}", ""]
        out += [f"- {note.text} {_cite(note)}" for note in m.notes]
        out.append("")
    url = m.docs.url if m.docs else m.overview.source
    return CatalogDocument(
        url, f"{m.name} supercomputer", "\n".join(out).rstrip() + "\n", _oldest(m.facts())
    )


def call_document(call: Call) -> CatalogDocument:
    c = call
    kind = {
        "ai-factories": "AI Factories access mode",
        "eurohpc-access": "EuroHPC access call",
    }.get(c.family, "related programme")
    out = [f"# {c.name} ({kind})", ""]
    if c.aliases:
        out.append(f"Also called: {', '.join(c.aliases)}.")
    out += [f"{c.summary.text} {_cite(c.summary)}", ""]
    sections: list[tuple[str, Sourced | None, str]] = [
        (
            f"Who is eligible for {c.name}",
            c.eligibility,
            c.eligibility.text if c.eligibility else "",
        ),
        (f"What {c.name} offers", c.offer, c.offer.text if c.offer else ""),
        (f"How long {c.name} allocations last", c.duration, c.duration.text if c.duration else ""),
        (f"How {c.name} proposals are reviewed", c.review, c.review.text if c.review else ""),
        (
            f"Time to access for {c.name}",
            c.time_to_access,
            c.time_to_access.text if c.time_to_access else "",
        ),
        (f"Cost of {c.name}", c.cost, c.cost.text if c.cost else ""),
    ]
    for heading, fact, text in sections:
        if fact is not None:
            out += [f"## {heading}", "", f"{text} {_cite(fact)}", ""]
    if c.obligations:
        out += [f"## Obligations under {c.name}", ""]
        out += [f"- {o.text} {_cite(o)}" for o in c.obligations]
        out.append("")
    out += [
        f"## How to apply for {c.name}",
        "",
        f"{c.apply.text} {c.apply.url} {_cite(c.apply)}",
        "",
    ]
    out += [f"## {c.name} cut-offs", "", _cutoff_paragraph(c), ""]
    return CatalogDocument(
        c.summary.source, c.name, "\n".join(out).rstrip() + "\n", _oldest(c.facts())
    )


def _cutoff_paragraph(call: Call) -> str:
    schedule = call.cutoffs
    if schedule.rule == "continuous":
        extra = f" ({schedule.frequency})" if schedule.frequency else ""
        return f"{call.name} is continuously open{extra}: apply at any time. {_cite(schedule)}"
    if not schedule.dates:
        return (
            f"No {call.name} cut-off dates are on record as of {schedule.as_of.isoformat()}; "
            f"check the call page. {_cite(schedule)}"
        )
    days = []
    for entry in schedule.dates:
        closing = entry.time or schedule.time
        at = f" at {closing:%H:%M}" if closing else ""
        note = f" ({entry.note})" if entry.note else ""
        days.append(f"{day_text(entry.day)}{at}{note}")
    zone = (
        f" Times are {schedule.timezone} time."
        if schedule.time or any(d.time for d in schedule.dates)
        else ""
    )
    freq = f" The call has {schedule.frequency}." if schedule.frequency else ""
    return (
        f"All {call.name} cut-offs on record as of {schedule.as_of.isoformat()}: "
        f"{', '.join(days)}.{zone}{freq} {_cite(schedule)}"
    )


def factories_document(catalog: Catalog) -> CatalogDocument:
    out = [
        "# EuroHPC AI Factories",
        "",
        f"{catalog.factories_overview.text} {_cite(catalog.factories_overview)}",
        "",
    ]
    for wave in catalog.waves:
        out += [f"## AI Factories selected in wave {wave.wave} ({day_text(wave.selected)})", ""]
        for f in (f for f in catalog.ai_factories if f.wave == wave.wave):
            partners = f", with partners in {', '.join(f.partners)}" if f.partners else ""
            out.append(
                f"- {f.name} is hosted by {f.host} in {f.country}{partners}. "
                f"System: {f.system.text}. {_cite(f.system)}"
            )
        out += [_cite(wave), ""]
    facts: list[Sourced] = [catalog.factories_overview, *catalog.waves, *catalog.ai_factories]
    return CatalogDocument(
        catalog.factories_overview.source,
        "EuroHPC AI Factories",
        "\n".join(out).rstrip() + "\n",
        _oldest(facts),
    )


def antennas_document(catalog: Catalog) -> CatalogDocument:
    names = {f.id: f.name for f in catalog.ai_factories}
    ant = catalog.antennas
    out = ["# EuroHPC AI Factory Antennas", "", f"{ant.overview.text} {_cite(ant.overview)}", ""]
    for heading, members in (
        ("AI Factory Antennas in EU Member States", [a for a in ant.members if a.eu_member]),
        ("AI Factory Antennas in other countries", [a for a in ant.members if not a.eu_member]),
    ):
        out += [f"## {heading}", ""]
        for a in members:
            link = f", linked to {names[a.linked_factory]}" if a.linked_factory else ""
            out.append(f"- {a.country} AI Factory Antenna{link}. {_cite(a)}")
        out.append("")
    facts: list[Sourced] = [ant.overview, *ant.members]
    return CatalogDocument(
        ant.overview.source,
        "EuroHPC AI Factory Antennas",
        "\n".join(out).rstrip() + "\n",
        _oldest(facts),
    )


def catalog_documents(catalog: Catalog) -> list[CatalogDocument]:
    """One document per machine, per call, and for the AI Factories and Antennas overviews."""
    docs = [
        *(machine_document(m) for m in catalog.machines),
        *(call_document(c) for c in catalog.calls),
        factories_document(catalog),
        antennas_document(catalog),
    ]
    # Several calls share one source page; the index keys documents by URL, so tell them apart.
    counts = Counter(d.url for d in docs)
    unique = []
    for doc, ident in zip(docs, _ids(catalog), strict=True):
        if counts[doc.url] > 1:
            doc = CatalogDocument(f"{doc.url}#{ident}", doc.title, doc.markdown, doc.as_of)
        unique.append(doc)
    return unique


def _ids(catalog: Catalog) -> list[str]:
    return [
        *(m.id for m in catalog.machines),
        *(c.id for c in catalog.calls),
        "ai-factories",
        "ai-factory-antennas",
    ]
