"""From an account's jobs to a report: used, left, burn rates, forecast, top users, daily curve.

Pure functions of (what Slurm said, the project, the billing rule, now): time travel in tests is
calling them with another `now`.

    burn over N days = units used in [max(start, now - N days), now) / the days in that window
    forecast rate    = the 7-day burn
    exhaustion       = now + left / rate            (None when nothing burns or nothing is granted)
    unused at end    = left - rate x (end - now)     (0 when exhaustion comes first)
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import UTC, datetime, time, timedelta

from knowledge.usage.model import (
    IDENTITY,
    AccountUsage,
    BillingRule,
    DayPoint,
    Forecast,
    JobCharge,
    Project,
    UsageReport,
    UserShare,
)

DAY = timedelta(days=1)
TOP_USERS = 5


def billed_between(
    jobs: tuple[JobCharge, ...] | list[JobCharge],
    rule: BillingRule,
    since: datetime,
    until: datetime,
) -> float:
    return sum(rule.billed(job, since, until) for job in jobs)


def burn_per_day(
    jobs: tuple[JobCharge, ...] | list[JobCharge],
    rule: BillingRule,
    start: datetime,
    now: datetime,
    days: int,
) -> float:
    """Units per day over the last `days` days, or since `start` when that is later."""
    since = max(start, now - timedelta(days=days))
    span = (now - since).total_seconds() / 86400
    if span <= 0:
        return 0.0
    return billed_between(jobs, rule, since, now) / span


def forecast(
    granted: float | None, used: float, rate: float, now: datetime, end: datetime
) -> Forecast | None:
    if granted is None:
        return None
    left = granted - used
    remaining_days = max(0.0, (end - now).total_seconds() / 86400)
    if rate <= 0:
        unused = max(0.0, left)
        return Forecast(rate, None, None, unused, _pct(unused, granted))
    exhausted = now + timedelta(days=max(0.0, left) / rate)
    if exhausted < end:
        before = math.floor((end - exhausted).total_seconds() / 86400)
        return Forecast(rate, exhausted, before, 0.0, 0.0)
    unused = max(0.0, left - rate * remaining_days)
    return Forecast(rate, exhausted, None, unused, _pct(unused, granted))


def _pct(part: float, whole: float) -> float | None:
    return part / whole * 100 if whole > 0 else None


def daily_curve(
    jobs: tuple[JobCharge, ...] | list[JobCharge],
    rule: BillingRule,
    start: datetime,
    now: datetime,
) -> tuple[DayPoint, ...]:
    """Cumulative units at the end of each UTC day from the start's day to today (today: now)."""
    first = start.astimezone(UTC).date()
    last = now.astimezone(UTC).date()
    if last < first:
        return ()
    increments: defaultdict[int, float] = defaultdict(float)
    for job in jobs:
        if job.start is None:
            continue
        begin = max(job.start, start)
        finish = min(job.end or now, now)
        while begin < finish:
            day = begin.astimezone(UTC).date()
            day_end = datetime.combine(day + DAY, time(), tzinfo=UTC)
            piece_end = min(finish, day_end)
            increments[(day - first).days] += rule.billed(job, begin, piece_end)
            begin = piece_end
    points, total = [], 0.0
    for offset in range((last - first).days + 1):
        total += increments.get(offset, 0.0)
        points.append(DayPoint(first + timedelta(days=offset), total))
    return tuple(points)


def build_report(
    usage: AccountUsage, project: Project, now: datetime, rule: BillingRule = IDENTITY
) -> UsageReport:
    """Everything `/usage` shows, from what a provider read."""
    until = min(now, project.end)
    jobs = usage.jobs
    used = billed_between(jobs, rule, project.start, until)
    raw = sum(j.seconds_between(project.start, until) * j.gpus for j in jobs)
    granted = project.granted
    if granted is None and usage.limit_gpu_minutes is not None:
        granted = rule.granted(usage.limit_gpu_minutes)
    per_user: defaultdict[str, float] = defaultdict(float)
    for job in jobs:
        per_user[job.user] += rule.billed(job, project.start, until)
    top = sorted(
        (UserShare(u, v) for u, v in per_user.items() if v > 0), key=lambda s: (-s.used, s.user)
    )[:TOP_USERS]
    burn_7d = burn_per_day(jobs, rule, project.start, until, 7)
    burn_30d = burn_per_day(jobs, rule, project.start, until, 30)
    return UsageReport(
        project=project,
        unit=rule.unit,
        granted=granted,
        used=used,
        used_slurm_gpu_seconds=raw,
        burn_7d=burn_7d,
        burn_30d=burn_30d,
        forecast=forecast(granted, used, burn_7d, until, project.end),
        top_users=tuple(top),
        daily=daily_curve(jobs, rule, project.start, until),
        as_of=usage.taken_at,
        source=usage.source,
        rule=rule,
    )
