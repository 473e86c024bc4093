"""Shared test set-up: hermetic environment for every test.

`tests/` is on `sys.path` (pytest's rootdir conftest rule), so test modules import the local
Slack peer as `from fakeslack import FakeSlack`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import fresh_chroma_database, fresh_postgres_database

_LEAKY_PREFIXES = ("SLACK_",)  # HPCBOT_* stays: CI points tests at its servers with it


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep a developer's real Slack tokens (and a SLACK_API_URL) out of tests."""
    for name in list(os.environ):
        if name.startswith(_LEAKY_PREFIXES):
            monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def state_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh state database: a SQLite file, and a PostgreSQL database (CI starts the server)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'state' / 'state.db'}"
    else:
        with fresh_postgres_database() as url:
            yield url


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.chroma_server)])
def index_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path | str]:
    """Where a fresh index lives: embedded Chroma in a directory, or a Chroma server database."""
    if request.param == "embedded":
        yield tmp_path / "index"
    else:
        with fresh_chroma_database() as url:
            yield url
