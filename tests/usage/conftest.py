"""The real Slurm test cluster with accounting, and two projects charged by real jobs.

`accounting_cluster` starts (or reuses) scripts/slurm-test-cluster.sh's cluster, as the queue
tests do; outside CI it skips when that cannot be done, with CI=true it fails.
`two_projects` adds the accounts project_alpha (GrpTRESMins=gres/gpu=6000) and project_beta
(1200) with users root and slurmtest, runs three short GPU jobs charged to them, waits for
them to finish and rolls the usage up so that `sreport` sees it.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Iterator

import pytest
from external import unavailable
from paths import REPO
from usage_testing import run

CLUSTER = REPO / "scripts" / "slurm-test-cluster.sh"


def _parse_exports(text: str) -> dict[str, str]:
    env = {}
    for line in text.splitlines():
        if line.startswith("export ") and "=" in line:
            key, _, value = line.removeprefix("export ").partition("=")
            env[key] = shlex.split(value)[0] if value else ""
    return env


def cluster_script(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLUSTER), *args], capture_output=True, text=True, check=False, timeout=timeout
    )


@pytest.fixture(scope="session")
def accounting_cluster() -> Iterator[dict[str, str]]:
    if os.geteuid() != 0:
        unavailable(
            "Slurm test cluster unavailable: scripts/slurm-test-cluster.sh must run as root "
            "(it adds users and starts daemons); CI starts it with scripts/ci-services.sh"
        )
    already_up = cluster_script("env", timeout=60).returncode == 0
    result = cluster_script("start")
    if result.returncode != 0:
        unavailable(
            f"Slurm test cluster unavailable: slurm-test-cluster.sh start exit "
            f"{result.returncode}: {result.stderr.strip()[-400:]}"
        )
    env = _parse_exports(result.stdout)
    if "SLURMDBD_PORT" not in env:
        unavailable("the running Slurm test cluster has no accounting (restart it: stop, start)")
    saved = os.environ.get("SLURM_CONF")
    os.environ["SLURM_CONF"] = env["SLURM_CONF"]
    yield env
    if saved is None:
        os.environ.pop("SLURM_CONF", None)
    else:
        os.environ["SLURM_CONF"] = saved
    if not already_up:
        cluster_script("stop", "--purge", timeout=120)


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
