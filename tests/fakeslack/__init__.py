"""A project-owned fake Slack peer for tests (design: /work/shared/research/slack-testing.md §4)."""

from .fake import FakeSlack, WaitTimeout
from .http_delivery import sign
from .state import APP_ID, BOT_ID, BOT_USER, TEAM_ID, ApiCall, Delivery, Message
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
    "WaitTimeout",
    "sign",
]
