"""The raw answers of one fetch, before normalisation, and the snapshot document format.

A `RawBundle` holds what Slurm said, untouched: REST or `--json` documents, or `scontrol` text
where 22.05 has no JSON. Keeping it raw lets `hpcbot queue-snapshot` publish exactly what the
cluster printed, so the reading side applies the same version-tolerant parser as a live fetch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from knowledge.queue import slurm

SNAPSHOT_FORMAT = "hpcbot-queue-snapshot/1"


class SnapshotFormatError(ValueError):
    """A document that is not an hpcbot queue snapshot."""


@dataclass(frozen=True)
class RawBundle:
    source: str
    nodes: Any = None  # /nodes, `sinfo --json` (either layout)
    jobs: Any = None  # /jobs, `squeue --json`
    partitions: Any = None  # /partitions JSON, or `scontrol show partition` text
    reservations: Any = None  # /reservations JSON, or `scontrol show reservation` text
    taken_at: datetime | None = None  # None: "now", filled in by the caller's clock
    host: str | None = None

    def to_data(self) -> slurm.SlurmData:
        nodes, sinfo_partitions = slurm.parse_nodes(self.nodes)
        partitions = slurm.parse_partitions(self.partitions) or sinfo_partitions
        docs = (self.nodes, self.jobs, self.partitions, self.reservations)
        return slurm.SlurmData(
            nodes=tuple(nodes),
            jobs=tuple(slurm.parse_jobs(self.jobs)),
            partitions=tuple(partitions),
            reservations=tuple(slurm.parse_reservations(self.reservations)),
            slurm_version=next(filter(None, map(slurm.slurm_version, docs)), None),
            api_version=next(filter(None, map(slurm.api_version, docs)), None),
        )

    def to_snapshot(self) -> dict[str, Any]:
        return {
            "format": SNAPSHOT_FORMAT,
            "taken_at": self.taken_at.isoformat() if self.taken_at else None,
            "host": self.host,
            "source": self.source,
            "sinfo": self.nodes,
            "squeue": self.jobs,
            "partitions": self.partitions,
            "reservations": self.reservations,
        }

    @classmethod
    def from_snapshot(cls, document: Any) -> RawBundle:
        if not isinstance(document, dict) or document.get("format") != SNAPSHOT_FORMAT:
            raise SnapshotFormatError(
                f'not an hpcbot queue snapshot (expected "format": "{SNAPSHOT_FORMAT}"); '
                "produce one with `hpcbot queue-snapshot --output FILE` on the cluster"
            )
        try:
            taken_at = datetime.fromisoformat(str(document.get("taken_at")))
        except ValueError:
            raise SnapshotFormatError("snapshot has no valid taken_at timestamp") from None
        if taken_at.tzinfo is None:
            raise SnapshotFormatError("snapshot taken_at must include a UTC offset")
        return cls(
            source=str(document.get("source") or "snapshot"),
            nodes=document.get("sinfo"),
            jobs=document.get("squeue"),
            partitions=document.get("partitions"),
            reservations=document.get("reservations"),
            taken_at=taken_at,
            host=document.get("host") if isinstance(document.get("host"), str) else None,
        )

    def dumps(self) -> str:
        return json.dumps(self.to_snapshot(), indent=1, sort_keys=False) + "\n"
