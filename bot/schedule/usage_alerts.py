"""Usage alerts: which of a project's alerts a `usage` subscription owes now (pure functions).

A usage subscription (`/hpc subscribe usage PROJECT`) owes, per allocation period:

    usage:<project>:<period>:threshold:<pct>   the grant is <pct> % used (50, 80, 90, 100)
    usage:<project>:<period>:runout            at the 7-day rate it runs out before the end
    usage:<project>:<period>:unused            at the 7-day rate >= 20 % is left at the end
    usage:<project>:<period>:week:<date>       the summary, Mondays at the subscription's time

`<period>` is the allocation's first and last day (`20261101-20270430`): a new period in the
usage config is a new set of alerts. The keys go through the scheduler's ledger like every
other post, so each alert is posted once, across restarts and replicas.

The alerts are states, not times: they are due while their condition holds, from the sweep
that first sees it (quiet hours permitting). Their ledger `due_at` is the period's start, the
same in every process. When several thresholds are crossed at once (a subscription made at
85 %, a long outage) only the highest is posted; the lower ones are recorded as superseded.
The forecast alerts wait until the period is a week old: before that the 7-day burn is a
guess. Each fires once per period; the weekly summary carries the current forecast.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.schedule.config import ScheduleConfig
from bot.schedule.occurrences import Occurrence, Plan, digest_days
from bot.schedule.subscriptions import Subscription
from knowledge.usage import Project, UsageReport

THRESHOLDS = (50, 80, 90, 100)
UNUSED_ALERT_PCT = 20.0
FORECAST_AFTER = timedelta(days=7)


class UsageAccess(Protocol):
    """What usage subscriptions need from the usage desk (`bot.usage.desk.UsageDesk`)."""

    def project(self, name: str) -> Project | None:
        """The project as the usage config has it now (None: no longer configured)."""
        ...

    def canonical(self, project: str) -> str:
        """The configured spelling; raises UnknownProject listing the known ones."""
        ...

    def linked(self, channel_id: str, project: str) -> bool: ...

    def report_for(self, channel_id: str, project: str) -> UsageReport:
        """The (cached) report; NotLinked if the channel may not see it, UsageError if the
        accounting does not answer."""
        ...


def period_key(project: Project) -> str:
    return f"{project.start:%Y%m%d}-{project.last_day:%Y%m%d}"


def key_prefix(project: Project) -> str:
    return f"usage:{project.name}:{period_key(project)}:"


@dataclass(frozen=True)
class UsageAlert:
    """One alert's name within the period: `threshold:80`, `runout`, `unused`."""

    name: str

    @property
    def threshold(self) -> int | None:
        kind, _, pct = self.name.partition(":")
        return int(pct) if kind == "threshold" and pct.isdigit() else None


def holding(report: UsageReport, now: datetime) -> list[UsageAlert]:
    """The alerts whose condition holds in `report` (thresholds lowest first)."""
    found: list[UsageAlert] = []
    pct = report.used_pct
    if pct is not None:
        found += [UsageAlert(f"threshold:{t}") for t in THRESHOLDS if pct >= t]
    f, project = report.forecast, report.project
    if f is None or now - project.start < FORECAST_AFTER or now >= project.end:
        return found
    if report.left is not None and report.left <= 0:
        return found
    if f.days_before_end is not None and f.days_before_end >= 1:
        found.append(UsageAlert("runout"))
    elif f.unused_pct is not None and f.unused_pct >= UNUSED_ALERT_PCT:
        found.append(UsageAlert("unused"))
    return found


def still_holds(alert: UsageAlert, report: UsageReport, now: datetime) -> bool:
    """At send time: is the alert still true? (A threshold stays crossed once crossed.)"""
    held = holding(report, now)
    if alert.threshold is not None:
        return any(h.threshold is not None and h.threshold >= alert.threshold for h in held)
    return alert in held


def parse_occurrence(occurrence: str, project: Project) -> tuple[str, str] | None:
    """`usage:<p>:<period>:week:2026-11-09` -> ("week", "2026-11-09");
    `...:threshold:80` -> ("alert", "threshold:80"); None if not this period's."""
    prefix = key_prefix(project)
    if not occurrence.startswith(prefix):
        return None
    rest = occurrence.removeprefix(prefix)
    if rest.startswith("week:"):
        return "week", rest.removeprefix("week:")
    return "alert", rest


def alert_occurrence(sub: Subscription, project: Project, alert: UsageAlert) -> Occurrence:
    start = project.start
    return Occurrence(
        sub, key_prefix(project) + alert.name, "usage_alert", start, start, project.end
    )


def summary_occurrences(
    sub: Subscription, project: Project, start: datetime, end: datetime, config: ScheduleConfig
) -> list[Occurrence]:
    """The Monday summaries between `start` and `end` that fall inside the period."""
    tz, found = sub.tz, []
    for day in digest_days(sub, start.astimezone(tz).date(), end.astimezone(tz).date()):
        nominal = datetime.combine(day, sub.at, tzinfo=tz).astimezone(UTC)
        if not project.start <= nominal < project.end:
            continue
        due = config.quiet_hours.delay(nominal, tz) if config.quiet_hours else nominal
        occurrence = f"{key_prefix(project)}week:{day.isoformat()}"
        found.append(
            Occurrence(sub, occurrence, "usage_summary", nominal, due, due + config.digest_grace)
        )
    return found


def usage_plan(
    sub: Subscription,
    now: datetime,
    config: ScheduleConfig,
    project: Project,
    report: UsageReport | None,
) -> Plan:
    """Sort a usage subscription's posts around `now`, as `occurrences.plan` does for the
    others. `report` None: the accounting did not answer; only summaries are planned (they
    say so), alerts wait for a sweep that can read the figures."""
    result = Plan()
    start = max(sub.created_at, now - config.lookback) - timedelta(days=1)
    for occ in summary_occurrences(sub, project, start, now + timedelta(days=8), config):
        if occ.nominal_at < sub.created_at:
            continue
        if occ.due_at > now:
            if result.next_due is None or occ.due_at < result.next_due:
                result.next_due = occ.due_at
        elif now < occ.expires_at:
            result.due.append(occ)
        elif occ.due_at >= now - config.lookback:
            result.missed.append(occ)
    if report is None or not project.start <= now < project.end:
        return result
    alerts = holding(report, now)
    quiet = config.quiet_hours
    if alerts and quiet is not None and quiet.delay(now, sub.tz) > now:
        later = quiet.delay(now, sub.tz)
        if result.next_due is None or later < result.next_due:
            result.next_due = later
        return result
    thresholds = [a for a in alerts if a.threshold is not None]
    for alert in alerts:
        occ = alert_occurrence(sub, project, alert)
        if alert.threshold is not None and alert != thresholds[-1]:
            result.superseded.append(occ)  # a higher threshold is crossed too
        else:
            result.due.append(occ)
    return result


def needs_reports(subs: Collection[Subscription]) -> list[str]:
    return sorted({s.project for s in subs if s.kind == "usage" and s.project})
