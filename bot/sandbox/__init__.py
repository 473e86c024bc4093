"""Try hpcbot without Slack: a local Slack (the project's Slack peer) plus a web page at
http://127.0.0.1:3000 that looks and behaves like a Slack channel, with hpcbot connected to it.

`hpcbot serve` starts it when no Slack credentials are set (`wants_sandbox`). The peer lives in
`bot.sandbox.peer`; the page's assets in `static/` (plain HTML, CSS and JavaScript).
"""

from __future__ import annotations

from bot.config import Settings
from bot.sandbox.run import Sandbox, SandboxClock, run_sandbox

__all__ = ["Sandbox", "SandboxClock", "run_sandbox", "wants_sandbox"]


def wants_sandbox(settings: Settings) -> bool:
    """True when no Slack credential at all is set (one set but not another is a mistake to
    report, not a reason to fall back to the sandbox)."""
    return not (
        settings.slack.bot_token or settings.slack.app_token or settings.slack.signing_secret
    )
