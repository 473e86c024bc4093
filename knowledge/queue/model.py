"""The queue status hpcbot reports: one header and one summary per partition.

These are the public values the CLI, Slack views and `--json` output are built from. They are
frozen pydantic models so a status can be cached, written to disk as the "last known" status and
read back without loss.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainSerializer

# `+00:00` rather than pydantic's `Z`, to match what `datetime.isoformat()` gives callers.
Timestamp = Annotated[datetime, PlainSerializer(lambda d: d.isoformat(), return_type=str)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class NodeCounts(_Frozen):
    """Nodes by the state that matters to someone waiting: each node counted once."""

    idle: int = 0
    mixed: int = 0
    allocated: int = 0
    down: int = 0
    drained: int = 0
    total: int = 0


class Capacity(_Frozen):
    free: int = 0
    total: int = 0


class GpuSummary(_Frozen):
    """GPUs from GRES; `type` names the kinds present (e.g. "mi250" or "a100,h100")."""

    type: str | None = None
    free: int = 0
    total: int = 0
    by_type: dict[str, Capacity] = {}


class JobCounts(_Frozen):
    running: int = 0
    pending: int = 0


class WaitStats(_Frozen):
    """Waits of pending jobs that are eligible to run (held or dependent jobs are excluded)."""

    longest_s: int | None = None
    median_s: int | None = None


class PartitionStatus(_Frozen):
    name: str
    state: str | None = None
    time_limit_s: int | None = None
    nodes: NodeCounts = NodeCounts()
    gpus: GpuSummary | None = None
    cpus: Capacity = Capacity()
    jobs: JobCounts = JobCounts()
    wait: WaitStats = WaitStats()
    pending_reasons: dict[str, int] = {}
    earliest_start: Timestamp | None = None


class Reservation(_Frozen):
    name: str
    start: Timestamp | None = None
    end: Timestamp | None = None
    nodes: int | None = None
    flags: list[str] = []
    partition: str | None = None

    @property
    def is_maintenance(self) -> bool:
        return "MAINT" in self.flags


class QueueStatus(_Frozen):
    """Live status of one machine, as of one moment, from one source."""

    machine: str
    source: str
    as_of: Timestamp
    slurm_version: str | None = None
    partitions: list[PartitionStatus] = []
    reservations: list[Reservation] = []

    def partition(self, name: str) -> PartitionStatus | None:
        lowered = name.lower()
        return next((p for p in self.partitions if p.name.lower() == lowered), None)

    def only(self, partition: str) -> QueueStatus:
        """This status narrowed to one partition (reservations kept if they may touch it)."""
        kept = [p for p in self.partitions if p.name.lower() == partition.lower()]
        names = {None, ""} | {p.name for p in kept}
        reservations = [r for r in self.reservations if r.partition in names]
        return self.model_copy(update={"partitions": kept, "reservations": reservations})

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
