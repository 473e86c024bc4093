"""The real Slurm test cluster with accounting, and two projects charged by real jobs.

`accounting_cluster` starts (or reuses) scripts/slurm-test-cluster.sh's cluster with accounting
(`slurmcluster.running_cluster`, as the queue tests do); outside CI it skips when that cannot be
done, with CI=true it fails.
`two_projects` adds the accounts project_alpha (GrpTRESMins=gres/gpu=6000) and project_beta
(1200) with users root and slurmtest, runs three short GPU jobs charged to them and waits for
them to finish in slurmdbd. The cluster's clock runs hours behind this machine's, so the jobs
end in hours that slurmdbd can roll up for `sreport` (test_usage_live's `sreport` fixture).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slurmcluster import running_cluster
from usage_testing import run, wait_recorded


@pytest.fixture(scope="session")
def accounting_cluster() -> Iterator[dict[str, str]]:
    with running_cluster(accounting=True) as env:
        yield env


def _sbatch(account: str, user: str, *options: str, seconds: int) -> str:
    argv = ["sbatch", "--parsable", "-o", "/dev/null", "-A", account, *options]
    if user != "root":
        argv.append(f"--uid={user}")
    return run(*argv, "--wrap", f"sleep {seconds}").split(";")[0].strip()


def wait_finished(job_ids: list[str]) -> None:
    states = wait_recorded("-j", ",".join(job_ids), count=len(job_ids), timeout=60)
    assert states == ["COMPLETED"] * len(job_ids), f"jobs {job_ids} ended {states}"


@pytest.fixture(scope="session")
def two_projects(accounting_cluster: dict[str, str]) -> dict[str, str]:
    for account, minutes in (("project_alpha", 6000), ("project_beta", 1200)):
        run(
            "sacctmgr", "-i", "add", "account", account, f"GrpTRESMins=gres/gpu={minutes}",
            check=False,
        )  # fmt: skip
        run("sacctmgr", "-i", "add", "user", "root,slurmtest", f"account={account}", check=False)
    jobs = [
        _sbatch("project_alpha", "root", "-p", "small-g", "--gres=gpu:mi250:4", seconds=3),
        _sbatch(
            "project_alpha",
            "slurmtest",
            "-p",
            "standard-g",
            "-N1",
            "--exclusive",
            "--gres=gpu:mi250:8",
            seconds=2,
        ),  # fmt: skip
        _sbatch("project_beta", "slurmtest", "-p", "small-g", "--gres=gpu:mi250:2", seconds=2),
    ]
    wait_finished(jobs)
    return accounting_cluster
