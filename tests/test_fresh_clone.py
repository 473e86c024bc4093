"""A fresh clone stands on its own: `git clone` of this repository's HEAD into an empty folder,
with no ../shared beside it, collects every test without errors and passes its fast tests.

The clone reuses this interpreter's virtual environment (`make install` takes minutes): the
venv's bin/ first on PATH and the clone first on PYTHONPATH, as `make test` in the clone would
have them. CI=false, no HPCBOT_* or SLURM* settings and HPCBOT_SHARED_DIR pointing nowhere, so
what a new user lacks (services, the LUMI corpus) skips. The run is the fast tests (no real
model, no services) of every folder except tests/schedule, whose multi-process timing tests
alone take minutes on two cores; the collection step still imports all of them. The fast tests
run on pytest-xdist workers, a whole file per worker, so no file may depend on another's tests
having run before it in the same process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from external import unavailable
from paths import REPO

pytestmark = pytest.mark.slow  # minutes; also keeps the clone from running this test again

FAST = "not slow and not slurm and not postgres and not chroma_server"


def _git(*args: str) -> str:
    result = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout.strip()


def _tail(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"


def test_a_fresh_clone_collects_every_test_and_passes_the_fast_ones(tmp_path: Path) -> None:
    try:
        head = _git("-C", str(REPO), "rev-parse", "HEAD")
    except (OSError, AssertionError) as error:
        unavailable(f"cannot clone {REPO}: not a git checkout, or no git ({error})")
    clone = tmp_path / "hpcbot"
    _git("clone", "--quiet", "--no-checkout", str(REPO), str(clone))
    _git("-C", str(clone), "checkout", "--quiet", head)
    assert [p.name for p in tmp_path.iterdir()] == ["hpcbot"]  # nothing beside it

    env = {k: v for k, v in os.environ.items() if not k.startswith(("HPCBOT_", "SLURM"))}
    env |= {
        "CI": "false",
        "HPCBOT_SHARED_DIR": str(tmp_path / "no-shared-dir"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        "PYTHONPATH": str(clone),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], cwd=clone, env=env, capture_output=True, text=True, timeout=600
        )

    imported = run("-c", "import bot, ingest, knowledge; print(bot.__file__, ingest.__file__)")
    assert imported.returncode == 0, _tail(imported)
    assert all(Path(f).is_relative_to(clone) for f in imported.stdout.split()), imported.stdout

    collected = run("-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q")
    assert collected.returncode == 0, _tail(collected)

    # On every core (at most four): the suite that started this test waits for it meanwhile.
    # Whole files per worker, each in its own order as in a serial run: with single tests spread
    # over the workers, a start-up test (gc.freeze once the bot is ready) timed out in one CI run.
    workers = str(min(4, os.cpu_count() or 1))
    ran = run(
        *("-m", "pytest", "-p", "no:cacheprovider", "-q", "-n", workers, "--dist", "loadfile"),
        *("-m", FAST, "--ignore=tests/schedule"),
    )
    assert ran.returncode == 0, _tail(ran)
    assert "LUMI corpus not found at" in ran.stdout, _tail(ran)  # a skip saying what to put where
