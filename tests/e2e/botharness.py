"""Start the bot, built by its real factory, against FakeSlack in Socket Mode or HTTP mode."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fakeslack import FakeSlack
from fakeslack.services import FakeServices
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.app import HttpServer, build_app, close_app, start_health_server, wait_idle
from bot.config import Settings
from bot.state import StateStore


@dataclass
class Bot:
    app: App
    mode: str
    store: StateStore
    services: FakeServices

    def idle(self, timeout: float = 10.0) -> None:
        assert wait_idle(self.app, timeout), "the bot's after-ack work did not finish"


def bot_settings(slack: FakeSlack, mode: str, data_dir: Path) -> Settings:
    return Settings(
        data_dir=data_dir,
        slack_bot_token=slack.bot_token,
        slack_app_token=slack.app_token if mode == "socket" else None,
        slack_signing_secret=slack.signing_secret,
        slack_api_url=slack.api_url,
        port=0,
    )


def start_bot(
    slack: FakeSlack, mode: str, services: FakeServices, data_dir: Path, **changes: Any
) -> Iterator[Bot]:
    """The bot on `slack`; `changes` override its settings (e.g. usage_config=PATH)."""
    settings = bot_settings(slack, mode, data_dir).override(**changes)
    store = StateStore.open(settings.state_database_url)
    app = build_app(settings, services.services(), store=store)
    if mode == "socket":
        handler = SocketModeHandler(app, slack.app_token)
        handler.connect()  # type: ignore[no-untyped-call]
        slack.wait_for(lambda: slack.hub.connected)
    else:
        server = HttpServer(app, port=0, host="127.0.0.1")
        slack.deliver_over_http(f"http://127.0.0.1:{server.start()}/slack/events")
    try:
        yield Bot(app, mode, store, services)
    finally:
        wait_idle(app, 5)
        if mode == "socket":
            # SocketModeClient.close() waits ~1 s for its queue; don't make every test wait.
            threading.Thread(target=_close_quietly, args=(handler,), daemon=True).start()
        else:
            server.stop()
        close_app(app)


def _close_quietly(handler: SocketModeHandler) -> None:
    try:
        handler.close()  # type: ignore[no-untyped-call]
    except AttributeError:  # slack-sdk quirk after a forced reconnect (slack-testing.md §3.6)
        pass


NOTIFY_SECRET = "test-notify-secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_notify_bot(
    slack: FakeSlack, mode: str, services: FakeServices, data_dir: Path, usage_config: Path
) -> Iterator[tuple[Bot, str]]:
    """The bot with job notifications on, its HTTP server on a known port in both modes (in
    Socket Mode the health server, as `hpcbot serve` runs it); yields (bot, its base URL)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = bot_settings(slack, mode, data_dir).override(
        usage_config=usage_config, notify_secret=NOTIFY_SECRET, public_url=base
    )
    store = StateStore.open(settings.state_database_url)
    app = build_app(settings, services.services(), store=store)
    if mode == "socket":
        handler = SocketModeHandler(app, slack.app_token)
        handler.connect()  # type: ignore[no-untyped-call]
        slack.wait_for(lambda: slack.hub.connected)
        server = start_health_server(app, handler, port)
    else:
        server = HttpServer(app, port=port, host="127.0.0.1")
        server.start()
        slack.deliver_over_http(f"{base}/slack/events")
    try:
        yield Bot(app, mode, store, services), base
    finally:
        wait_idle(app, 5)
        if mode == "socket":
            threading.Thread(target=_close_quietly, args=(handler,), daemon=True).start()
        server.stop()
        close_app(app)
