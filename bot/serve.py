"""Running hpcbot until interrupted: `hpcbot serve` and `python -m bot` both call `main`.

With Slack credentials: Socket Mode when SLACK_APP_TOKEN is set (no public URL needed),
otherwise HTTP on HPCBOT_PORT. Without any: the local sandbox (bot.sandbox), a Slack-like page
at http://127.0.0.1:HPCBOT_PORT with hpcbot connected to it.
"""

from __future__ import annotations

import sys

from bot.config import ConfigError, Settings
from bot.services import Services


def main() -> int:
    """Read the settings, run; a settings problem is printed (what to set) and exits 2."""
    try:
        serve(Settings.from_env())
    except ConfigError as exc:
        print(f"hpcbot: {exc}", file=sys.stderr)
        return 2
    return 0


def serve(settings: Settings) -> None:
    from bot.sandbox import run_sandbox, wants_sandbox

    if wants_sandbox(settings):
        run_sandbox(settings)
    else:
        serve_slack(settings)


def serve_slack(settings: Settings, services: Services | None = None) -> None:
    """Run the bot against Slack: Socket Mode if SLACK_APP_TOKEN is set, else HTTP."""
    from bot.app import build_app, check_settings
    from bot.http_server import HttpServer, listen_host, start_health_server
    from bot.logs import install as install_logging

    mode = check_settings(settings)
    install_logging(settings.logs.level, settings.logs.format)
    services = services or Services.from_settings(settings)
    app = build_app(settings, services, mode=mode)
    posts = None
    if settings.schedule.scheduler:  # HPCBOT_SCHEDULER=0 when `hpcbot scheduler` runs apart
        from bot.schedule import knowledge_from_services, scheduled_posts

        knowledge = knowledge_from_services(settings, services)
        posts = scheduled_posts(settings, knowledge=knowledge).start()
    app.freeze_startup_heap()
    try:
        if mode == "socket":
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            handler = SocketModeHandler(app.bolt, settings.slack.app_token)
            start_health_server(app, handler, settings.server.port, listen_host(settings, mode))
            handler.start()  # type: ignore[no-untyped-call]
        else:
            HttpServer(app, settings.server.port, listen_host(settings, mode)).serve_forever()
    finally:
        if posts is not None:
            posts.stop()
        app.close(wait=False)
