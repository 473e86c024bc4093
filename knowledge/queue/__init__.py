"""Live queue status from Slurm: providers, the status model and the `QueueService` facade."""

from __future__ import annotations

from knowledge.queue.bundle import SNAPSHOT_FORMAT, RawBundle
from knowledge.queue.config import (
    MachineSource,
    QueueConfig,
    SlurmCliSource,
    SlurmRestdSource,
    SnapshotSource,
    load_queue_config,
    parse_queue_config,
)
from knowledge.queue.errors import (
    QueueAuthError,
    QueueConfigError,
    QueueError,
    QueueNotConfigured,
    QueueUnavailable,
)
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
from knowledge.queue.render import render_text
from knowledge.queue.service import QueueService

__all__ = [
    "SNAPSHOT_FORMAT",
    "Capacity",
    "GpuSummary",
    "JobCounts",
    "MachineSource",
    "NodeCounts",
    "PartitionStatus",
    "QueueAuthError",
    "QueueConfig",
    "QueueConfigError",
    "QueueError",
    "QueueNotConfigured",
    "QueueService",
    "QueueStatus",
    "QueueUnavailable",
    "RawBundle",
    "Reservation",
    "SlurmCliSource",
    "SlurmRestdSource",
    "SnapshotSource",
    "WaitStats",
    "load_queue_config",
    "parse_queue_config",
    "render_text",
]
