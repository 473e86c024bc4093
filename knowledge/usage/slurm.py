"""Parsers for Slurm's accounting answers: `sacct -P`, `sshare -l -P`, `sreport -P`, and
slurmrestd's slurmdb documents (`/slurmdb/v0.0.38/jobs`, `/associations`; later versions too).

Version-tolerant like the queue's parsers: numbers may be plain or `{"set","infinite","number"}`,
states a string or a list, exit codes a raw wait status, an object or `code:signal` text.
Times in CLI text are read as UTC (the providers run the commands with TZ=UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from knowledge.usage.model import JobCharge

SACCT_FIELDS = (
    "JobID,JobName,User,Account,State,Start,End,ElapsedRaw,AllocTRES,NNodes,Partition,ExitCode"
)
GPU_TRES = "gres/gpu"


def gpus_in_tres(tres: str) -> int:
    """The `gres/gpu=N` count of a TRES string such as `cpu=8,gres/gpu=8,mem=16000M`."""
    for item in tres.split(","):
        key, _, value = item.partition("=")
        if key.strip() == GPU_TRES:
            try:
                return int(float(value))
            except ValueError:
                return 0
    return 0


def _cli_time(text: str) -> datetime | None:
    text = text.strip()
    if not text or text in ("Unknown", "None"):
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)
    except ValueError:
        return None


def _cli_exit(text: str) -> int | None:
    code, _, _signal = text.partition(":")
    return int(code) if code.strip().isdigit() else None


def parse_sacct(text: str) -> list[JobCharge]:
    """`sacct -X -n -P -o SACCT_FIELDS` lines, one job each (steps are not asked for)."""
    jobs = []
    width = len(SACCT_FIELDS.split(","))
    for line in text.splitlines():
        parts = line.split("|")
        if len(parts) < width:
            continue
        job_id, name, user, account, state, start, end, _raw, tres, nodes, partition, code = parts[
            :width
        ]
        jobs.append(
            JobCharge(
                job_id=job_id,
                name=name,
                user=user,
                account=account,
                # "CANCELLED by 0" -> CANCELLED
                state=state.split()[0].upper() if state.strip() else "UNKNOWN",
                start=_cli_time(start),
                end=_cli_time(end),
                gpus=gpus_in_tres(tres),
                nodes=int(nodes) if nodes.isdigit() else 1,
                partition=partition,
                exit_code=_cli_exit(code),
            )
        )
    return jobs


def parse_sshare_limit(text: str, account: str) -> float | None:
    """The account line's `GrpTRESMins` gres/gpu from `sshare -n -P -l -o Account,User,GrpTRESMins`."""
    for line in text.splitlines():
        parts = line.split("|")
        if len(parts) >= 3 and parts[0].strip() == account and not parts[1].strip():
            count = gpus_in_tres(parts[2])
            return float(count) if GPU_TRES + "=" in parts[2] else None
    return None


def parse_sreport(text: str) -> dict[tuple[str, str], float]:
    """`sreport -n -P -t seconds -T gres/gpu cluster AccountUtilizationByUser` ->
    {(account, user or ""): TRES seconds}; the account's own line has user ""."""
    found: dict[tuple[str, str], float] = {}
    for line in text.splitlines():
        parts = line.split("|")
        if len(parts) >= 6 and parts[4] == GPU_TRES:
            try:
                found[(parts[1], parts[2])] = float(parts[5])
            except ValueError:
                continue
    return found


# --------------------------------------------------------------------------- slurmdb (REST)
def _number(value: Any) -> float | None:
    if isinstance(value, dict):
        if value.get("infinite"):
            return None
        return float(value["number"]) if value.get("set") else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return None if value in (4294967294, 4294967295) else float(value)
    return None


def _epoch(value: Any) -> datetime | None:
    number = _number(value)
    if not number:
        return None
    return datetime.fromtimestamp(number, UTC)


def _state(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("current")
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).upper() if value else "UNKNOWN"


def _rest_exit(value: Any) -> int | None:
    if isinstance(value, dict):
        return None if value.get("return_code") is None else int(_number(value["return_code"]) or 0)
    if isinstance(value, int):
        return (value >> 8) & 0xFF
    return None


def _gpus_in_tres_list(items: Any) -> int:
    for item in items or []:
        if isinstance(item, dict) and item.get("type") == "gres" and item.get("name") == "gpu":
            return int(_number(item.get("count")) or 0)
    return 0


def _nodes_in_tres_list(items: Any) -> int:
    for item in items or []:
        if isinstance(item, dict) and item.get("type") == "node":
            return int(_number(item.get("count")) or 1)
    return 1


def parse_slurmdb_jobs(document: Any) -> list[JobCharge]:
    jobs = []
    for job in (document or {}).get("jobs") or []:
        times = job.get("time") or {}
        tres = (job.get("tres") or {}).get("allocated")
        jobs.append(
            JobCharge(
                job_id=str(job.get("job_id")),
                name=str(job.get("name") or ""),
                user=str(job.get("user") or ""),
                account=str(job.get("account") or ""),
                state=_state(job.get("state")),
                start=_epoch(times.get("start")),
                end=_epoch(times.get("end")),
                gpus=_gpus_in_tres_list(tres),
                nodes=_nodes_in_tres_list(tres),
                partition=str(job.get("partition") or ""),
                exit_code=_rest_exit(job.get("exit_code")),
            )
        )
    return jobs


def parse_slurmdb_limit(document: Any, account: str) -> float | None:
    """GrpTRESMins gres/gpu of the account's own association (the one without a user)."""
    for assoc in (document or {}).get("associations") or []:
        if assoc.get("account") != account or assoc.get("user"):
            continue
        minutes = (((assoc.get("max") or {}).get("tres") or {}).get("group") or {}).get("minutes")
        count = _gpus_in_tres_list(minutes)
        return float(count) if count else None
    return None
