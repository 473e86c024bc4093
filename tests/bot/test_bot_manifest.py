"""bot/manifest.yaml and the registered listeners agree, both ways."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

import bot
from bot.listeners import register_listeners

MANIFEST = yaml.safe_load((Path(bot.__file__).parent / "manifest.yaml").read_text())
# Which bot event subscriptions deliver which Events API type, and the scope each needs.
EVENT_TYPES = {
    "app_mention": "app_mention",
    "message.channels": "message",
    "message.groups": "message",
    "message.im": "message",
}
EVENT_SCOPES = {
    "app_mention": "app_mentions:read",
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.im": "im:history",
}


class RecordingApp:
    """Stands in for `slack_bolt.App` and records what `register_listeners` registers."""

    def __init__(self) -> None:
        self.commands: list[str] = []
        self.events: list[str] = []
        self.actions: list[str] = []
        self.views: list[str] = []
        self.error_handlers: list[Callable[..., Any]] = []

    def _recorder(self, into: list[str], name: str) -> Callable[[Callable[..., Any]], Any]:
        into.append(name)
        return lambda func: func

    def command(self, name: str) -> Callable[[Callable[..., Any]], Any]:
        return self._recorder(self.commands, name)

    def event(self, name: str) -> Callable[[Callable[..., Any]], Any]:
        return self._recorder(self.events, name)

    def action(self, name: str) -> Callable[[Callable[..., Any]], Any]:
        return self._recorder(self.actions, name)

    def view(self, callback_id: str) -> Callable[[Callable[..., Any]], Any]:
        return self._recorder(self.views, callback_id)

    def error(self, func: Callable[..., Any]) -> Callable[..., Any]:
        self.error_handlers.append(func)
        return func


def registered() -> RecordingApp:
    app = RecordingApp()
    register_listeners(app)  # type: ignore[arg-type]
    return app


def test_commands_agree() -> None:
    declared = {c["command"] for c in MANIFEST["features"]["slash_commands"]}
    assert (
        declared
        == set(registered().commands)
        == {
            "/hpc",
            "/queue",
            "/deadlines",
            "/specs",
            "/usage",
        }
    )


def test_events_agree() -> None:
    subscribed = MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    assert {EVENT_TYPES[e] for e in subscribed} == set(registered().events)
    assert set(subscribed) == set(EVENT_TYPES)  # DMs, channels and private channels


def test_scopes_cover_what_the_app_does() -> None:
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    needed = {EVENT_SCOPES[e] for e in MANIFEST["settings"]["event_subscriptions"]["bot_events"]}
    needed |= {"chat:write", "commands", "reactions:write", "users:read"}
    needed |= {"files:write", "im:write"}  # /usage charts, job notification DMs
    assert scopes == needed


def test_interactivity_and_socket_mode() -> None:
    app = registered()
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert set(app.actions) == {
        "feedback_helpful",
        "feedback_not_helpful",
        "share_reply",
        "fit_remind",
    }
    assert app.views == ["fit_request"]  # modal submissions arrive as interactivity too
    assert MANIFEST["settings"]["socket_mode_enabled"] is True
    assert len(app.error_handlers) == 1
