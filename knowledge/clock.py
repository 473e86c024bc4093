"""Where "now" comes from. Every service that reads the time takes a `Clock`, so tests,
rehearsals and the sandbox's fast-forward move time for all of them without sleeping (the
scheduler's clock objects hand their `now` in as one)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current instant, timezone-aware (UTC)."""
    return datetime.now(UTC)
