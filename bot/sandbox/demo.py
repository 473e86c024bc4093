"""Demo queue status for the sandbox, used only for machines with no live source configured.

The card says so in its source line, so nobody mistakes it for the real queue.
"""

from __future__ import annotations

import zlib
from datetime import datetime

from bot.services import Queue
from knowledge import Clock, utc_now
from knowledge.queue import (
    Capacity,
    GpuSummary,
    JobCounts,
    NodeCounts,
    PartitionStatus,
    QueueNotConfigured,
    QueueStatus,
    WaitStats,
)

DEMO_SOURCE = "sandbox demo data, not live (configure queue.yaml for the real queue)"
# (partition, nodes, GPUs per node, GPU type, cores per node, time limit in hours)
_PARTITIONS = (
    ("standard-g", 2048, 4, "gpu", 64, 48),
    ("small-g", 256, 4, "gpu", 64, 72),
    ("standard", 1024, 0, "", 128, 48),
)


def demo_status(machine: str, partition: str | None, now: datetime) -> QueueStatus:
    """Plausible, stable numbers for `machine` (they change a little every ten minutes)."""
    parts = []
    for name, nodes, gpus, gpu_type, cores, hours in _PARTITIONS:
        seed = zlib.crc32(f"{machine}/{name}/{int(now.timestamp()) // 600}".encode())
        idle = seed % max(nodes // 20, 1)
        down = seed % 7
        allocated = nodes - idle - down
        gpu = GpuSummary(type=gpu_type, free=idle * gpus, total=nodes * gpus) if gpus else None
        parts.append(
            PartitionStatus(
                name=name,
                state="UP",
                time_limit_s=hours * 3600,
                nodes=NodeCounts(idle=idle, allocated=allocated, down=down, total=nodes),
                gpus=gpu,
                cpus=Capacity(free=idle * cores, total=nodes * cores),
                jobs=JobCounts(running=allocated // 3 + seed % 50, pending=seed % 400),
                wait=WaitStats(longest_s=3600 + seed % 86400, median_s=600 + seed % 7200),
            )
        )
    status = QueueStatus(machine=machine, source=DEMO_SOURCE, as_of=now, partitions=parts)
    return status.only(partition) if partition and status.partition(partition) else status


def with_demo_fallback(queue: Queue, now: Clock | None = None) -> Queue:
    """`queue`, but machines without a configured source get demo numbers instead of an error."""

    def status(machine: str, partition: str | None, /) -> QueueStatus:
        try:
            return queue(machine, partition)
        except QueueNotConfigured as exc:
            return demo_status(exc.machine, partition, (now or utc_now)())

    return status
