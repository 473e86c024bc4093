"""Usage figures and the forecast, checked against a hand computation on a fixed clock.

The allocation: 1 Nov to 31 Dec 2026 (the period ends at 1 Jan 00:00 UTC), 1,000 GPU-hours;
"now" is 21 Nov 00:00 UTC, 20 days in. Three jobs (Slurm-GPU-hours, identity billing):

    A  alice  2 Nov 00:00 -> 4 Nov 12:00   60 h x 2 GPUs = 120
    B  bob    15 Nov 00:00 -> 20 Nov 00:00  120 h x 1 GPU = 120
    C  alice  20 Nov 00:00 -> running       24 h x 2 GPUs =  48

used 288, left 712; last 7 days (14-21 Nov): B 120 + C 48 = 168, 24/day; since the start
(20 days): 288 / 20 = 14.4/day. At 24/day the 712 left last 29 2/3 days: gone on 20 Dec
16:00, 11 whole days before the end.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from knowledge.usage import (
    AccountUsage,
    BillingRule,
    JobCharge,
    Project,
    build_report,
)

NOW = datetime(2026, 11, 21, tzinfo=UTC)
START = datetime(2026, 11, 1, tzinfo=UTC)
END = datetime(2027, 1, 1, tzinfo=UTC)


def at(day: int, hour: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


JOBS = (
    JobCharge("1", "pretrain", "alice", "project_a", "COMPLETED", at(2), at(4, 12), gpus=2),
    JobCharge("2", "sweep", "bob", "project_a", "COMPLETED", at(15), at(20), gpus=1),
    JobCharge("3", "finetune", "alice", "project_a", "RUNNING", at(20), None, gpus=2),
)


def report(granted: float, jobs: tuple[JobCharge, ...] = JOBS, rule: BillingRule | None = None):  # type: ignore[no-untyped-def]
    usage = AccountUsage("project_a", None, jobs, NOW, "slurm-cli")
    project = Project("alpha", "lumi", "project_a", START, END, granted=granted)
    return build_report(usage, project, NOW, rule or BillingRule())


def test_used_and_left_count_only_time_inside_the_period() -> None:
    r = report(1000)

    assert (r.used, r.left) == (288.0, 712.0)
    assert r.used_pct == pytest.approx(28.8)


def test_burn_over_7_days_and_over_30_days_clipped_to_the_period_start() -> None:
    r = report(1000)

    assert (r.burn_7d, r.burn_30d) == (24.0, pytest.approx(14.4))


def test_forecast_runs_out_11_days_before_the_end() -> None:
    f = report(1000).forecast

    assert f is not None
    assert (f.exhausted_on, f.days_before_end, f.unused_at_end) == (at(20, 16, 12), 11, 0.0)


def test_forecast_with_a_larger_grant_leaves_36_4_percent_unused() -> None:
    # 1,712 left; 41 days to go at 24/day burn 984; 728 of 2,000 stay unused.
    f = report(2000).forecast

    assert f is not None
    assert f.days_before_end is None
    assert f.unused_at_end == pytest.approx(728.0)
    assert f.unused_pct == pytest.approx(36.4)


def test_nothing_burning_means_no_exhaustion_and_everything_left_unused() -> None:
    f = report(1000, jobs=()).forecast

    assert f is not None
    assert (f.exhausted_on, f.unused_at_end, f.unused_pct) == (None, 1000.0, 100.0)


def test_top_users_are_ordered_by_use() -> None:
    assert [(u.user, u.used) for u in report(1000).top_users] == [("alice", 168.0), ("bob", 120.0)]


def test_daily_curve_is_cumulative_per_utc_day() -> None:
    daily = {p.day: p.used for p in report(1000).daily}

    assert len(daily) == 21
    assert [daily[date(2026, 11, d)] for d in (1, 2, 3, 4, 5, 15, 19, 20, 21)] == [
        0.0,
        48.0,
        96.0,
        120.0,
        120.0,
        144.0,
        240.0,
        288.0,
        288.0,
    ]


LUMI = BillingRule(unit="GPU-hours", per_gpu_hour=0.5, per_node_hour={"standard-g": 4})


def test_lumi_bills_a_gcd_hour_as_half_a_gpu_hour_and_a_standard_g_node_hour_as_four() -> None:
    jobs = (
        JobCharge(
            "1", "a", "alice", "p", "COMPLETED", at(2), at(2, 10), gpus=2, partition="small-g"
        ),
        JobCharge(
            "2", "b", "bob", "p", "COMPLETED", at(3), at(3, 10), gpus=8, partition="standard-g"
        ),
    )

    r = report(1000, jobs=jobs, rule=LUMI)

    # 2 GCDs x 10 h x 0.5 = 10; 1 node x 10 h x 4 = 40. Slurm itself counts 20 + 80 GCD-hours.
    assert (r.used, r.used_slurm_gpu_seconds / 3600, r.unit) == (50.0, 100.0, "GPU-hours")


def test_a_grpTRESMins_limit_is_converted_by_the_billing_rule() -> None:
    usage = AccountUsage("p", 6000.0, (), NOW, "slurmrestd")
    project = Project("alpha", "lumi", "p", START, END)

    # 6,000 GCD-minutes = 100 GCD-hours = 50 LUMI GPU-hours.
    assert build_report(usage, project, NOW, LUMI).granted == 50.0
