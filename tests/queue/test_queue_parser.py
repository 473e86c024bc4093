"""The normaliser reads every real capture from Slurm 22.05 and 24.11 without crashing, and
gets the numbers right on the ones whose contents we know (see the captures README workload)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from queue_testing import CAPTURES, V22, V24

from knowledge.queue import slurm
from knowledge.queue.bundle import RawBundle

JSON_CAPTURES = sorted(CAPTURES.glob("*/*/*.json"))
TEXT_CAPTURES = sorted(CAPTURES.glob("*/cli/*.txt"))


def _load(path: Path) -> Any:
    raw = path.read_text(encoding="utf-8")
    try:
        return json.loads(raw)
    except ValueError:
        return raw  # some "*.json" captures are plain-text error bodies


def test_there_are_captures_to_test() -> None:
    assert len(JSON_CAPTURES) >= 90 and len(TEXT_CAPTURES) >= 50


@pytest.mark.parametrize("path", JSON_CAPTURES, ids=lambda p: str(p.relative_to(CAPTURES)))
def test_every_json_capture_parses_without_crashing(path: Path) -> None:
    doc = _load(path)
    nodes, partitions = slurm.parse_nodes(doc)
    jobs = slurm.parse_jobs(doc)
    partitions += slurm.parse_partitions(doc if isinstance(doc, dict) else None)
    reservations = slurm.parse_reservations(doc if isinstance(doc, dict) else None)
    bundle = RawBundle("test", nodes=doc, jobs=doc, partitions=doc, reservations=doc)
    bundle.to_data()
    assert all(isinstance(n.name, str) for n in nodes)
    assert all(j.state.isupper() for j in jobs)
    assert all(p.name for p in partitions) and all(r.name for r in reservations)


@pytest.mark.parametrize("path", TEXT_CAPTURES, ids=lambda p: str(p.relative_to(CAPTURES)))
def test_every_text_capture_parses_without_crashing(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    records = slurm.scontrol_records(text)
    slurm.parse_partitions(text)
    slurm.parse_reservations(text)
    if path.name.startswith(("scontrol_show_partition", "scontrol_show_reservation")):
        assert records and all(len(r) > 5 for r in records)


@pytest.mark.parametrize(
    "nodes_file",
    [
        V22 / "rest/nodes.json",
        V22 / "cli/sinfo.json",
        V24 / "rest/nodes.json",
        V24 / "rest/v0.0.40_nodes.json",
        V24 / "rest/v0.0.41_nodes.json",
        V24 / "cli/sinfo.json",
        V24 / "cli/sinfo_json_v0.0.40.json",
        V24 / "cli/sinfo_json_v0.0.41.json",
    ],
    ids=lambda p: str(p.relative_to(CAPTURES)),
)
def test_nodes_read_alike_across_versions_and_layouts(nodes_file: Path) -> None:
    nodes, _ = slurm.parse_nodes(_load(nodes_file))
    by_name = {n.name: n for n in nodes}
    assert sorted(by_name) == ["nid000001", "nid000002", "nid000003", "nid000004"]
    drained = by_name["nid000004"]
    assert drained.states[:2] == ("IDLE", "DRAIN")
    assert drained.gres == "gpu:mi250:8" and drained.cpus == 8 and drained.alloc_cpus == 0
    assert set(drained.partitions) == {"standard-g", "small-g", "dev-g"}
    assert by_name["nid000001"].base_state == "ALLOCATED"
    assert by_name["nid000003"].base_state == "MIXED"
    assert by_name["nid000003"].alloc_cpus == 7


@pytest.mark.parametrize(
    "jobs_file",
    [
        V22 / "rest/jobs.json",
        V22 / "cli/squeue.json",
        V24 / "rest/jobs.json",
        V24 / "rest/v0.0.40_jobs.json",
        V24 / "rest/v0.0.41_jobs.json",
    ],
    ids=lambda p: str(p.relative_to(CAPTURES)),
)
def test_jobs_read_alike_across_versions(jobs_file: Path) -> None:
    jobs = {j.job_id: j for j in slurm.parse_jobs(_load(jobs_file))}
    assert len(jobs) == 13
    assert jobs[3].state == "RUNNING" and jobs[3].partitions == ("standard-g",)
    assert jobs[6].state == "PENDING" and jobs[6].reason == "Resources"
    assert jobs[6].description.startswith("Nodes required for job are DOWN, DRAINED")
    assert jobs[6].start_time is None  # Slurm writes 0 for "no estimate"
    assert jobs[7].start_time is not None and jobs[7].start_time > jobs[7].submit_time  # type: ignore[operator]
    assert jobs[8].reason == "JobHeldUser" and jobs[8].eligible_time is None
    assert jobs[2].state == "FAILED"


def test_partitions_from_22_05_rest() -> None:
    parts = {p.name: p for p in slurm.parse_partitions(_load(V22 / "rest/partitions.json"))}
    assert parts["standard-g"].time_limit_s == 2 * 86400 and parts["standard-g"].default
    assert parts["small-g"].time_limit_s == 3 * 86400
    assert parts["dev-g"].time_limit_s == 3 * 3600 and parts["dev-g"].total_nodes == 2


def test_partitions_from_24_11_rest_match_scontrol_text() -> None:
    from_json = slurm.parse_partitions(_load(V24 / "rest/partitions.json"))
    from_text = slurm.parse_partitions((V24 / "cli/scontrol_show_partition.txt").read_text())
    key = [(p.name, p.state, p.time_limit_s, p.total_nodes, p.total_cpus) for p in from_json]
    assert key == [
        (p.name, p.state, p.time_limit_s, p.total_nodes, p.total_cpus) for p in from_text
    ]
    assert [p.default for p in from_text] == [True, False, False]


@pytest.mark.parametrize("version", [V22, V24], ids=["22.05", "24.11"])
def test_reservation_json_and_text_agree(version: Path) -> None:
    (from_json,) = slurm.parse_reservations(_load(version / "rest/reservations.json"))
    (from_text,) = slurm.parse_reservations(
        (version / "cli/scontrol_show_reservation.txt").read_text(), tz=UTC
    )
    assert from_json.name == from_text.name == "maint-2w"
    assert from_json.node_count == from_text.node_count == 4
    assert "MAINT" in from_json.flags and "MAINT" in from_text.flags
    assert from_text.end is not None and from_text.start is not None
    assert (from_text.end - from_text.start).total_seconds() == 4 * 3600
    # The JSON is exact; the text was printed in UTC on the capture machine.
    assert from_json.start == from_text.start


@pytest.mark.parametrize(
    "value, expected",
    [
        (42, 42),
        (None, None),
        (4294967294, None),  # NO_VAL
        (4294967295, None),  # INFINITE
        ({"set": True, "infinite": False, "number": 7}, 7),
        ({"set": False, "infinite": True, "number": 0}, None),
        ({"set": False, "infinite": False, "number": 0}, None),
        ("12", 12),
        ("n/a", None),
        (True, None),
        ([1], None),
    ],
)
def test_number_handles_every_slurm_spelling(value: Any, expected: int | None) -> None:
    assert slurm.number(value) == expected


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("2-00:00:00", 172800),
        ("3:00:00", 10800),
        ("01:00:00", 3600),
        ("30:00", 1800),
        ("45", 2700),
        ("UNLIMITED", None),
        ("garbage", None),
    ],
)
def test_slurm_durations(text: str, seconds: int | None) -> None:
    assert slurm.duration_seconds(text) == seconds


def test_states_normalise_22_05_and_24_11_spellings() -> None:
    assert slurm.states("idle", ["DRAIN"]) == slurm.states(["IDLE", "DRAIN"]) == ("IDLE", "DRAIN")
    assert slurm.states("PENDING") == ("PENDING",)
    assert slurm.states(None) == ()


def test_unknown_and_missing_fields_never_crash() -> None:
    odd = {
        "nodes": [{}, {"state": 5, "cpus": "x", "partitions": "a,b"}, "junk"],
        "jobs": [{"job_state": None, "submit_time": {"set": True, "number": "soon"}}],
        "partitions": [{"partition": {"state": 1}}, {"name": "p", "max_time_limit": -1}],
    }
    data = RawBundle("x", nodes=odd, jobs=odd, partitions=odd, reservations=odd).to_data()
    assert len(data.nodes) == 2 and data.nodes[1].partitions == ("a", "b")
    assert data.jobs[0].state == "UNKNOWN" and data.jobs[0].submit_time is None
    assert data.partitions[1].time_limit_s is None  # -1 is 22.05's "unlimited"
    assert slurm.parse_nodes("not json")[0] == [] and slurm.parse_jobs([1, 2]) == []


def test_meta_versions() -> None:
    assert slurm.api_version(_load(V22 / "rest/jobs.json")) == "v0.0.38"
    assert slurm.slurm_version(_load(V22 / "rest/jobs.json")) == "22.05.8"
    assert slurm.api_version(_load(V24 / "cli/squeue_json_v0.0.41.json")) == "v0.0.41"
    assert slurm.slurm_version(_load(V24 / "rest/jobs.json")) == "24.11.5"


def test_timestamps_are_aware_utc() -> None:
    assert slurm.timestamp(1795814047) == datetime(2026, 11, 27, 21, 14, 7, tzinfo=UTC)
    assert slurm.timestamp(0) is None
