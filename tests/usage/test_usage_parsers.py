"""Slurm's accounting answers, as captured on the project's test cluster (Slurm 22.05.8, two
projects, jobs on the emulated nodes), parsed into job charges and limits."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from paths import FIXTURES

from knowledge.usage.slurm import (
    gpus_in_tres,
    parse_sacct,
    parse_slurmdb_jobs,
    parse_slurmdb_limit,
    parse_sreport,
    parse_sshare_limit,
)

USAGE = FIXTURES / "slurm" / "slurm-22.05.8" / "usage"


def test_sacct_lines_become_job_charges_with_their_gpus_and_times() -> None:
    jobs = parse_sacct((USAGE / "sacct_project_alpha.txt").read_text())

    assert [(j.job_id, j.user, j.gpus, j.partition, j.state, j.exit_code) for j in jobs] == [
        ("1", "root", 4, "small-g", "COMPLETED", 0),
        ("3", "slurmtest", 8, "standard-g", "COMPLETED", 0),
    ]
    assert (jobs[0].start, jobs[0].end) == (
        datetime(2026, 11, 30, 13, 33, 24, tzinfo=UTC),
        datetime(2026, 11, 30, 13, 33, 27, tzinfo=UTC),
    )


def test_slurmdb_jobs_match_what_sacct_says() -> None:
    document = json.loads((USAGE / "slurmdb_jobs_project_alpha.json").read_text())
    rest = parse_slurmdb_jobs(document)
    cli = parse_sacct((USAGE / "sacct_project_alpha.txt").read_text())

    assert rest == cli


def test_the_accounts_gpu_minute_limit_from_sshare_and_from_slurmdb() -> None:
    shares = (USAGE / "sshare_project_alpha.txt").read_text()
    associations = json.loads((USAGE / "slurmdb_associations.json").read_text())

    assert parse_sshare_limit(shares, "project_alpha") == 6000.0
    assert parse_slurmdb_limit(associations, "project_alpha") == 6000.0
    assert parse_slurmdb_limit(associations, "project_beta") == 1200.0
    assert parse_slurmdb_limit(associations, "root") is None


def test_sreport_gives_gpu_seconds_per_account_and_user() -> None:
    found = parse_sreport((USAGE / "sreport_project_alpha.txt").read_text())

    assert found == {
        ("project_alpha", ""): 28.0,
        ("project_alpha", "root"): 12.0,
        ("project_alpha", "slurmtest"): 16.0,
    }


def test_only_the_untyped_gpu_tres_counts() -> None:
    assert gpus_in_tres("cpu=8,gres/gpu=8,gres/gpu:mi250=8,mem=16000M") == 8
    assert gpus_in_tres("cpu=8,mem=16000M") == 0
