"""A project's GPU-hours on a machine: usage from Slurm accounting, forecast, burn-down chart."""

from __future__ import annotations

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
from knowledge.usage.service import UsageService, billing_rules

__all__ = [
    "AccountUsage",
    "billing_rules",
    "BillingRule",
    "build_report",
    "build_usage_provider",
    "burn_per_day",
    "CliUsageProvider",
    "daily_curve",
    "DayPoint",
    "forecast",
    "Forecast",
    "IDENTITY",
    "JobCharge",
    "load_usage_config",
    "parse_usage_config",
    "Project",
    "RestUsageProvider",
    "SNAPSHOT_FORMAT",
    "SnapshotUsageProvider",
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
