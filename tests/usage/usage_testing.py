"""Helpers shared by the usage tests (imported by conftest and test modules)."""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from knowledge.usage import SNAPSHOT_FORMAT

UNFINISHED = frozenset({"PENDING", "RUNNING", "COMPLETING", "REQUEUED", "RESIZING", "SUSPENDED"})


def run(*argv: str, check: bool = True) -> str:
    """A Slurm command's stdout, with times in UTC and no JWT hijacking the CLI."""
    env = {k: v for k, v in os.environ.items() if k != "SLURM_JWT"} | {"TZ": "UTC"}
    return subprocess.run(
        argv, capture_output=True, text=True, check=check, timeout=60, env=env
    ).stdout


def wait_recorded(*selection: str, count: int | None = None, timeout: float = 90) -> list[str]:
    """The states of the jobs `sacct -X <selection>` lists, once every one has ended and
    slurmdbd holds its eligible time too (and there are `count` of them, if given).

    slurmctld sends a job's record in pieces; a short job can be COMPLETED in slurmdbd before
    its eligible time arrives, and until then a rollup leaves it out of `sreport`.
    """
    deadline = time.monotonic() + timeout
    while True:
        out = run("sacct", "-X", "-n", "-P", *selection, "-o", "State,Eligible")
        rows = [line.split("|") for line in out.splitlines()]
        states = [state for state, _ in rows]
        ended = all(s.split()[0] not in UNFINISHED and e != "Unknown" for s, e in rows)
        if ended and (count is None or len(rows) == count):
            return states
        if time.monotonic() > deadline:
            raise AssertionError(f"jobs {selection} not ended and recorded in time: {rows}")
        time.sleep(0.5)


def sacct_line(
    job: int,
    user: str,
    start: datetime,
    end: datetime | None,
    gpus: int,
    partition: str,
    account: str = "project_a",
) -> str:
    stamp = "%Y-%m-%dT%H:%M:%S"
    finish = end.strftime(stamp) if end else "Unknown"
    state = "COMPLETED" if end else "RUNNING"
    return (
        f"{job}|train|{user}|{account}|{state}|{start.strftime(stamp)}|{finish}|0|"
        f"cpu=8,gres/gpu={gpus},node=1|1|{partition}|0:0"
    )


def write_snapshot(
    path: Path, taken: datetime, since: datetime, accounts: dict[str, tuple[int, list[str]]]
) -> None:
    """A snapshot file as `hpcbot usage-snapshot` writes it: per account, its GPU-minute limit
    (an `sshare` line) and its jobs (`sacct` lines)."""
    snapshot = {
        "format": SNAPSHOT_FORMAT,
        "taken_at": taken.isoformat(),
        "host": "uan01",
        "since": since.isoformat(),
        "accounts": {
            account: {
                "sshare": f"{account}||gres/gpu={minutes}\n",
                "sacct": "\n".join(lines) + "\n",
            }
            for account, (minutes, lines) in accounts.items()
        },
    }
    path.write_text(json.dumps(snapshot))


def write_usage_files(tmp: Path, today: date, minutes: int = 6000) -> Path:
    """A snapshot (as `hpcbot usage-snapshot` writes it, taken now) of project_a on lumi: two
    users, 10 days into a 30-day period; and the usage config naming it. Returns the config."""
    now = datetime.now(UTC)
    start = datetime.combine(today - timedelta(days=10), datetime.min.time(), tzinfo=UTC)
    lines = [
        sacct_line(1, "alice", start + timedelta(days=1), start + timedelta(days=3), 8, "small-g"),
        sacct_line(2, "bob", start + timedelta(days=5), start + timedelta(days=6), 4, "small-g"),
    ]
    write_snapshot(tmp / "usage-snapshot.json", now, start, {"project_a": (minutes, lines)})
    config = tmp / "usage.yaml"
    config.write_text(
        "machines:\n"
        f"  lumi: {{provider: snapshot, path: {tmp / 'usage-snapshot.json'}}}\n"
        "projects:\n"
        f"  alpha: {{machine: lumi, account: project_a, start: {start.date()}, "
        f"end: {today + timedelta(days=19)}}}\n"
    )
    return config
