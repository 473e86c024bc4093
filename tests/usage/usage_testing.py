"""Helpers shared by the usage tests (imported by conftest and test modules)."""

from __future__ import annotations

import os
import subprocess


def run(*argv: str, check: bool = True) -> str:
    """A Slurm command's stdout, with times in UTC and no JWT hijacking the CLI."""
    env = {k: v for k, v in os.environ.items() if k != "SLURM_JWT"} | {"TZ": "UTC"}
    return subprocess.run(
        argv, capture_output=True, text=True, check=check, timeout=60, env=env
    ).stdout
