"""Building the notification desk from `Settings` (None unless a secret and a public URL are set)."""

from __future__ import annotations

from collections.abc import Callable

from bot.config import Settings
from bot.notify.desk import NotifyDesk
from bot.notify.tokens import NotifyTokens
from bot.state import StateStore
from knowledge.usage import UsageService


def notify_desk(
    settings: Settings,
    store: StateStore,
    usage: UsageService | None,
    count: Callable[[str], None],
) -> NotifyDesk | None:
    if not settings.notify.secret or not settings.server.public_url:
        return None
    tokens = NotifyTokens(store.engine, settings.notify.secret)
    return NotifyDesk(tokens, usage, settings.server.public_url, count)
