"""Start the bot, built by its real factory, against FakeSlack in Socket Mode or HTTP mode."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fakeslack import FakeSlack
from fakeslack.services import FakeServices
from fakeslack.settings import bot_settings
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.app import SlackApp, build_app
from bot.http_server import HttpServer, start_health_server
from bot.state import StateStore


@dataclass
class Bot:
    app: SlackApp
    mode: str
    store: StateStore
    services: FakeServices

    def idle(self, timeout: float = 10.0) -> None:
        assert self.app.wait_idle(timeout), "the bot's after-ack work did not finish"


def start_bot(
    slack: FakeSlack,
    mode: str,
    services: FakeServices,
    data_dir: Path,
    *,
    port: int | None = None,
    **groups: Mapping[str, Any],
) -> Iterator[Bot]:
    """The bot on `slack`; `groups` override its settings (e.g. usage={"config": path}). With
    `port`, its HTTP server listens there in both modes (in Socket Mode the health server, as
    `hpcbot serve` runs it)."""
    settings = bot_settings(slack, data_dir, mode).override(**groups)
    store = StateStore.open(settings.state_database_url)
    app = build_app(settings, services.services(), store=store)
    server: HttpServer | None = None
    if mode == "socket":
        handler = SocketModeHandler(app.bolt, slack.app_token)
        handler.connect()  # type: ignore[no-untyped-call]
        slack.wait_for(lambda: slack.hub.connected)
        if port is not None:
            server = start_health_server(app, handler, port)
    else:
        server = HttpServer(app, port=port or 0, host="127.0.0.1")
        slack.deliver_over_http(f"http://127.0.0.1:{server.start()}/slack/events")
    try:
        yield Bot(app, mode, store, services)
    finally:
        app.wait_idle(5)
        if mode == "socket":
            # SocketModeClient.close() waits ~1 s for its queue; don't make every test wait.
            threading.Thread(target=_close_quietly, args=(handler,), daemon=True).start()
        if server is not None:
            server.stop()
        app.close()


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
    bots = start_bot(
        slack,
        mode,
        services,
        data_dir,
        port=port,
        usage={"config": usage_config},
        notify={"secret": NOTIFY_SECRET},
        server={"public_url": base},
    )
    with closing(bots):
        yield next(bots), base
