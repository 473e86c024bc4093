"""`hpcbot serve`: run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP)."""

from __future__ import annotations

import typer

from bot.config import ConfigError, Settings


def serve() -> None:
    """Run the Slack bot until interrupted.

    Socket Mode when SLACK_APP_TOKEN is set (no public URL needed); otherwise an HTTP server on
    HPCBOT_PORT (default 3000) with /slack/events for events, commands and interactivity, and
    GET /health. SLACK_API_URL points the bot at another Web API (e.g. a local fake).
    """
    from bot.app import serve as run

    try:
        run(Settings.from_env())
    except ConfigError as exc:
        typer.echo(f"hpcbot: {exc}", err=True)
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
