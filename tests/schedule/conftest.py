"""Fixtures for scheduled posts: the Slack peer, a world at a fixed simulated time, the app."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from fakeslack.services import FakeServices
from fakeslack.settings import bot_settings
from schedworld import BRUSSELS, World, make_world

from bot.app import SlackApp, build_app
from bot.http_server import HttpServer

START = datetime(2026, 11, 2, 8, 0, tzinfo=BRUSSELS)  # a Monday


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack(echo_bot_messages=False) as fake:
        yield fake


@pytest.fixture
def world(slack: FakeSlack, tmp_path: Path) -> Iterator[World]:
    world = make_world(slack, tmp_path, START)
    yield world
    world.runner.close()
    world.engine.dispose()


@pytest.fixture
def bot_app(slack: FakeSlack, tmp_path: Path) -> Iterator[SlackApp]:
    """The real app (HTTP mode) against the peer, with the bundled catalog and fake queues."""
    app = build_app(bot_settings(slack, tmp_path), FakeServices().services(), mode="http")
    server = HttpServer(app, port=0, host="127.0.0.1")
    slack.deliver_over_http(f"http://127.0.0.1:{server.start()}/slack/events")
    yield app
    app.wait_idle(5)
    server.stop()
    app.close()
