"""One rule for what a test needs from outside the repository: the servers and the Slurm
cluster that scripts/ci-services.sh starts, and the optional LUMI evaluation corpus.

Outside CI a missing one skips the test with one line saying what to provide; with CI=true it
fails, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest
from paths import CORPUS, DEFAULT_SHARED, DEV_QUESTIONS, SHARED


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(message: str) -> NoReturn:
    """Skip (fail under CI=true) because something outside the repository is missing."""
    if in_ci():
        pytest.fail(f"CI=true: {message}")
    pytest.skip(message, allow_module_level=True)  # one place: -ra folds the skips into a line


def evaluation_set(*, module: bool = False) -> None:
    """The LUMI corpus and the dev questions (`<shared>/corpus/`, `<shared>/eval/`) are there.

    With `module=True`, at the top of a test module that needs them throughout: outside CI the
    whole module skips; under CI nothing happens here and each test's own check fails instead
    (a failure while collecting would stop the whole run).
    """
    if CORPUS.is_dir() and DEV_QUESTIONS.is_file() or module and in_ci():
        return
    unavailable(
        f"LUMI corpus not found at {SHARED} (corpus/ and eval/dev-questions.yaml); "
        f"set HPCBOT_SHARED_DIR or put the corpus at {DEFAULT_SHARED} (README: Evaluation corpus)"
    )
