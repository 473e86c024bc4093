"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.events.app_mention import handle_app_mention
from bot.listeners.events.message import handle_message

EVENTS = ("app_mention", "message")


def register(app: App) -> None:
    app.event("app_mention")(handle_app_mention)
    app.event("message")(handle_message)
