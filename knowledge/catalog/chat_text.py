"""Plain-text renderings of catalog entries, shared by the CLI, Slack and the answer router.

Text uses **bold** and `code` only; the Slack layer converts it to mrkdwn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from typing import Protocol

from knowledge.catalog.cutoffs import Cutoff, is_stale
from knowledge.catalog.models import (
    Call,
    Machine,
    Partition,
    SlurmPartition,
    Sourced,
    normalize_name,
)
from knowledge.languages.words import words_for

CONFIRM = words_for("en").confirm


MONTHS = tuple(
    "january february march april may june july august september october november december".split()
)


def day_text(day: date) -> str:
    """'4 Jan 2027': unambiguous for readers on both sides of the Atlantic."""
    return f"{day.day} {day:%b %Y}"


# A day as `day_text` writes it.
_DAY = re.compile(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b")


def names_day(text: str) -> bool:
    """Whether `text` names a day as `day_text` writes it ("the last one on record was 26 Oct
    2026"), beyond a year ("no cut-off in 2026 is on record")."""
    return _DAY.search(text) is not None


def when_text(cutoff: Cutoff, tz: tzinfo | None = None) -> str:
    """The cut-off in the reader's zone (default: the call's), e.g. 'Mon 30 Nov 2026, 10:00 CET'."""
    if cutoff.all_day:
        return f"{cutoff.at:%a} {day_text(cutoff.day)} (end of day, {cutoff.at.tzinfo})"
    local = cutoff.at.astimezone(tz) if tz is not None else cutoff.at
    return f"{local:%a} {day_text(local.date())}, {local:%H:%M %Z}"


class Dated(Protocol):
    @property
    def as_of(self) -> date: ...


def staleness_note(
    facts: Sequence[Dated], now: datetime | None, stale_after_days: int, template: str = ""
) -> str:
    """The warning for facts last checked more than `stale_after_days` ago ("" when none);
    `template` (with {day} and {days}) says it in another language."""
    if now is None:
        return ""
    old = [f for f in facts if is_stale(f.as_of, now, stale_after_days)]
    if not old:
        return ""
    oldest = min(f.as_of for f in old)
    return (template or words_for("en").stale).format(day=oldest.isoformat(), days=stale_after_days)


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
        if shown and gpu.memory_gb and gpu.count and gpu.count > 1:
            # "How much GPU memory does a node have in total" wants the sum, as cores per node.
            memory = f" ({gpu.memory_gb} GB each, {gpu.count * gpu.memory_gb} GB per node)"
        note = f"; {gpu.note}" if gpu.note else ""
        pieces.append(f"{count}{gpu.model} GPUs{memory}{note}")
    if part.cpu is not None:
        cpu = part.cpu
        several = (cpu.count or 1) > 1
        count = f"{cpu.count}× " if cpu.count else ""
        cores = ""
        if cpu.cores:
            cores = f" with {cpu.cores} cores"
            if cpu.count and several:
                # "How many cores per node?" wants the total, not a product left to the reader.
                cores += f" each ({cpu.count * cpu.cores} cores per node)"
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


class _Sources:
    """Numbers each distinct source once, so every line of a card can say where it comes from."""

    def __init__(self) -> None:
        self._order: dict[str, list[Sourced]] = {}

    def ref(self, fact: Sourced) -> str:
        group = self._order.setdefault(fact.source, [])
        group.append(fact)
        return f" [{list(self._order).index(fact.source) + 1}]"

    def lines(self) -> list[str]:
        out = ["Sources:"] if self._order else []
        for number, (url, facts) in enumerate(self._order.items(), start=1):
            as_of = min(f.as_of for f in facts).isoformat()
            flag = "" if all(f.confirmed for f in facts) else f", {CONFIRM}"
            out.append(f"[{number}] {url} (as of {as_of}{flag})")
        return out


def format_machine_card(
    machine: Machine, now: datetime | None = None, stale_after_days: int = 90
) -> str:
    """A compact spec card: hardware, status, scheduler, access; each line cites its source."""
    refs = _Sources()
    place = ", ".join(x for x in (machine.site, machine.city, machine.country) if x)
    lines = [
        f"**{machine.name}**: {place} ({machine.tier}, {machine.status.state})"
        + refs.ref(machine.overview)
    ]
    if machine.vendor:
        lines.append(f"Vendor: {machine.vendor}.")
    lines.append(machine.overview.text + refs.ref(machine.overview))
    if machine.status.detail:
        lines.append(f"Status: {machine.status.detail}" + refs.ref(machine.status))
    lines += [f"• {describe_partition(machine, p)}" + refs.ref(p) for p in machine.partitions]
    if machine.interconnect:
        lines.append(f"Interconnect: {machine.interconnect.text}" + refs.ref(machine.interconnect))
    for p in machine.performance:
        note = f" ({p.note})" if p.note else ""
        lines.append(f"Performance: {p.metric} {p.value}{note}." + refs.ref(p))
    if machine.scheduler:
        note = f" {machine.scheduler.note}" if machine.scheduler.note else ""
        version = f" {machine.scheduler.version}" if machine.scheduler.version else ""
        lines.append(
            f"Scheduler: {machine.scheduler.name}{version}.{note}" + refs.ref(machine.scheduler)
        )
    if machine.slurm_partitions:
        lines.append("Slurm partitions:")
        lines += [
            f"• {describe_slurm_partition(p)}" + refs.ref(p) for p in machine.slurm_partitions
        ]
    if machine.billing:
        lines.append(
            f"Billing units: {', '.join(machine.billing.units)}." + refs.ref(machine.billing)
        )
    if machine.login:
        note = f" ({machine.login.note})" if machine.login.note else ""
        lines.append(f"Login: `{machine.login.host}`{note}" + refs.ref(machine.login))
    if machine.docs:
        lines.append(f"Docs: {machine.docs.url}" + refs.ref(machine.docs))
    if machine.status_page:
        lines.append(f"Service status: {machine.status_page.url}" + refs.ref(machine.status_page))
    if machine.portal:
        lines.append(f"Web portal: {machine.portal.url}" + refs.ref(machine.portal))
    if machine.accounting:
        commands = ", ".join(f"`{c}`" for c in machine.accounting.commands)
        lines.append(f"Allocation and quota: {commands}" + refs.ref(machine.accounting))
    if machine.api:
        lines.append(f"APIs: {machine.api.text}" + refs.ref(machine.api))
    for n in machine.notes:
        lines.append(f"Note: {n.text}" + refs.ref(n))
    lines += refs.lines()
    stale = staleness_note(machine.facts(), now, stale_after_days)
    if stale:
        lines.append(stale)
    return "\n".join(lines)


def format_cutoffs(
    cutoffs: Sequence[Cutoff], tz: tzinfo, without_future: Sequence[Call] = ()
) -> str:
    """Upcoming cut-offs, one per line with its source, plus dated calls that have none."""
    lines = []
    sources: dict[str, tuple[date, bool]] = {}
    for cutoff in cutoffs:
        note = f" ({cutoff.note})" if cutoff.note else ""
        known = sources.setdefault(cutoff.source, (cutoff.as_of, cutoff.confirmed))
        sources[cutoff.source] = (min(known[0], cutoff.as_of), known[1] and cutoff.confirmed)
        ref = list(sources).index(cutoff.source) + 1
        lines.append(f"• **{cutoff.call_name}**: {when_text(cutoff, tz)}{note} [{ref}]")
    if not lines:
        lines.append("No upcoming cut-offs on record.")
    if without_future:
        names = ", ".join(c.name for c in without_future)
        lines.append(f"No future cut-off on record for: {names}. Check their call pages.")
    if sources:
        lines.append("Sources:")
        for number, (url, (as_of, confirmed)) in enumerate(sources.items(), start=1):
            flag = "" if confirmed else f", {CONFIRM}"
            lines.append(f"[{number}] {url} (as of {as_of.isoformat()}{flag})")
    return "\n".join(lines)
