"""Fixtures for the live-queue tests: a fake clock, and the real Slurm cluster.

The `slurm_cluster` fixture yields the `export` variables of the throw-away cluster of
scripts/slurm-test-cluster.sh (`slurmcluster.running_cluster`: started or reused; skips outside
CI when it cannot be started, fails with CI=true).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from queue_testing import FakeClock
from slurmcluster import running_cluster


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def slurm_cluster() -> Iterator[dict[str, str]]:
    with running_cluster() as env:
        yield env
