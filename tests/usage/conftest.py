"""The real Slurm test cluster with accounting, and two projects charged by real jobs.

`accounting_cluster` starts (or reuses) scripts/slurm-test-cluster.sh's cluster with accounting
(`slurmcluster.running_cluster`, as the queue tests do); outside CI it skips when that cannot be
done, with CI=true it fails.
`two_projects` adds the accounts project_alpha (GrpTRESMins=gres/gpu=6000) and project_beta
(1200) with users root and slurmtest, runs three short GPU jobs charged to them, waits for
them to finish in slurmdbd, and rolls the usage up (sreport then sees every complete hour).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from slurmcluster import cluster_script, running_cluster
from usage_testing import run


@pytest.fixture(scope="session")
def accounting_cluster() -> Iterator[dict[str, str]]:
    with running_cluster(accounting=True) as env:
        yield env


def _sbatch(account: str, user: str, *options: str, seconds: int) -> str:
    argv = ["sbatch", "--parsable", "-o", "/dev/null", "-A", account, *options]
    if user != "root":
        argv.append(f"--uid={user}")
    return run(*argv, "--wrap", f"sleep {seconds}").split(";")[0].strip()


def wait_finished(job_ids: list[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        states = run("sacct", "-X", "-n", "-P", "-j", ",".join(job_ids), "-o", "State").split()
        if len(states) == len(job_ids) and all(s == "COMPLETED" for s in states):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"jobs {job_ids} did not complete in time: {states}")
        time.sleep(0.5)


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
    rolled = cluster_script("rollup", timeout=120)
    assert rolled.returncode == 0, rolled.stderr
    return accounting_cluster
