"""Fixtures: FakeSlack, fake services, and the bot in both modes (`bot` is parametrized)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from botharness import Bot, start_bot
from fakeslack import FakeSlack
from fakeslack.services import FakeServices


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def services() -> FakeServices:
    return FakeServices()


@pytest.fixture(params=["socket", "http"])
def bot(
    request: pytest.FixtureRequest, slack: FakeSlack, services: FakeServices, tmp_path: Path
) -> Iterator[Bot]:
    yield from start_bot(slack, request.param, services, tmp_path)


@pytest.fixture
def http_bot(slack: FakeSlack, services: FakeServices, tmp_path: Path) -> Iterator[Bot]:
    yield from start_bot(slack, "http", services, tmp_path)


@pytest.fixture
def socket_bot(slack: FakeSlack, services: FakeServices, tmp_path: Path) -> Iterator[Bot]:
    yield from start_bot(slack, "socket", services, tmp_path)
