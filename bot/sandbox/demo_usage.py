"""Demo usage for the sandbox: `/usage demo` when no project is configured.

The project ships one usage snapshot for it, `demo-usage-snapshot.json`: an invented project
(`demo`, Slurm account `project_demo` on LUMI) with invented jobs, in the format
`hpcbot usage-snapshot` writes, plus a `demo` entry naming the project and its period. It is
read by the real snapshot provider and billed by the catalogue's LUMI rule, like a site's
snapshot. Only its dates move: by whole days, so that the snapshot was taken at 00:00 UTC on
the day the sandbox started (the figures are the same every day; the dates are this year's).
The report is as of that moment, whatever the sandbox clock says later, as a snapshot is.

Every report says where it comes from (`DEMO_USAGE_SOURCE`), so nobody mistakes it for a
real allocation; with HPCBOT_USAGE_CONFIG listing projects the sandbox shows those instead.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from knowledge.queue import SnapshotSource
from knowledge.usage import (
    AccountUsage,
    JobCharge,
    RuleLookup,
    SnapshotUsageProvider,
    UsageService,
    parse_usage_config,
)

DEMO_USAGE_SNAPSHOT = Path(__file__).resolve().with_name("demo-usage-snapshot.json")
DEMO_USAGE_SOURCE = "sandbox demo data (invented jobs; set HPCBOT_USAGE_CONFIG for real projects)"


class ReplayedSnapshot:
    """A `UsageProvider`: the shipped snapshot, read by the real snapshot provider, with every
    time in it moved `shift` later."""

    name = "demo"

    def __init__(self, source: SnapshotSource, taken_at: datetime, shift: timedelta) -> None:
        # As old as when it was taken: never stale.
        self._snapshot = SnapshotUsageProvider(source, clock=lambda: taken_at)
        self.shift = shift

    def fetch(self, account: str, since: datetime, timeout: float) -> AccountUsage:
        usage = self._snapshot.fetch(account, since - self.shift, timeout)
        return replace(
            usage,
            jobs=tuple(self._moved(job) for job in usage.jobs),
            taken_at=usage.taken_at + self.shift,
            source=DEMO_USAGE_SOURCE,
        )

    def job(self, job_id: str, timeout: float) -> JobCharge | None:
        job = self._snapshot.job(job_id, timeout)
        return None if job is None else self._moved(job)

    def _moved(self, job: JobCharge) -> JobCharge:
        return replace(
            job,
            start=None if job.start is None else job.start + self.shift,
            end=None if job.end is None else job.end + self.shift,
        )

    def close(self) -> None:
        self._snapshot.close()


def demo_usage_service(
    today: date, rules: RuleLookup, snapshot: Path = DEMO_USAGE_SNAPSHOT
) -> UsageService:
    """The demo project's usage, its snapshot taken at 00:00 UTC on `today`."""
    document: dict[str, Any] = json.loads(snapshot.read_text(encoding="utf-8"))
    demo = document["demo"]
    taken_at = datetime.fromisoformat(document["taken_at"]).astimezone(UTC)
    shift = timedelta(days=(today - taken_at.date()).days)
    config = parse_usage_config(
        {
            "machines": {demo["machine"]: {"provider": "snapshot", "path": str(snapshot)}},
            "projects": {
                demo["project"]: {
                    "machine": demo["machine"],
                    "account": demo["account"],
                    "start": date.fromisoformat(demo["start"]) + shift,
                    "end": date.fromisoformat(demo["end"]) + shift,
                }
            },
        },
        origin=str(snapshot),
    )
    now = taken_at + shift
    return UsageService(
        config,
        rules=rules,
        clock=lambda: now,
        provider_factory=lambda source: ReplayedSnapshot(source, taken_at, shift),
    )
