"""Ways into a cluster's queue, all behind `QueueProvider`; `build_provider` picks one."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from knowledge.clock import Clock
from knowledge.queue.config import MachineSource, SlurmCliSource, SlurmRestdSource
from knowledge.queue.providers.base import Deadline, FetchAuthError, FetchError, QueueProvider
from knowledge.queue.providers.slurm_cli import SlurmCliProvider
from knowledge.queue.providers.slurmrestd import SlurmRestdProvider
from knowledge.queue.providers.snapshot import SnapshotProvider

ProviderFactory = Callable[[MachineSource], QueueProvider]


def build_provider(
    source: MachineSource,
    *,
    environ: Mapping[str, str] | None = None,
    clock: Clock | None = None,
) -> QueueProvider:
    if isinstance(source, SlurmRestdSource):
        return SlurmRestdProvider(source, environ=environ)
    if isinstance(source, SlurmCliSource):
        return SlurmCliProvider(source, environ=environ)
    return SnapshotProvider(source, clock=clock) if clock else SnapshotProvider(source)


__all__ = [
    "Deadline",
    "FetchAuthError",
    "FetchError",
    "ProviderFactory",
    "QueueProvider",
    "SlurmCliProvider",
    "SlurmRestdProvider",
    "SnapshotProvider",
    "build_provider",
]
