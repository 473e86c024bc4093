"""Clocks for the scheduler: every "now" it uses comes from one of these, never `datetime.now`.

`SystemClock` in production; `ManualClock` in tests (time travel without sleeping);
`ShiftedClock` for rehearsals and multi-process tests: real time moved by a fixed offset, so
several processes started with the same offset agree on the time while it keeps running.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ShiftedClock:
    """Real time plus `offset` (HPCBOT_CLOCK_OFFSET_SECONDS): time passes, but elsewhere."""

    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


class ManualClock:
    """A clock that only moves when told to (`set`, `advance`); safe to share across threads."""

    def __init__(self, start: datetime) -> None:
        self._now = _aware(start)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, when: datetime) -> None:
        with self._lock:
            self._now = _aware(when)

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            self._now += delta
            return self._now


def _aware(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("clock times must be timezone-aware, e.g. datetime(..., tzinfo=UTC)")
    return when.astimezone(UTC)
