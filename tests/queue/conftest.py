"""Fixtures for the live-queue tests: capture files, a fake clock, and the real Slurm cluster.

The `slurm_cluster` fixture starts the throw-away cluster from /work/shared/slurm (or reuses one
that is already up, e.g. started by scripts/ci-slurm.sh) and yields its `export` variables.
Outside CI it skips when the cluster cannot be started (not root, packages missing); with
CI=true the same failure is an error, so a broken CI machine cannot pass by skipping.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator

import pytest
from queue_testing import SHARED_SLURM, FakeClock


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


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but the Slurm test cluster is unavailable: {reason}")
    pytest.skip(f"Slurm test cluster unavailable: {reason}")


@pytest.fixture(scope="session")
def slurm_cluster() -> Iterator[dict[str, str]]:
    start = SHARED_SLURM / "start-slurm.sh"
    if not start.is_file():
        _unavailable(f"{start} not found")
    if os.geteuid() != 0:
        _unavailable("start-slurm.sh must run as root (it creates users and starts daemons)")
    already_up = (
        subprocess.run(
            [str(start), "--env"], capture_output=True, text=True, check=False
        ).returncode
        == 0
    )
    result = subprocess.run([str(start)], capture_output=True, text=True, check=False, timeout=300)
    if result.returncode != 0:
        _unavailable(f"start-slurm.sh exit {result.returncode}: {result.stderr.strip()[-400:]}")
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
        subprocess.run([str(SHARED_SLURM / "stop-slurm.sh"), "--purge"], check=False, timeout=120)
