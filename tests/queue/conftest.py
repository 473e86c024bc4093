"""Fixtures for the live-queue tests: a fake clock, and the real Slurm cluster.

The `slurm_cluster` fixture starts the throw-away cluster with scripts/slurm-test-cluster.sh (or
reuses one that is already up, e.g. started by scripts/ci-slurm.sh) and yields its `export`
variables. Outside CI it skips when the cluster cannot be started (not root, packages missing);
with CI=true the same failure is an error, so a broken CI machine cannot pass by skipping.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator

import pytest
from external import unavailable
from paths import REPO
from queue_testing import FakeClock

CLUSTER = REPO / "scripts" / "slurm-test-cluster.sh"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _parse_exports(text: str) -> dict[str, str]:
    env = {}
    for line in text.splitlines():
        if line.startswith("export ") and "=" in line:
            key, _, value = line.removeprefix("export ").partition("=")
            env[key] = shlex.split(value)[0] if value else ""
    return env


def _cluster(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLUSTER), *args], capture_output=True, text=True, check=False, timeout=timeout
    )


@pytest.fixture(scope="session")
def slurm_cluster() -> Iterator[dict[str, str]]:
    if os.geteuid() != 0:
        unavailable(
            "Slurm test cluster unavailable: scripts/slurm-test-cluster.sh must run as root "
            "(it adds users and starts daemons); CI starts it with scripts/ci-services.sh"
        )
    already_up = _cluster("env", timeout=60).returncode == 0
    result = _cluster("start")
    if result.returncode != 0:
        unavailable(
            f"Slurm test cluster unavailable: slurm-test-cluster.sh start exit "
            f"{result.returncode}: {result.stderr.strip()[-400:]}"
        )
    env = _parse_exports(result.stdout)
    saved = {key: os.environ.get(key) for key in ("SLURM_CONF",)}
    os.environ["SLURM_CONF"] = env["SLURM_CONF"]  # the CLI tools need it; REST clients do not
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    if not already_up:  # leave a cluster someone else started alone
        _cluster("stop", "--purge", timeout=120)
