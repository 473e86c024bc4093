"""From raw Slurm output to the summary people see: the same workload captured through four
routes (REST and CLI, Slurm 22.05 and 24.11) must give the same numbers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from queue_testing import V22, V24

from knowledge.queue.bundle import RawBundle
from knowledge.queue.slurm import Node
from knowledge.queue.summary import gres_counts, node_category, summarise


def _json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def rest_bundle(version: Path) -> RawBundle:
    return RawBundle(
        "slurmrestd",
        nodes=_json(version / "rest/nodes.json"),
        jobs=_json(version / "rest/jobs.json"),
        partitions=_json(version / "rest/partitions.json"),
        reservations=_json(version / "rest/reservations.json"),
    )


def cli_bundle(version: Path) -> RawBundle:
    return RawBundle(
        "slurm-cli",
        nodes=_json(version / "cli/sinfo.json"),
        jobs=_json(version / "cli/squeue.json"),
        partitions=(version / "cli/scontrol_show_partition.txt").read_text(),
        reservations=(version / "cli/scontrol_show_reservation.txt").read_text(),
    )


ROUTES = {
    "22.05-rest": rest_bundle(V22),
    "22.05-cli": cli_bundle(V22),
    "24.11-rest": rest_bundle(V24),
    "24.11-cli-sinfo-layout": cli_bundle(V24),
}


@pytest.mark.parametrize("route", ROUTES)
def test_small_g_summary_is_identical_through_every_route(route: str) -> None:
    data = ROUTES[route].to_data()
    eligible = min(j.eligible_time for j in data.jobs if j.job_id == 12 and j.eligible_time)
    as_of = eligible + timedelta(minutes=10)
    status = summarise(data, machine="LUMI", source=route, as_of=as_of, partitions=["small-g"])

    (p,) = status.partitions
    assert p.name == "small-g" and p.state == "UP" and p.time_limit_s == 259200
    assert p.nodes.model_dump() == {
        "idle": 0,
        "mixed": 1,
        "allocated": 2,
        "down": 0,
        "drained": 1,
        "total": 4,
    }
    assert p.gpus is not None and (p.gpus.type, p.gpus.free, p.gpus.total) == ("mi250", 1, 32)
    assert (p.cpus.free, p.cpus.total) == (1, 32)
    assert (p.jobs.running, p.jobs.pending) == (2, 4)
    assert p.pending_reasons == {
        "JobHeldUser": 1,
        "Dependency": 1,
        "Priority": 1,
        "JobArrayTaskLimit": 1,
    }
    # Held, dependent and array-limited jobs are not eligible; only job 12 is waiting.
    assert (p.wait.longest_s, p.wait.median_s) == (600, 600)
    assert p.earliest_start is not None and p.earliest_start > eligible
    (maint,) = status.reservations
    assert (maint.name, maint.nodes, maint.is_maintenance) == ("maint-2w", 4, True)
    assert status.slurm_version in ("22.05.8", "24.11.5")


@pytest.mark.parametrize("route", ROUTES)
def test_every_partition_is_reported_in_slurm_order_by_default(route: str) -> None:
    status = summarise(
        ROUTES[route].to_data(),
        machine="LUMI",
        source=route,
        as_of=datetime(2026, 11, 27, 22, tzinfo=UTC),
    )
    assert [p.name for p in status.partitions] == ["standard-g", "small-g", "dev-g"]
    dev = status.partitions[2]
    assert dev.nodes.total == 2 and dev.time_limit_s == 3 * 3600
    assert (dev.jobs.running, dev.jobs.pending) == (1, 0)
    assert dev.wait.longest_s is None and dev.earliest_start is None
    standard = status.partitions[0]
    assert standard.pending_reasons == {"Resources": 1, "Priority": 1}


def test_json_shape_matches_the_documented_example() -> None:
    status = summarise(
        ROUTES["22.05-rest"].to_data(),
        machine="LUMI",
        source="slurmrestd",
        as_of=datetime(2026, 11, 27, 21, 30, tzinfo=UTC),
        partitions=["small-g"],
    )
    doc = status.to_dict()
    assert doc["as_of"] == "2026-11-27T21:30:00+00:00"
    assert set(doc) >= {"machine", "source", "as_of", "partitions", "reservations"}
    part = doc["partitions"][0]
    assert set(part) >= {
        "name",
        "time_limit_s",
        "nodes",
        "gpus",
        "cpus",
        "jobs",
        "wait",
        "pending_reasons",
        "earliest_start",
    }
    assert part["gpus"]["type"] == "mi250" and part["earliest_start"].endswith("+00:00")
    assert doc["reservations"][0]["start"] == "2026-12-04T21:14:07+00:00"


def test_finished_reservations_are_dropped() -> None:
    data = ROUTES["22.05-rest"].to_data()
    after = datetime(2026, 12, 6, tzinfo=UTC)
    assert summarise(data, machine="LUMI", source="x", as_of=after).reservations == []


@pytest.mark.parametrize(
    "states, category",
    [
        (("IDLE",), "idle"),
        (("MIXED", "PLANNED"), "mixed"),
        (("ALLOCATED",), "allocated"),
        (("IDLE", "DRAIN"), "drained"),
        (("MIXED", "DRAIN"), "drained"),
        (("DOWN", "DRAIN"), "down"),
        (("IDLE", "NOT_RESPONDING"), "down"),
        (("FUTURE",), "down"),
        ((), "down"),
    ],
)
def test_each_node_counts_in_exactly_one_category(states: tuple[str, ...], category: str) -> None:
    assert node_category(Node(name="n", states=states)) == category


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("gpu:mi250:8", {"mi250": 8}),
        ("gpu:mi250:7(IDX:0-6)", {"mi250": 7}),
        ("gpu:a100:4(S:0,1),gpu:h100:2(S:1)", {"a100": 4, "h100": 2}),
        ("gpu:4", {"gpu": 4}),
        ("craynetwork:4", {}),
        ("(null)", {}),
        ("", {}),
    ],
)
def test_gpu_counts_from_gres(spec: str, expected: dict[str, int]) -> None:
    assert gres_counts(spec) == expected
