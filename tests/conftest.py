"""Shared test set-up: hermetic environment for every test.

`tests/` is on `sys.path` (pytest's rootdir conftest rule), so test modules import the local
Slack peer as `from fakeslack import FakeSlack`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

_LEAKY_PREFIXES = ("SLACK_",)  # HPCBOT_* stays: CI points tests at its servers with it


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep a developer's real Slack tokens (and a SLACK_API_URL) out of tests."""
    for name in list(os.environ):
        if name.startswith(_LEAKY_PREFIXES):
            monkeypatch.delenv(name, raising=False)
    yield
