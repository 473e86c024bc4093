"""Ways into a cluster's accounting, all behind `UsageProvider`; `build_usage_provider` picks one.

They reuse the queue's transports (same config shapes, same auth and error rules):

    slurmrestd   GET /slurmdb/<v>/associations and /slurmdb/<v>/jobs?account=&start_time=
    slurm-cli    sshare -l (the limit) and sacct -X (the jobs), locally or over `ssh`
    snapshot     a file or URL written by `hpcbot usage-snapshot` on the cluster (cron)
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, Protocol

from knowledge.clock import Clock
from knowledge.queue.config import MachineSource, SlurmCliSource, SlurmRestdSource, SnapshotSource
from knowledge.queue.providers.base import Deadline, FetchError
from knowledge.queue.providers.slurm_cli import SlurmCliProvider
from knowledge.queue.providers.slurmrestd import SlurmRestdProvider
from knowledge.queue.providers.snapshot import SnapshotProvider
from knowledge.usage import slurm
from knowledge.usage.model import AccountUsage, JobCharge

SNAPSHOT_FORMAT = "hpcbot-usage-snapshot/1"


class UsageProvider(Protocol):
    name: str

    def fetch(self, account: str, since: datetime, timeout: float) -> AccountUsage:
        """The account's GPU-minute limit and its jobs that ran since `since`, or FetchError."""
        ...

    def job(self, job_id: str, timeout: float) -> JobCharge | None:
        """One job as accounting knows it (None: not known)."""
        ...

    def close(self) -> None: ...


def _day(since: datetime) -> str:
    return f"{since.astimezone(UTC):%Y-%m-%d}"


class RestUsageProvider(SlurmRestdProvider):
    """slurmrestd's slurmdb API (Slurm 22.05: openapi/dbv0.0.38; 23.11+: openapi/slurmdbd)."""

    name = "slurmrestd"

    def fetch(self, account: str, since: datetime, timeout: float) -> AccountUsage:  # type: ignore[override]
        deadline = Deadline(timeout)
        headers = self._headers()
        version = self._api_version or self._discover(headers, deadline)
        taken_at = datetime.now(UTC)
        # 22.05 takes dates (not times) in start_time; jobs are clipped to the period later.
        paths = (
            f"/slurmdb/{version}/associations",
            f"/slurmdb/{version}/jobs?account={account}&start_time={_day(since)}",
        )
        # In parallel: each slurmdb request costs slurmrestd a slurmdbd connection (~0.2 s).
        with ThreadPoolExecutor(max_workers=len(paths)) as pool:
            futures = [pool.submit(self._get, p, headers, deadline, False) for p in paths]
            associations, jobs = (f.result() for f in futures)
        return AccountUsage(
            account=account,
            limit_gpu_minutes=slurm.parse_slurmdb_limit(associations, account),
            jobs=tuple(j for j in slurm.parse_slurmdb_jobs(jobs) if j.account == account),
            taken_at=taken_at,
            source=self.name,
        )

    def job(self, job_id: str, timeout: float) -> JobCharge | None:
        if not job_id.isdigit():
            return None
        deadline = Deadline(timeout)
        headers = self._headers()
        version = self._api_version or self._discover(headers, deadline)
        response = self._request(f"/slurmdb/{version}/job/{job_id}", headers, deadline)
        self._raise_for_auth(response)
        try:
            document = response.json()
        except ValueError:
            return None
        found = slurm.parse_slurmdb_jobs(document) if response.status_code == 200 else []
        return found[0] if found else None


class CliUsageProvider(SlurmCliProvider):
    """`sshare` and `sacct`, run here or through `command_prefix` (e.g. `ssh lumi`)."""

    name = "slurm-cli"

    def fetch(self, account: str, since: datetime, timeout: float) -> AccountUsage:  # type: ignore[override]
        deadline = Deadline(timeout)
        taken_at = datetime.now(UTC)
        shares = self._run(sshare_argv(account), deadline)
        jobs = self._run(sacct_argv(account, since), deadline)
        return AccountUsage(
            account=account,
            limit_gpu_minutes=slurm.parse_sshare_limit(shares, account),
            jobs=tuple(slurm.parse_sacct(jobs)),
            taken_at=taken_at,
            source=self.name,
        )

    def job(self, job_id: str, timeout: float) -> JobCharge | None:
        if not job_id.isdigit():
            return None
        text = self._run(
            ["sacct", "-X", "-n", "-P", "-j", job_id, "-o", slurm.SACCT_FIELDS], Deadline(timeout)
        )
        found = slurm.parse_sacct(text)
        return found[0] if found else None

    def snapshot(self, accounts: Iterable[str], since: datetime, timeout: float) -> dict[str, Any]:
        """The document `hpcbot usage-snapshot` publishes: raw `sshare`/`sacct` text per account."""
        taken_at = datetime.now(UTC)
        deadline = Deadline(timeout)
        return {
            "format": SNAPSHOT_FORMAT,
            "taken_at": taken_at.isoformat(),
            "host": None if self.source.command_prefix else socket.gethostname(),
            "since": since.astimezone(UTC).isoformat(),
            "accounts": {
                account: {
                    "sshare": self._run(sshare_argv(account), deadline),
                    "sacct": self._run(sacct_argv(account, since), deadline),
                }
                for account in accounts
            },
        }


def sshare_argv(account: str) -> list[str]:
    return ["sshare", "-n", "-P", "-l", "-A", account, "-o", "Account,User,GrpTRESMins"]


def sacct_argv(account: str, since: datetime) -> list[str]:
    start = f"{since.astimezone(UTC):%Y-%m-%dT%H:%M:%S}"
    return ["sacct", "-a", "-X", "-n", "-P", "-A", account, "-S", start, "-E", "now"] + [
        "-o",
        slurm.SACCT_FIELDS,
    ]


class SnapshotUsageProvider(SnapshotProvider):
    """Reads what `hpcbot usage-snapshot` wrote; stale after the source's `max_age_seconds`."""

    name = "snapshot"

    def fetch(self, account: str, since: datetime, timeout: float) -> AccountUsage:  # type: ignore[override]
        document = self._document(timeout)
        entry = (document.get("accounts") or {}).get(account)
        if not isinstance(entry, dict):
            raise FetchError(f"the usage snapshot has no account {account}")
        covered = _instant(document.get("since"))
        if covered is not None and covered > since:
            raise FetchError(
                f"the usage snapshot starts {covered:%Y-%m-%d}, after the period starts; run "
                "`hpcbot usage-snapshot --since` with the period's first day"
            )
        return AccountUsage(
            account=account,
            limit_gpu_minutes=slurm.parse_sshare_limit(str(entry.get("sshare") or ""), account),
            jobs=tuple(slurm.parse_sacct(str(entry.get("sacct") or ""))),
            taken_at=_instant(document.get("taken_at")) or self._clock(),
            source=self.name,
        )

    def job(self, job_id: str, timeout: float) -> JobCharge | None:
        document = self._document(timeout)
        for entry in (document.get("accounts") or {}).values():
            for job in slurm.parse_sacct(str(entry.get("sacct") or "")):
                if job.job_id == job_id:
                    return job
        return None

    def _document(self, timeout: float) -> dict[str, Any]:
        document = self._read(Deadline(timeout))
        if not isinstance(document, dict) or document.get("format") != SNAPSHOT_FORMAT:
            raise FetchError(f"not an hpcbot usage snapshot (expected format {SNAPSHOT_FORMAT})")
        taken = _instant(document.get("taken_at"))
        if taken is None:
            raise FetchError("the usage snapshot has no taken_at time")
        age = (self._clock() - taken).total_seconds()
        if age > self.source.max_age_seconds:
            raise FetchError(
                f"the usage snapshot is {age / 3600:.0f} h old; is the `hpcbot usage-snapshot` "
                "cron job on the cluster still running?"
            )
        return document


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def write_snapshot(document: Mapping[str, Any]) -> str:
    return json.dumps(document, indent=1, sort_keys=True) + "\n"


def build_usage_provider(
    source: MachineSource,
    *,
    environ: Mapping[str, str] | None = None,
    clock: Clock | None = None,
) -> UsageProvider:
    if isinstance(source, SlurmRestdSource):
        return RestUsageProvider(source, environ=environ)
    if isinstance(source, SlurmCliSource):
        return CliUsageProvider(source, environ=environ)
    assert isinstance(source, SnapshotSource)
    return SnapshotUsageProvider(source, clock=clock) if clock else SnapshotUsageProvider(source)
