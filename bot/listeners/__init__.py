"""Slack listeners grouped by feature; each package wires its handlers in `register(app)`."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, events, views
from bot.listeners.errors import handle_error


def register_listeners(app: App) -> None:
    events.register(app)
    commands.register(app)
    actions.register(app)
    views.register(app)
    app.error(handle_error)
