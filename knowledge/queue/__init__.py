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
from knowledge.queue.providers import FetchError, SlurmCliProvider
from knowledge.queue.render import (
    duration,
    gpu_line,
    jobs_line,
    node_line,
    render_text,
    reservation_line,
    wait_line,
)
from knowledge.queue.service import QueueService

__all__ = [
    "Capacity",
    "duration",
    "FetchError",
    "gpu_line",
    "GpuSummary",
    "JobCounts",
    "jobs_line",
    "load_queue_config",
    "MachineSource",
    "node_line",
    "NodeCounts",
    "parse_queue_config",
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
    "render_text",
    "Reservation",
    "reservation_line",
    "SlurmCliProvider",
    "SlurmCliSource",
    "SlurmRestdSource",
    "SNAPSHOT_FORMAT",
    "SnapshotSource",
    "wait_line",
    "WaitStats",
]
