"""Block Kit for a project's usage (pure functions of a `UsageReport`)."""

from __future__ import annotations

from datetime import tzinfo

from bot.views.blocks import Block, context, fit, header, section
from bot.views.mrkdwn import escape
from knowledge.usage import UsageReport
from knowledge.usage.render import amount, forecast_line, period_line

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
