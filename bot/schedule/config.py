"""Scheduler settings: quiet hours, grace windows, leases; from `Settings` plus a few env knobs.

HPCBOT_SCHEDULER=0                    don't run the scheduler inside `hpcbot serve`
HPCBOT_QUIET_HOURS=22:00-07:00        posts due then wait until the end (channel's zone)
HPCBOT_DIGEST_GRACE_HOURS=6           a missed digest is still posted (as late) this long
HPCBOT_SCHEDULE_SWEEP_SECONDS=60      how often every process re-checks what is due
HPCBOT_SCHEDULE_LEASE_SECONDS=120     a claim not finished by then is recovered by another
HPCBOT_CLOCK_OFFSET_SECONDS=0         rehearsals and tests: run as if it were another time
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.config import ConfigError, Settings

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_clock_time(text: str) -> time | None:
    """'9:00' or '09:00' (24-hour) -> time(9, 0); None if it is not such a time."""
    match = _HHMM.match(text.strip())
    return time(int(match.group(1)), int(match.group(2))) if match else None


@dataclass(frozen=True)
class QuietHours:
    """A daily window (may span midnight) in which nothing is posted; posts wait, never drop."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        start_text, _, end_text = text.partition("-")
        start, end = parse_clock_time(start_text), parse_clock_time(end_text)
        if start is None or end is None or start == end:
            raise ConfigError(
                f"HPCBOT_QUIET_HOURS={text!r} is not a time range; use e.g. 22:00-07:00."
            )
        return cls(start, end)

    def contains(self, local: time) -> bool:
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def delay(self, when: datetime, tz: ZoneInfo) -> datetime:
        """`when`, or the end of the quiet period it falls in (in `tz`)."""
        local = when.astimezone(tz)
        if not self.contains(local.time().replace(tzinfo=None)):
            return when
        day = local.date()
        if local.time() >= self.end:  # in the evening part: the quiet ends tomorrow
            day += timedelta(days=1)
        return datetime.combine(day, self.end, tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True)
class ScheduleConfig:
    default_tz: str = "Europe/Brussels"
    quiet_hours: QuietHours | None = None
    digest_grace: timedelta = timedelta(hours=6)
    late_after: timedelta = timedelta(minutes=5)  # later than this, a post says it is late
    lookback: timedelta = timedelta(days=7)  # missed posts older than this are not even logged
    lease: timedelta = timedelta(seconds=120)
    sweep_seconds: float = 60.0
    send_attempts: int = 4
    backoff_seconds: float = 1.0
    workers: int = 8
    clock_offset: timedelta = field(default=timedelta(0))

    @classmethod
    def from_settings(
        cls, settings: Settings, environ: Mapping[str, str] | None = None
    ) -> ScheduleConfig:
        env = os.environ if environ is None else environ

        def number(name: str, default: float) -> float:
            value = env.get(name) or ""
            if not value:
                return default
            try:
                return float(value)
            except ValueError:
                raise ConfigError(f"{name}={value!r} is not a number; e.g. {default}.") from None

        return cls(
            default_tz=settings.timezone,
            quiet_hours=QuietHours.parse(settings.quiet_hours) if settings.quiet_hours else None,
            digest_grace=timedelta(hours=number("HPCBOT_DIGEST_GRACE_HOURS", 6)),
            lease=timedelta(seconds=number("HPCBOT_SCHEDULE_LEASE_SECONDS", 120)),
            sweep_seconds=number("HPCBOT_SCHEDULE_SWEEP_SECONDS", 60),
            clock_offset=timedelta(seconds=number("HPCBOT_CLOCK_OFFSET_SECONDS", 0)),
        )
