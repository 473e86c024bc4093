"""The scheduler's working values: quiet hours, grace windows, leases, retries.

`ScheduleConfig.from_settings` turns `Settings.schedule` (HPCBOT_QUIET_HOURS,
HPCBOT_DIGEST_GRACE_HOURS, HPCBOT_SCHEDULE_SWEEP_SECONDS, HPCBOT_SCHEDULE_LEASE_SECONDS,
HPCBOT_CLOCK_OFFSET_SECONDS: see bot/config.py) into these; the rest are fixed here and
replaced by tests that need them faster.
"""

from __future__ import annotations

import re
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
    def from_settings(cls, settings: Settings) -> ScheduleConfig:
        schedule = settings.schedule
        return cls(
            default_tz=settings.knowledge.timezone,
            quiet_hours=QuietHours.parse(schedule.quiet_hours) if schedule.quiet_hours else None,
            digest_grace=timedelta(hours=schedule.digest_grace_hours),
            lease=timedelta(seconds=schedule.schedule_lease_seconds),
            sweep_seconds=schedule.schedule_sweep_seconds,
            clock_offset=timedelta(seconds=schedule.clock_offset_seconds),
        )
