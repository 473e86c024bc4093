"""The local Slack peer for tests: a thin re-export of `bot.sandbox.peer`, where it now lives so
that it ships with the package (the sandbox behind `hpcbot serve` uses it). `fakeslack.services`
(fake hpcbot services) and the contract tests stay here.
"""

import sys

from bot.sandbox import peer
from bot.sandbox.peer import (
    ALICE,
    APP_ID,
    BOB,
    BOT_ID,
    BOT_USER,
    TEAM_ID,
    ApiCall,
    Delivery,
    FakeSlack,
    Message,
    OpenView,
    ViewRefused,
    WaitTimeout,
    blockkit,
    clock,
    fake,
    http_delivery,
    payloads,
    server,
    sign,
    socketmode,
    state,
    views,
    webapi,
    workspace,
)

# `from fakeslack.blockkit import check_blocks` and friends resolve to the peer's modules.
_MODULES = (
    blockkit,
    clock,
    fake,
    http_delivery,
    payloads,
    server,
    socketmode,
    state,
    views,
    webapi,
)
for _module in (*_MODULES, workspace):
    sys.modules[f"{__name__}.{_module.__name__.rsplit('.', 1)[-1]}"] = _module

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
    "WaitTimeout",
    "peer",
    "sign",
]
