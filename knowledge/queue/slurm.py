"""Read Slurm's output, whatever its version, into small normalised records.

Handles REST and `--json` output from openapi v0.0.38 (Slurm 22.05) through data_parser v0.0.44
(25.11), the `sinfo[]` layout of `sinfo --json` since 23.02, and `scontrol show partition|
reservation` text (22.05 has no `scontrol --json`). The rules follow the parser recipe in the
Slurm test-cluster README: numbers may be `{set, infinite, number}` objects or NO_VAL markers,
states may be strings or lists, and any field may be missing. Nothing here raises on odd input;
unknown shapes give empty or `None` values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from typing import Any

# Slurm's NO_VAL / INFINITE markers for 32-bit (and 16-bit) fields.
_NO_VALUES = {4294967294, 4294967295, 65534, 65535}


@dataclass(frozen=True)
class Node:
    name: str
    states: tuple[str, ...] = ()
    cpus: int = 0
    alloc_cpus: int = 0
    gres: str = ""
    gres_used: str = ""
    partitions: tuple[str, ...] = ()
    reason: str = ""

    @property
    def base_state(self) -> str:
        return self.states[0] if self.states else "UNKNOWN"

    @property
    def flags(self) -> tuple[str, ...]:
        return self.states[1:]


@dataclass(frozen=True)
class Job:
    job_id: int | None
    partitions: tuple[str, ...] = ()
    state: str = "UNKNOWN"
    reason: str = ""
    description: str = ""
    submit_time: datetime | None = None
    eligible_time: datetime | None = None
    start_time: datetime | None = None
    node_count: int | None = None


@dataclass(frozen=True)
class Partition:
    name: str
    state: str | None = None
    time_limit_s: int | None = None
    total_nodes: int | None = None
    total_cpus: int | None = None
    node_list: str = ""
    default: bool = False


@dataclass(frozen=True)
class ReservationRecord:
    name: str
    start: datetime | None = None
    end: datetime | None = None
    node_count: int | None = None
    node_list: str = ""
    flags: tuple[str, ...] = ()
    partition: str | None = None


@dataclass(frozen=True)
class SlurmData:
    """Everything one fetch learned about a cluster, normalised."""

    nodes: tuple[Node, ...] = ()
    jobs: tuple[Job, ...] = ()
    partitions: tuple[Partition, ...] = ()
    reservations: tuple[ReservationRecord, ...] = ()
    slurm_version: str | None = None
    api_version: str | None = None
    warnings: tuple[str, ...] = field(default=())


# --- scalars -------------------------------------------------------------------------------


def number(value: Any) -> int | None:
    """An integer, or None for unset, infinite, NO_VAL or anything that is not a number."""
    if isinstance(value, Mapping):
        if value.get("infinite") or not value.get("set", False):
            return None
        value = value.get("number")
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value)
        else:
            return None
    as_int = int(value)
    return None if as_int in _NO_VALUES else as_int


def is_infinite(value: Any) -> bool:
    if isinstance(value, Mapping):
        return bool(value.get("infinite"))
    return bool(value == 4294967295 or value == -1)


def timestamp(value: Any) -> datetime | None:
    """Epoch seconds to an aware UTC datetime; 0 means "not set" in Slurm's time fields."""
    seconds = number(value)
    if seconds is None or seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def string_list(value: Any) -> tuple[str, ...]:
    """A list of strings from a list or a comma-separated string."""
    if isinstance(value, str):
        return tuple(part for part in (p.strip() for p in value.split(",")) if part)
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str) and item)
    return ()


def states(value: Any, extra_flags: Any = None) -> tuple[str, ...]:
    """Base state first, then flags, upper-cased: "idle"+["DRAIN"] and ["IDLE","DRAIN"] agree."""
    found = [s.upper() for s in string_list(value)]
    found += [s.upper() for s in string_list(extra_flags) if s.upper() not in found]
    return tuple(found)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _items(doc: Any, key: str) -> list[Mapping[str, Any]]:
    items = _mapping(doc).get(key)
    return [item for item in items if isinstance(item, Mapping)] if isinstance(items, list) else []


# --- meta ----------------------------------------------------------------------------------


def api_version(doc: Any) -> str | None:
    """ "v0.0.42" from `meta.plugin.data_parser`, else from `meta.plugin.type` (22.05)."""
    plugin = _mapping(_mapping(_mapping(doc).get("meta")).get("plugin"))
    for key in ("data_parser", "type"):
        match = re.search(r"v\d+\.\d+\.\d+", text(plugin.get(key)))
        if match:
            return match.group(0)
    return None


def slurm_version(doc: Any) -> str | None:
    meta = _mapping(_mapping(doc).get("meta"))
    for key in ("slurm", "Slurm"):  # lowercase from v0.0.40 on
        release = text(_mapping(meta.get(key)).get("release"))
        if release:
            return release
    return None


def errors(doc: Any) -> list[str]:
    """Slurm's `errors[]` entries as readable strings."""
    found = []
    for item in _items(doc, "errors"):
        parts = [text(item.get(k)) for k in ("description", "error", "source")]
        found.append(": ".join(p for p in parts if p) or "unknown error")
    return found


# --- records from JSON ---------------------------------------------------------------------


def parse_node(raw: Mapping[str, Any]) -> Node:
    return Node(
        name=text(raw.get("name")),
        states=states(raw.get("state"), raw.get("state_flags")),
        cpus=number(raw.get("cpus")) or 0,
        alloc_cpus=number(raw.get("alloc_cpus")) or 0,
        gres=text(raw.get("gres")),
        gres_used=text(raw.get("gres_used")),
        partitions=string_list(raw.get("partitions")),
        reason=text(raw.get("reason")),
    )


def parse_job(raw: Mapping[str, Any]) -> Job:
    job_states = states(raw.get("job_state"))
    return Job(
        job_id=number(raw.get("job_id")),
        partitions=string_list(raw.get("partition")),
        state=job_states[0] if job_states else "UNKNOWN",
        reason=text(raw.get("state_reason")),
        description=text(raw.get("state_description")),
        submit_time=timestamp(raw.get("submit_time")),
        eligible_time=timestamp(raw.get("eligible_time")),
        start_time=timestamp(raw.get("start_time")),
        node_count=number(raw.get("node_count")),
    )


def parse_partition(raw: Mapping[str, Any]) -> Partition:
    nested = _mapping(raw.get("partition"))
    if nested or "maximums" in raw:  # v0.0.39+: nested objects
        nodes = _mapping(raw.get("nodes"))
        state = states(nested.get("state"))
        return Partition(
            name=text(raw.get("name")),
            state=state[0] if state else None,
            time_limit_s=_minutes_to_seconds(number(_mapping(raw.get("maximums")).get("time"))),
            total_nodes=number(nodes.get("total")),
            total_cpus=number(_mapping(raw.get("cpus")).get("total")),
            node_list=text(nodes.get("configured")),
            # 24.11 JSON has no "default" flag; only scontrol text (Default=YES) tells.
        )
    state = states(raw.get("state"))
    return Partition(
        name=text(raw.get("name")),
        state=state[0] if state else None,
        time_limit_s=_minutes_to_seconds(number(raw.get("max_time_limit"))),
        total_nodes=number(raw.get("total_nodes")),
        total_cpus=number(raw.get("total_cpus")),
        node_list=text(raw.get("nodes")),
        default="DEFAULT" in states(raw.get("flags")),
    )


def parse_reservation(raw: Mapping[str, Any]) -> ReservationRecord:
    return ReservationRecord(
        name=text(raw.get("name")),
        start=timestamp(raw.get("start_time")),
        end=timestamp(raw.get("end_time")),
        node_count=number(raw.get("node_count")),
        node_list=text(raw.get("node_list")),
        flags=states(raw.get("flags")),
        partition=text(raw.get("partition")) or None,
    )


def parse_nodes(doc: Any) -> tuple[list[Node], list[Partition]]:
    """Nodes from `/nodes`, 22.05 `sinfo --json`, `scontrol --json show node`, or `sinfo[]`.

    The `sinfo[]` layout (23.02+) groups nodes per partition and state, so it also yields the
    partitions it embeds.
    """
    if isinstance(_mapping(doc).get("sinfo"), list):
        return _nodes_from_sinfo(_items(doc, "sinfo"))
    return [parse_node(raw) for raw in _items(doc, "nodes")], []


def _nodes_from_sinfo(groups: Iterable[Mapping[str, Any]]) -> tuple[list[Node], list[Partition]]:
    nodes: dict[str, Node] = {}
    partitions: dict[str, Partition] = {}
    for group in groups:
        partition = parse_partition(_mapping(group.get("partition")))
        if partition.name:
            partitions.setdefault(partition.name, partition)
        counts = _mapping(group.get("nodes"))
        cpus = _mapping(group.get("cpus"))
        gres = _mapping(group.get("gres"))
        names = list(string_list(counts.get("nodes")))
        total = number(counts.get("total")) or len(names)
        if not names:  # names are optional; invent per-partition ones so counts still add up
            names = [f"{partition.name}#{len(nodes) + i}" for i in range(total)]
        per_node = max(len(names), 1)
        # A group can hold several nodes but reports GRES per node, and CPUs summed; split the
        # sums evenly. Exact for the usual case of identical nodes in one state group.
        for name in names:
            known = nodes.get(name)
            if known is not None:
                if partition.name and partition.name not in known.partitions:
                    nodes[name] = replace(known, partitions=(*known.partitions, partition.name))
                continue
            nodes[name] = Node(
                name=name,
                states=states(_mapping(group.get("node")).get("state")),
                cpus=(number(cpus.get("total")) or 0) // per_node,
                alloc_cpus=(number(cpus.get("allocated")) or 0) // per_node,
                gres=text(gres.get("total")),
                gres_used=text(gres.get("used")),
                partitions=(partition.name,) if partition.name else (),
                reason=text(_mapping(group.get("reason")).get("description")),
            )
    return list(nodes.values()), list(partitions.values())


def parse_jobs(doc: Any) -> list[Job]:
    return [parse_job(raw) for raw in _items(doc, "jobs")]


def parse_partitions(doc: Any) -> list[Partition]:
    if isinstance(doc, str):
        return [_partition_from_text(record) for record in scontrol_records(doc)]
    return [parse_partition(raw) for raw in _items(doc, "partitions")]


def parse_reservations(doc: Any, tz: tzinfo = UTC) -> list[ReservationRecord]:
    if isinstance(doc, str):
        return [_reservation_from_text(record, tz) for record in scontrol_records(doc)]
    return [parse_reservation(raw) for raw in _items(doc, "reservations")]


# --- scontrol text -------------------------------------------------------------------------


def scontrol_records(output: str) -> list[dict[str, str]]:
    """`scontrol show …` output (multi-line or `--oneliner`) as one dict per record.

    A record starts on a line without leading whitespace; tokens are `Key=Value`, and a token
    without "=" continues the previous value (values such as Reason= may contain spaces).
    """
    records: list[dict[str, str]] = []
    for line in output.splitlines():
        if not line.strip():
            continue
        tokens = line.split()
        if not line[0].isspace() or not records:
            if "=" not in tokens[0]:  # "No reservations in the system", warnings, …
                continue
            records.append({})
        record = records[-1]
        last_key = None
        for token in tokens:
            key, sep, value = token.partition("=")
            if sep and key and (key[0].isalpha()):
                record[key] = value
                last_key = key
            elif last_key is not None:
                record[last_key] += " " + token
    return records


def _minutes_to_seconds(minutes: int | None) -> int | None:
    # 22.05 writes "unlimited" as -1 in some fields; a negative limit is no limit.
    return minutes * 60 if minutes is not None and minutes >= 0 else None


def _none_if_null(value: str | None) -> str | None:
    return None if value in (None, "", "(null)", "N/A", "NONE") else value


def duration_seconds(value: str | None) -> int | None:
    """Slurm's `[days-]hours:minutes:seconds` (or `minutes[:seconds]`) in seconds."""
    if value is None or value.upper() in ("UNLIMITED", "INFINITE", "NONE", "N/A", ""):
        return None
    match = re.fullmatch(r"(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?", value.strip())
    if not match:
        return None
    days, first, second, third = match.groups()
    if days is not None or third is not None:  # d-h[:m[:s]] or h:m:s
        hours, minutes, seconds = int(first), int(second or 0), int(third or 0)
    else:  # m or m:s
        hours, minutes, seconds = 0, int(first), int(second or 0)
    return ((int(days or 0) * 24 + hours) * 60 + minutes) * 60 + seconds


def _local_time(value: str | None, tz: tzinfo) -> datetime | None:
    value = _none_if_null(value)
    if value is None or value.lower() == "unknown":
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)).astimezone(UTC)


def _int_or_none(value: str | None) -> int | None:
    value = _none_if_null(value)
    return int(value) if value is not None and value.isdigit() else None


def _partition_from_text(record: Mapping[str, str]) -> Partition:
    return Partition(
        name=record.get("PartitionName", ""),
        state=_none_if_null(record.get("State")),
        time_limit_s=duration_seconds(record.get("MaxTime")),
        total_nodes=_int_or_none(record.get("TotalNodes")),
        total_cpus=_int_or_none(record.get("TotalCPUs")),
        node_list=_none_if_null(record.get("Nodes")) or "",
        default=record.get("Default", "").upper() == "YES",
    )


def _reservation_from_text(record: Mapping[str, str], tz: tzinfo) -> ReservationRecord:
    return ReservationRecord(
        name=record.get("ReservationName", ""),
        start=_local_time(record.get("StartTime"), tz),
        end=_local_time(record.get("EndTime"), tz),
        node_count=_int_or_none(record.get("NodeCnt")),
        node_list=_none_if_null(record.get("Nodes")) or "",
        flags=states(_none_if_null(record.get("Flags")) or ""),
        partition=_none_if_null(record.get("PartitionName")),
    )
