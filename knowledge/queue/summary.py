"""Turn normalised Slurm records into the per-partition summary people ask for."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

from knowledge.queue.model import (
    Capacity,
    GpuSummary,
    JobCounts,
    NodeCounts,
    PartitionStatus,
    QueueStatus,
    Reservation,
    WaitStats,
)
from knowledge.queue.slurm import Job, Node, Partition, ReservationRecord, SlurmData

TOP_REASONS = 5
_DOWN_STATES = {"DOWN", "ERROR", "FUTURE", "UNKNOWN", "INVAL", "INVALID"}
_DOWN_FLAGS = {"NOT_RESPONDING", "POWERED_DOWN", "POWERING_DOWN", "FAIL", "REBOOT_ISSUED"}
# Jobs still in the queue; 22.05's `squeue --json` also lists finished jobs.
_ACTIVE = {"RUNNING", "PENDING", "SUSPENDED", "CONFIGURING", "COMPLETING", "REQUEUED"}
# name[:type]:count[(S:0-1)] or with an IDX list in gres_used: "gpu:mi250:7(IDX:0-6)".
_GRES = re.compile(r"^(?P<name>[^:(]+)(?::(?P<type>[^:(]+))?:(?P<count>\d+)")


def node_category(node: Node) -> str:
    """One of idle / mixed / allocated / down / drained, so each node is counted once.

    Down wins over drained (a down node is unusable whatever its flags); a drain flag wins over
    busy states because a draining node takes no new jobs, which is what a waiting user cares about.
    """
    flags = set(node.flags)
    if node.base_state in _DOWN_STATES or flags & _DOWN_FLAGS:
        return "down"
    if "DRAIN" in flags or node.base_state in {"DRAINED", "DRAINING", "DRAIN"}:
        return "drained"
    return {
        "IDLE": "idle",
        "MIXED": "mixed",
        "ALLOCATED": "allocated",
        "COMPLETING": "allocated",
    }.get(node.base_state, "down")


def gres_counts(spec: str, kind: str = "gpu") -> dict[str, int]:
    """{"mi250": 8} from "gpu:mi250:8,craynetwork:4"; untyped GPUs are counted under "gpu"."""
    counts: Counter[str] = Counter()
    # Commas also appear inside "(S:0,1)"; drop parenthesised parts before splitting.
    for part in re.sub(r"\([^)]*\)", "", spec).split(","):
        match = _GRES.match(part.strip())
        if match and match["name"] == kind:
            counts[match["type"] or kind] += int(match["count"])
    return dict(counts)


def summarise(
    data: SlurmData,
    *,
    machine: str,
    source: str,
    as_of: datetime,
    partitions: Sequence[str] | None = None,
) -> QueueStatus:
    """Build a `QueueStatus`; `partitions` limits and orders the partitions reported."""
    known = {p.name: p for p in data.partitions if p.name}
    names = list(known)
    for node in data.nodes:  # partitions seen only on nodes (e.g. hidden from scontrol)
        names += [p for p in node.partitions if p not in names]
    if partitions:
        lowered = {n.lower(): n for n in names}
        names = [lowered.get(p.lower(), p) for p in partitions]
    active = [job for job in data.jobs if job.state in _ACTIVE]
    return QueueStatus(
        machine=machine,
        source=source,
        as_of=as_of,
        slurm_version=data.slurm_version,
        partitions=[_partition(name, known.get(name), data.nodes, active, as_of) for name in names],
        reservations=_reservations(data.reservations, as_of),
    )


def _partition(
    name: str,
    partition: Partition | None,
    all_nodes: Iterable[Node],
    jobs: list[Job],
    as_of: datetime,
) -> PartitionStatus:
    nodes = [n for n in all_nodes if name in n.partitions]
    categories = Counter(node_category(n) for n in nodes)
    usable = [n for n in nodes if node_category(n) in ("idle", "mixed", "allocated")]
    mine = [j for j in jobs if name in j.partitions]
    pending = [j for j in mine if j.state == "PENDING"]
    # Wait counts from eligibility: a held or dependent job "waits" for its owner, not the queue.
    waits = sorted(
        int((as_of - j.eligible_time).total_seconds())
        for j in pending
        if j.eligible_time is not None and j.eligible_time <= as_of
    )
    estimates = [j.start_time for j in pending if j.start_time is not None]
    reasons = Counter(j.reason or "None" for j in pending)
    return PartitionStatus(
        name=name,
        state=partition.state if partition else None,
        time_limit_s=partition.time_limit_s if partition else None,
        nodes=NodeCounts(
            idle=categories["idle"],
            mixed=categories["mixed"],
            allocated=categories["allocated"],
            down=categories["down"],
            drained=categories["drained"],
            total=len(nodes),
        ),
        gpus=_gpus(nodes, usable),
        cpus=Capacity(
            free=sum(max(n.cpus - n.alloc_cpus, 0) for n in usable),
            total=sum(n.cpus for n in nodes),
        ),
        jobs=JobCounts(running=sum(j.state == "RUNNING" for j in mine), pending=len(pending)),
        wait=WaitStats(
            longest_s=waits[-1] if waits else None,
            median_s=int(statistics.median(waits)) if waits else None,
        ),
        pending_reasons=dict(reasons.most_common(TOP_REASONS)),
        earliest_start=min(estimates) if estimates else None,
    )


def _gpus(nodes: list[Node], usable: list[Node]) -> GpuSummary | None:
    total: Counter[str] = Counter()
    free: Counter[str] = Counter()
    for node in nodes:
        total.update(gres_counts(node.gres))
    for node in usable:
        used = gres_counts(node.gres_used)
        for kind, count in gres_counts(node.gres).items():
            free[kind] += max(count - used.get(kind, 0), 0)
    if not total:
        return None
    kinds = sorted(total)
    return GpuSummary(
        type=",".join(kinds),
        free=sum(free.values()),
        total=sum(total.values()),
        by_type={k: Capacity(free=free[k], total=total[k]) for k in kinds},
    )


def _reservations(records: Iterable[ReservationRecord], as_of: datetime) -> list[Reservation]:
    """Current and upcoming reservations, soonest first; finished ones are dropped."""
    upcoming = [r for r in records if r.end is None or r.end > as_of]
    upcoming.sort(key=lambda r: (r.start is None, r.start or as_of))
    return [
        Reservation(
            name=r.name,
            start=r.start,
            end=r.end,
            nodes=r.node_count,
            flags=list(r.flags),
            partition=r.partition,
        )
        for r in upcoming
    ]
