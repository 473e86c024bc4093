"""Block Kit for a project's usage and its alerts (pure functions of a `UsageReport`)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from bot.logs import redact
from bot.schedule.subscriptions import Subscription
from bot.views.blocks import Block, context, fit, header, section
from bot.views.mrkdwn import escape
from knowledge.usage import UsageReport, amount, forecast_line, period_line

USAGE_HELP = (
    "Usage: `/usage PROJECT`: granted, used and left GPU-hours, burn rate, forecast and a "
    "burn-down chart, for a project linked to this channel (`/hpc link PROJECT`, admins)."
)


def usage_help(linked: list[str]) -> str:
    if linked:
        return f"{USAGE_HELP}\nLinked here: {', '.join(f'`{escape(p)}`' for p in linked)}."
    return f"{USAGE_HELP}\nNo project is linked to this channel yet."


def summary_text(report: UsageReport) -> str:
    """The one-line fallback (notifications, screen readers)."""
    p, unit = report.project, report.unit
    if report.granted is None:
        return f"{p.name}: {amount(report.used)} {unit} used"
    return (
        f"{p.name}: {amount(report.used)} of {amount(report.granted)} {unit} used "
        f"({report.used_pct or 0:.0f} %), {amount(report.left or 0)} left"
    )


def build_usage_blocks(report: UsageReport, tz: tzinfo) -> list[Block]:
    p, unit = report.project, report.unit
    rows = []
    if report.granted is not None:
        rows.append(
            f"*Granted* {amount(report.granted)} {unit}   *Used* {amount(report.used)} "
            f"({report.used_pct or 0:.1f} %)   *Left* {amount(report.left or 0)}"
        )
    else:
        rows.append(f"*Used* {amount(report.used)} {unit} (no grant known)")
    rows.append(f"*Period* {period_line(report)}")
    rows.append(
        f"*Burn* {amount(report.burn_7d)} {unit}/day over 7 days, "
        f"{amount(report.burn_30d)}/day over 30 days"
    )
    rows.append(f"*Forecast* {escape(forecast_line(report))}")
    if report.top_users:
        tops = ", ".join(f"{escape(u.user)} {amount(u.used)}" for u in report.top_users)
        rows.append(f"*Top users* {tops}")
    rule = report.rule
    billing = (
        f"Billing: {unit} as <{rule.source}|the site's billing page> says"
        f" (checked {rule.as_of:%Y-%m-%d})"
        if rule.source and rule.as_of
        else "Billing: Slurm GPU-hours (no site rule in the catalogue)"
    )
    if not rule.confirmed:
        billing += ", not confirmed by an official page"
    return fit(
        [
            header(f"{p.name}: GPU-hours on {p.machine}"),
            section("\n".join(rows)),
            context(
                f"Slurm account `{escape(p.account)}` · from {report.source} at "
                f"{report.as_of.astimezone(tz):%Y-%m-%d %H:%M %Z} · {billing}"
            ),
        ]
    )


# --------------------------------------------------------------------------- alerts (scheduled)
def _last_day(report: UsageReport) -> str:
    return f"{report.project.last_day:%Y-%m-%d}"


def usage_alert(report: UsageReport, alert: str, sub: Subscription) -> tuple[str, list[Block]]:
    """One alert of a usage subscription: `threshold:<pct>`, `runout` or `unused`."""
    p, unit, f = report.project, report.unit, report.forecast
    name = escape(p.name)
    granted, used, left = (amount(v or 0) for v in (report.granted, report.used, report.left))
    if alert == "threshold:100":
        text = (
            f":red_circle: *{name}* has used its whole grant: {used} of {granted} {unit} "
            f"(period ends {_last_day(report)})."
        )
    elif alert.startswith("threshold:"):
        text = (
            f":bar_chart: *{name}* has used {alert.split(':')[1]} % of its grant: {used} of "
            f"{granted} {unit} ({report.used_pct or 0:.0f} %), {left} left until "
            f"{_last_day(report)}."
        )
    elif alert == "runout" and f is not None and f.exhausted_on is not None:
        text = (
            f":warning: *{name}*: at this rate ({amount(f.rate_per_day)} {unit}/day over the "
            f"last 7 days) you run out on {f.exhausted_on:%Y-%m-%d}, {f.days_before_end} days "
            f"before the end of the period ({_last_day(report)})."
        )
    else:
        rate = amount(f.rate_per_day) if f is not None else "0"
        pct = f.unused_pct if f is not None and f.unused_pct is not None else 0.0
        unused = amount(f.unused_at_end or 0) if f is not None else "0"
        text = (
            f":hourglass: *{name}*: at this rate ({rate} {unit}/day over the last 7 days) "
            f"{pct:.0f} % of the grant ({unused} {unit}) will be left unused when the period "
            f"ends ({_last_day(report)})."
        )
    note = f"Usage alert (subscription #{sub.id}) · `/usage {name}` for the figures and chart"
    return text, fit([section(text), context(note)])


def weekly_summary(
    report: UsageReport, sub: Subscription, late_due: datetime | None
) -> tuple[str, list[Block]]:
    tz = sub.tz
    notes = [f":calendar: Weekly usage summary, Mondays at {sub.at:%H:%M} (subscription #{sub.id})"]
    if late_due is not None:
        local = late_due.astimezone(tz)
        notes.append(
            f":hourglass: Late: this was due {local:%a} {local.day} {local:%b}, {local:%H:%M %Z}."
        )
    blocks = build_usage_blocks(report, tz)
    return summary_text(report), fit(blocks[:1] + [context(*notes)] + blocks[1:])


def summary_unavailable(project: str, reason: str, sub: Subscription) -> tuple[str, list[Block]]:
    text = (
        f":warning: The weekly usage summary of {escape(project)} (subscription #{sub.id}) has "
        f"no figures today: {escape(redact(reason))}"
    )
    return text, [section(text)]
