"""`hpcbot serve`: run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP), or the local
sandbox when no Slack credentials are set."""

from __future__ import annotations

import typer


def serve() -> None:
    """Run the Slack bot until interrupted.

    Socket Mode when SLACK_APP_TOKEN is set (no public URL needed); otherwise an HTTP server on
    HPCBOT_PORT (default 3000) with /slack/events for events, commands and interactivity, and
    GET /health. SLACK_API_URL points the bot at another Web API (e.g. a local fake).

    Without any Slack credentials: a local sandbox, a Slack-like page at
    http://127.0.0.1:HPCBOT_PORT with hpcbot connected (the first start builds the index).
    """
    from bot.serve import main

    raise typer.Exit(main())


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
