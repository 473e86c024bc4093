"""Cut-off dates as points in time, and the staleness rule shared by every catalog answer.

Which cut-off is "next" is always computed from the caller's `now`, never stored, so the data
files only have to list dates the sources give.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from knowledge.catalog.models import Call


@dataclass(frozen=True)
class Cutoff:
    """One dated cut-off of a call.

    `at` is timezone-aware. When the source gives no closing time (`all_day`), `at` is the
    start of that day and the call counts as open until the day ends in the call's zone.
    """

    call_id: str
    call_name: str
    at: datetime
    all_day: bool
    source: str
    as_of: date
    confirmed: bool
    note: str = ""

    @property
    def day(self) -> date:
        return self.at.date()

    @property
    def closes(self) -> datetime:
        """The instant after which this cut-off has passed."""
        if not self.all_day:
            return self.at
        # Combine rather than add 24 h so a DST change that day cannot shift the end.
        return datetime.combine(self.day + timedelta(days=1), time(0), tzinfo=self.at.tzinfo)

    def is_upcoming(self, now: datetime) -> bool:
        return self.closes > require_aware(now)


def call_cutoffs(call: Call) -> list[Cutoff]:
    """Every dated cut-off of `call`, in date order."""
    schedule = call.cutoffs
    zone = ZoneInfo(schedule.timezone)
    result: list[Cutoff] = []
    for entry in schedule.dates:
        closing = entry.time or schedule.time
        result.append(
            Cutoff(
                call_id=call.id,
                call_name=call.name,
                at=datetime.combine(entry.day, closing or time(0), tzinfo=zone),
                all_day=closing is None,
                source=schedule.source,
                as_of=schedule.as_of,
                confirmed=schedule.confirmed,
                note=entry.note,
            )
        )
    return sorted(result, key=lambda c: c.closes)


def select_upcoming(
    cutoffs: list[Cutoff], now: datetime, within_days: int | None = None
) -> list[Cutoff]:
    """The cut-offs still open at `now` (and, if given, within `within_days`), soonest first."""
    now = require_aware(now)
    horizon = now + timedelta(days=within_days) if within_days is not None else None
    upcoming = [c for c in cutoffs if c.is_upcoming(now) and (horizon is None or c.at <= horizon)]
    return sorted(upcoming, key=lambda c: (c.closes, c.call_id))


def is_stale(as_of: date, now: datetime, stale_after_days: int) -> bool:
    """True when a fact was last checked more than `stale_after_days` before `now`."""
    return (require_aware(now).date() - as_of).days > stale_after_days


def require_aware(now: datetime) -> datetime:
    # A naive datetime would be compared as if it were in the call's zone or UTC, silently
    # moving a 10:00 Brussels cut-off by an hour or two; refuse it instead.
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(
            "`now` must be timezone-aware, e.g. datetime.now(ZoneInfo('Europe/Brussels'))"
        )
    return now
