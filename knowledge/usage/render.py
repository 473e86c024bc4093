"""A usage report as plain text (CLI) and as a JSON-ready dict; numbers rounded for people."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from knowledge.usage.model import UsageReport


def amount(value: float) -> str:
    """1234.5 -> "1,234.5"; 12.25 -> "12.2"; 0.004 -> "0.004"."""
    if value == 0:
        return "0"
    if abs(value) < 0.1:
        return f"{value:.3f}"
    if abs(value) < 100:
        return f"{value:,.1f}"
    return f"{value:,.0f}"


def period_line(report: UsageReport) -> str:
    p = report.project
    return f"{p.start:%Y-%m-%d} to {p.last_day:%Y-%m-%d}"


def forecast_line(report: UsageReport) -> str:
    f, unit = report.forecast, report.unit
    if report.granted is None or f is None:
        return "No forecast: no grant is known (set GrpTRESMins or `granted` in the usage config)."
    if report.left is not None and report.left <= 0:
        return "The allocation is used up."
    if f.exhausted_on is None:
        return f"Nothing was used in the last 7 days; at this rate {f.unused_pct:.0f} % will be left unused."
    if f.days_before_end is not None:
        return (
            f"At the last 7 days' rate ({amount(f.rate_per_day)} {unit}/day) it runs out on "
            f"{f.exhausted_on:%Y-%m-%d}, {f.days_before_end} days before the end."
        )
    return (
        f"At the last 7 days' rate ({amount(f.rate_per_day)} {unit}/day) "
        f"{f.unused_pct:.0f} % ({amount(f.unused_at_end or 0)} {unit}) will be left unused."
    )


def render_text(report: UsageReport, tz: tzinfo) -> str:
    p, unit = report.project, report.unit
    lines = [f"{p.name} ({p.account} on {p.machine}), {period_line(report)}"]
    if report.granted is not None:
        lines.append(
            f"  granted {amount(report.granted)} {unit}, used {amount(report.used)} "
            f"({report.used_pct or 0:.1f} %), left {amount(report.left or 0)}"
        )
    else:
        lines.append(f"  used {amount(report.used)} {unit} (no grant known)")
    lines.append(
        f"  burn: {amount(report.burn_7d)} {unit}/day over 7 days, "
        f"{amount(report.burn_30d)} over 30 days"
    )
    lines.append(f"  {forecast_line(report)}")
    if report.top_users:
        tops = ", ".join(f"{u.user} {amount(u.used)}" for u in report.top_users)
        lines.append(f"  top users: {tops}")
    lines.append(
        f"  from {report.source} at {report.as_of.astimezone(tz):%Y-%m-%d %H:%M %Z}; "
        f"billing rule: {report.rule.source or 'Slurm GPU-hours'}"
    )
    return "\n".join(lines)


def to_dict(report: UsageReport) -> dict[str, Any]:
    p, f = report.project, report.forecast
    return {
        "project": p.name,
        "machine": p.machine,
        "account": p.account,
        "period": {"start": p.start.isoformat(), "end": p.end.isoformat()},
        "unit": report.unit,
        "granted": report.granted,
        "used": report.used,
        "left": report.left,
        "used_pct": report.used_pct,
        "used_slurm_gpu_seconds": report.used_slurm_gpu_seconds,
        "burn_per_day": {"7d": report.burn_7d, "30d": report.burn_30d},
        "forecast": None
        if f is None
        else {
            "rate_per_day": f.rate_per_day,
            "exhausted_on": f.exhausted_on.isoformat() if f.exhausted_on else None,
            "days_before_end": f.days_before_end,
            "unused_at_end": f.unused_at_end,
            "unused_pct": f.unused_pct,
        },
        "top_users": [{"user": u.user, "used": u.used} for u in report.top_users],
        "as_of": report.as_of.isoformat(),
        "source": report.source,
        "billing_rule": {
            "per_gpu_hour": report.rule.per_gpu_hour,
            "per_node_hour": report.rule.per_node_hour,
            "source": report.rule.source or None,
            "as_of": report.rule.as_of.isoformat() if report.rule.as_of else None,
            "confirmed": report.rule.confirmed,
        },
    }
