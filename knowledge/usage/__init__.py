"""A project's GPU-hours on a machine: usage from Slurm accounting, forecast, burn-down chart."""

from __future__ import annotations

from knowledge.usage.chart import burn_down_png
from knowledge.usage.config import UsageConfig, load_usage_config, parse_usage_config
from knowledge.usage.errors import UnknownProject, UsageConfigError, UsageError, UsageUnavailable
from knowledge.usage.forecast import build_report, burn_per_day, daily_curve, forecast
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
from knowledge.usage.providers import (
    SNAPSHOT_FORMAT,
    CliUsageProvider,
    RestUsageProvider,
    SnapshotUsageProvider,
    UsageProvider,
    build_usage_provider,
    write_snapshot,
)
from knowledge.usage.render import amount, forecast_line, period_line, render_text, to_dict
from knowledge.usage.service import RuleLookup, UsageService, billing_rules

__all__ = [
    "AccountUsage",
    "amount",
    "billing_rules",
    "BillingRule",
    "build_report",
    "build_usage_provider",
    "burn_down_png",
    "burn_per_day",
    "CliUsageProvider",
    "daily_curve",
    "DayPoint",
    "forecast",
    "Forecast",
    "forecast_line",
    "IDENTITY",
    "JobCharge",
    "load_usage_config",
    "parse_usage_config",
    "period_line",
    "Project",
    "render_text",
    "RestUsageProvider",
    "RuleLookup",
    "SNAPSHOT_FORMAT",
    "SnapshotUsageProvider",
    "to_dict",
    "UnknownProject",
    "UsageConfig",
    "UsageConfigError",
    "UsageError",
    "UsageProvider",
    "UsageReport",
    "UsageService",
    "UsageUnavailable",
    "UserShare",
    "write_snapshot",
]
