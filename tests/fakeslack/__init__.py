"""The local Slack peer as tests use it: `bot.sandbox.peer` (shipped: the sandbox behind
`hpcbot serve` uses it) plus test-only powers (`testpeer`), fake hpcbot services (`services`)
and settings for a bot talking to the peer (`settings`). The contract tests live here too.
"""

from bot.sandbox.peer import (
    ALICE,
    APP_ID,
    BOB,
    BOT_ID,
    BOT_USER,
    TEAM_ID,
    ApiCall,
    Delivery,
    Message,
    OpenView,
    ViewRefused,
    sign,
)
from fakeslack.testpeer import FakeSlack, Fault, WaitTimeout

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
    "Fault",
    "Message",
    "OpenView",
    "ViewRefused",
    "WaitTimeout",
    "sign",
]
