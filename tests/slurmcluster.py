"""The throw-away Slurm test cluster of scripts/slurm-test-cluster.sh, as fixtures use it.

`running_cluster()` starts the cluster (or reuses one that is already up, e.g. started by
scripts/ci-services.sh) and yields its `export` variables with `SLURM_CONF` set for the CLI
tools; afterwards it restores `SLURM_CONF` and stops only a cluster it started itself. Outside
CI it skips when the cluster cannot be started (not root, packages missing); with CI=true the
same failure is an error, so a broken CI machine cannot pass by skipping.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from external import unavailable
from paths import REPO

CLUSTER = REPO / "scripts" / "slurm-test-cluster.sh"


def parse_exports(text: str) -> dict[str, str]:
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


@contextmanager
def running_cluster(*, accounting: bool = False) -> Iterator[dict[str, str]]:
    """The cluster's `export` variables; with `accounting=True` it must have slurmdbd."""
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
    env = parse_exports(result.stdout)
    if accounting and "SLURMDBD_PORT" not in env:
        unavailable("the running Slurm test cluster has no accounting (restart it: stop, start)")
    saved = os.environ.get("SLURM_CONF")
    os.environ["SLURM_CONF"] = env["SLURM_CONF"]  # the CLI tools need it; REST clients do not
    try:
        yield env
    finally:
        if saved is None:
            os.environ.pop("SLURM_CONF", None)
        else:
            os.environ["SLURM_CONF"] = saved
        if not already_up:  # leave a cluster someone else started alone
            cluster_script("stop", "--purge", timeout=120)
