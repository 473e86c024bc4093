"""Plain-text renderings of catalog entries, shared by the CLI, Slack and the answer router.

Text uses **bold** and `code` only; the Slack layer converts it to mrkdwn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo

from knowledge.catalog.cutoffs import Cutoff, is_stale
from knowledge.catalog.models import (
    Call,
    Machine,
    Partition,
    SlurmPartition,
    Sourced,
    normalize_name,
)

CONFIRM = "confirm on the official page"


def day_text(day: date) -> str:
    """'4 Jan 2027': unambiguous for readers on both sides of the Atlantic."""
    return f"{day.day} {day:%b %Y}"


def when_text(cutoff: Cutoff, tz: tzinfo | None = None) -> str:
    """The cut-off in the reader's zone (default: the call's), e.g. 'Mon 30 Nov 2026, 10:00 CET'."""
    if cutoff.all_day:
        return f"{cutoff.at:%a} {day_text(cutoff.day)} (end of day, {cutoff.at.tzinfo})"
    local = cutoff.at.astimezone(tz) if tz is not None else cutoff.at
    return f"{local:%a} {day_text(local.date())}, {local:%H:%M %Z}"


def source_line(
    facts: Iterable[Sourced], now: datetime | None = None, stale_after_days: int = 90
) -> str:
    """'Source: <url> (as of ...)' for each distinct URL, with confirmation and staleness notes."""
    by_url: dict[str, list[Sourced]] = {}
    for fact in facts:
        by_url.setdefault(fact.source, []).append(fact)
    parts = []
    for url, group in by_url.items():
        as_of = min(f.as_of for f in group)
        unconfirmed = "" if all(f.confirmed for f in group) else f" ({CONFIRM})"
        parts.append(f"{url}, as of {as_of.isoformat()}{unconfirmed}")
    text = ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts)
    stale = staleness_note([f for g in by_url.values() for f in g], now, stale_after_days)
    return f"{text}\n{stale}" if stale else text


def staleness_note(facts: Sequence[Sourced], now: datetime | None, stale_after_days: int) -> str:
    if now is None:
        return ""
    old = [f for f in facts if is_stale(f.as_of, now, stale_after_days)]
    if not old:
        return ""
    oldest = min(f.as_of for f in old)
    return (
        f"Note: this was last checked on {oldest.isoformat()}, more than {stale_after_days} days "
        "ago, so it may have changed; check the source."
    )


def partition_label(machine: Machine, part: Partition) -> str:
    """'LUMI-G' rather than 'LUMI LUMI-G'; 'LEONARDO Booster' rather than 'Booster'."""
    if normalize_name(machine.name) in normalize_name(part.name):
        return part.name
    return f"{machine.name} {part.name}"


def describe_partition(machine: Machine, part: Partition) -> str:
    """One sentence about a hardware partition, phrased so free-text search finds it."""
    label = partition_label(machine, part)
    pieces: list[str] = []
    if part.gpu is not None:
        gpu = part.gpu
        count = f"{gpu.count} " if gpu.count else ""
        # Skip the memory when the model name already says it ("A100 SXM4 64 GB").
        shown = gpu.memory_gb and f"{gpu.memory_gb} GB" not in gpu.model
        memory = f" ({gpu.memory_gb} GB each)" if shown else ""
        note = f"; {gpu.note}" if gpu.note else ""
        pieces.append(f"{count}{gpu.model} GPUs{memory}{note}")
    if part.cpu is not None:
        cpu = part.cpu
        several = (cpu.count or 1) > 1
        count = f"{cpu.count}× " if cpu.count else ""
        cores = f" with {cpu.cores} cores{' each' if several else ''}" if cpu.cores else ""
        note = f" ({cpu.note})" if cpu.note else ""
        pieces.append(f"{count}{cpu.model} CPU{'s' if several else ''}{cores}{note}")
    if part.memory:
        pieces.append(f"memory: {part.memory}")
    nodes = f"{part.nodes:,} nodes" if part.nodes else "node count not on record"
    sentence = f"**{label}** ({part.kind}, {nodes})"
    if pieces:
        sentence += ": each node has " + "; ".join(pieces)
    if part.interconnect:
        sentence += f". Interconnect: {part.interconnect}"
    if part.notes:
        sentence += f". {part.notes.rstrip('.')}"
    return sentence + "."


def describe_slurm_partition(part: SlurmPartition) -> str:
    limits = [
        f"max walltime {part.max_walltime}" if part.max_walltime else "",
        f"max {part.max_nodes:,} node{'s' if part.max_nodes != 1 else ''} per job"
        if part.max_nodes
        else "",
        f"max {part.max_resources} per job" if part.max_resources else "",
        f"max jobs {part.max_jobs}" if part.max_jobs else "",
        part.allocation or "",
    ]
    shown = ", ".join(x for x in limits if x)
    text = f"`{part.name}` on {part.hardware}"
    if shown:
        text += f": {shown}"
    if part.purpose:
        text += f". {part.purpose[0].upper()}{part.purpose[1:].rstrip('.')}"
    return text + "."


def format_machine_card(
    machine: Machine, now: datetime | None = None, stale_after_days: int = 90
) -> str:
    """A compact spec card: hardware, status, scheduler, access and sources."""
    place = ", ".join(x for x in (machine.site, machine.city, machine.country) if x)
    lines = [f"**{machine.name}**: {place} ({machine.tier}, {machine.status.state})"]
    if machine.vendor:
        lines.append(f"Vendor: {machine.vendor}.")
    lines.append(machine.overview.text)
    if machine.status.detail:
        lines.append(f"Status: {machine.status.detail}")
    lines += [f"• {describe_partition(machine, p)}" for p in machine.partitions]
    if machine.interconnect:
        lines.append(f"Interconnect: {machine.interconnect.text}")
    if machine.performance:
        perf = "; ".join(
            f"{p.metric} {p.value}" + (f" ({p.note})" if p.note else "")
            for p in machine.performance
        )
        lines.append(f"Performance: {perf}.")
    if machine.scheduler:
        note = f" {machine.scheduler.note}" if machine.scheduler.note else ""
        lines.append(f"Scheduler: {machine.scheduler.name}.{note}")
    if machine.slurm_partitions:
        lines.append("Slurm partitions:")
        lines += [f"• {describe_slurm_partition(p)}" for p in machine.slurm_partitions]
    if machine.billing:
        lines.append(f"Billing units: {', '.join(machine.billing.units)}.")
    if machine.login:
        note = f" ({machine.login.note})" if machine.login.note else ""
        lines.append(f"Login: `{machine.login.host}`{note}")
    if machine.docs:
        lines.append(f"Docs: {machine.docs.url}")
    unconfirmed = [f for f in machine.facts() if not f.confirmed]
    if unconfirmed:
        lines.append(f"Some details come from secondary sources ({CONFIRM}).")
    stale = staleness_note(machine.facts(), now, stale_after_days)
    if stale:
        lines.append(stale)
    return "\n".join(lines)


def format_cutoffs(
    cutoffs: Sequence[Cutoff], tz: tzinfo, without_future: Sequence[Call] = ()
) -> str:
    """Upcoming cut-offs, one per line, plus the dated calls that have none on record."""
    lines = []
    for cutoff in cutoffs:
        flag = f" ({CONFIRM})" if not cutoff.confirmed else ""
        note = f" ({cutoff.note})" if cutoff.note else ""
        lines.append(f"• **{cutoff.call_name}**: {when_text(cutoff, tz)}{note}{flag}")
    if not lines:
        lines.append("No upcoming cut-offs on record.")
    if without_future:
        names = ", ".join(c.name for c in without_future)
        lines.append(f"No future cut-off on record for: {names}. Check their call pages.")
    return "\n".join(lines)
