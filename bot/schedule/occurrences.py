"""When each post of a subscription is due: pure functions of the subscription, the cut-offs and
the clock. No I/O, so time travel in tests is just calling them with another `now`.

An occurrence is identified by a key that does not depend on when it is computed:

    remind:<call id>:<cut-off, UTC>:<days>d   a reminder `days` before one cut-off
    digest:<local date>                       a queue digest on one day in the channel's zone
    usage:<project>:<period>:...              usage alerts and summaries (`usage_alerts`)

so every process, before and after a restart, names the same post the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from bot.schedule.config import QuietHours, ScheduleConfig
from bot.schedule.subscriptions import Subscription
from knowledge import Cutoff


@dataclass(frozen=True)
class Occurrence:
    subscription: Subscription
    occurrence: str
    kind: Literal["reminder", "digest", "usage_alert", "usage_summary"]
    nominal_at: datetime  # when the subscription says (before quiet hours)
    due_at: datetime  # when to post
    expires_at: datetime  # not posted after this; recorded as missed instead
    cutoff: Cutoff | None = None  # reminders: the cut-off it was scheduled for
    offset_days: int | None = None

    @property
    def key(self) -> tuple[int, str]:
        return (self.subscription.id, self.occurrence)

    @property
    def delivery_key(self) -> str:
        """The key Slack carries in the message metadata (`hpcbot_delivery`)."""
        return f"{self.subscription.id}/{self.occurrence}"


@dataclass
class Plan:
    """What to do about one subscription at one instant."""

    due: list[Occurrence] = field(default_factory=list)
    missed: list[Occurrence] = field(default_factory=list)  # expired unposted: log and skip
    superseded: list[Occurrence] = field(default_factory=list)  # a later reminder covers them
    next_due: datetime | None = None


def cutoff_stamp(at: datetime) -> str:
    return f"{at.astimezone(UTC):%Y%m%dT%H%MZ}"


def reminder_occurrences(
    sub: Subscription, cutoffs: Iterable[Cutoff], quiet: QuietHours | None = None
) -> list[Occurrence]:
    """One occurrence per (cut-off, offset): at `sub.at` local time, `offset` days before."""
    found: list[Occurrence] = []
    for cutoff in cutoffs:
        for days in sub.offsets:
            day = cutoff.at.date() - timedelta(days=days)
            nominal = datetime.combine(day, sub.at, tzinfo=sub.tz).astimezone(UTC)
            if nominal >= cutoff.closes:
                continue  # e.g. "0 days" before a 08:00 cut-off: nothing left to remind
            due = _quiet(nominal, sub, quiet)
            if due >= cutoff.closes:
                # Quiet hours would push it past the cut-off: the deadline matters more.
                due = nominal
            found.append(
                Occurrence(
                    sub,
                    f"remind:{cutoff.call_id}:{cutoff_stamp(cutoff.at)}:{days}d",
                    "reminder",
                    nominal,
                    due,
                    cutoff.closes,
                    cutoff,
                    days,
                )
            )
    return found


def digest_days(sub: Subscription, first: date, last: date) -> list[date]:
    days = []
    day = first
    while day <= last:
        weekday = day.weekday()
        if (
            sub.cadence == "daily"
            or (sub.cadence == "weekdays" and weekday < 5)
            or (sub.cadence == "weekly" and weekday == 0)
        ):
            days.append(day)
        day += timedelta(days=1)
    return days


def digest_occurrences(
    sub: Subscription,
    start: datetime,
    end: datetime,
    grace: timedelta,
    quiet: QuietHours | None = None,
) -> list[Occurrence]:
    """Digests on the local days from `start` to `end` (both in the channel's zone)."""
    tz = sub.tz
    found = []
    for day in digest_days(sub, start.astimezone(tz).date(), end.astimezone(tz).date()):
        # combine() with a zone gives one instant per local day, also on DST days: a time in
        # the spring gap lands an hour later, a repeated autumn time on its first occurrence.
        nominal = datetime.combine(day, sub.at, tzinfo=tz).astimezone(UTC)
        due = _quiet(nominal, sub, quiet)
        found.append(
            Occurrence(sub, f"digest:{day.isoformat()}", "digest", nominal, due, due + grace)
        )
    return found


def plan(
    sub: Subscription,
    now: datetime,
    config: ScheduleConfig,
    cutoffs: Iterable[Cutoff] = (),
    owed_from: Mapping[tuple[str, str], datetime] | None = None,
) -> Plan:
    """Sort a subscription's occurrences around `now`: due, missed, superseded, next.

    `owed_from[(call id, cutoff_stamp)]`: when the subscription learnt of that cut-off;
    reminders nominally due before then (or before the subscription existed) are not owed.
    """
    if sub.kind == "deadlines":
        candidates = reminder_occurrences(sub, cutoffs, config.quiet_hours)
    else:
        start = max(sub.created_at, now - config.lookback) - timedelta(days=1)
        candidates = digest_occurrences(
            sub, start, now + timedelta(days=8), config.digest_grace, config.quiet_hours
        )
    result = Plan()
    oldest = now - config.lookback
    for occ in candidates:
        since = sub.created_at
        if occ.cutoff is not None and owed_from:
            since = max(
                since, owed_from.get((occ.cutoff.call_id, cutoff_stamp(occ.cutoff.at)), since)
            )
        if occ.nominal_at < since:
            continue  # the subscription (or the cut-off) did not exist yet: nothing is owed
        if occ.due_at > now:
            if result.next_due is None or occ.due_at < result.next_due:
                result.next_due = occ.due_at
        elif now < occ.expires_at:
            result.due.append(occ)
        elif occ.due_at >= oldest:
            result.missed.append(occ)
    result.due, result.superseded = _latest_reminder_per_cutoff(result.due)
    return result


def _latest_reminder_per_cutoff(
    due: list[Occurrence],
) -> tuple[list[Occurrence], list[Occurrence]]:
    """After downtime several reminders of one cut-off can be due; only the latest is useful."""
    latest: dict[tuple[str, str], Occurrence] = {}
    keep, drop = [], []
    for occ in due:
        if occ.cutoff is None:
            keep.append(occ)
            continue
        group = (occ.cutoff.call_id, cutoff_stamp(occ.cutoff.at))
        best = latest.get(group)
        if best is None or occ.due_at > best.due_at:
            if best is not None:
                drop.append(best)
            latest[group] = occ
        else:
            drop.append(occ)
    return keep + list(latest.values()), drop


def _quiet(when: datetime, sub: Subscription, quiet: QuietHours | None) -> datetime:
    return quiet.delay(when, sub.tz) if quiet is not None else when
