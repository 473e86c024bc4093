"""The local Slack peer: Web API, Socket Mode, signed HTTP delivery, `response_url` hooks and
Block Kit checks on 127.0.0.1 (design: slack-testing.md §4).

It is what the sandbox (`hpcbot serve` without Slack tokens) connects the bot to, and what the
end-to-end tests drive (`tests/fakeslack` subclasses it with test-only powers: faults, forged
requests, waiting for a message).
"""

from .fake import FakeSlack
from .http_delivery import sign
from .state import APP_ID, BOT_ID, BOT_USER, TEAM_ID, ApiCall, Delivery, Message
from .views import OpenView, ViewRefused
from .workspace import ALICE, BOB

__all__ = [
    "ALICE",
    "APP_ID",
    "BOB",
    "BOT_ID",
    "BOT_USER",
    "TEAM_ID",
    "ApiCall",
    "Delivery",
    "FakeSlack",
    "Message",
    "OpenView",
    "ViewRefused",
    "sign",
]
