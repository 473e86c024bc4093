"""Against the real Slurm test cluster with accounting: two projects charged by real jobs; every
provider's `/usage` figures (GPU time used by each project, and by each of its users) equal what
Slurm's own `sreport` prints for the same period, and the job records `sacct` prints.

`sreport` sums the usage tables that slurmdbd rolls up, whole hours at a time and only hours
that have ended. The test cluster's slurmctld and slurmd run SLURM_TEST_CLOCK_BEHIND seconds
(3 h) behind this machine's clock (libfaketime, see scripts/slurm-test-cluster.sh), so its jobs
ran in hours that slurmdbd, on the real clock, regards as over: `slurm-test-cluster.sh rollup`
folds them in and `sreport` reports them. Its output is parsed here, independently of the
product's parser (`knowledge.usage.slurm.parse_sreport`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from external import unavailable
from slurmcluster import cluster_script
from usage_testing import run, wait_recorded

from knowledge import CatalogSource
from knowledge.usage import UsageService, billing_rules, build_usage_provider, parse_usage_config

pytestmark = pytest.mark.slurm
KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge" / "data"
HPCBOT = Path(sys.executable).with_name("hpcbot")
TODAY = datetime.now(UTC).date()
START, END = TODAY - timedelta(days=3), TODAY + timedelta(days=27)
GRANTED = {"alpha": 50.0, "beta": 10.0}  # GrpTRESMins gres/gpu=6000 and 1200, in GPU-hours
SINCE = f"{START:%Y-%m-%d}T00:00:00"  # the period's first instant, UTC (usage_testing.run)
PROJECTS = {"alpha": "project_alpha", "beta": "project_beta"}
BY_PROJECT = pytest.mark.parametrize(("project", "account"), list(PROJECTS.items()))
# LUMI's rule: a GCD-second is half a GPU-second (standard-g: 4 per node-hour = 8 GCDs x 0.5).
LUMI_GPU_HOURS_PER_SLURM_GPU_SECOND = 0.5 / 3600


def sreport_seconds(account: str) -> dict[str, int]:
    """gres/gpu TRES seconds of `account` per user ("": the account's own total line), as
    `sreport cluster AccountUtilizationByUser` prints them from the period's start to now."""
    text = run(
        "sreport", "-n", "-P", "-t", "seconds", "-T", "gres/gpu", "cluster",
        "AccountUtilizationByUser", f"accounts={account}", f"start={SINCE}", "end=now",
        "format=Account,Login,TresName,Used",
    )  # fmt: skip
    seconds: dict[str, int] = {}
    for line in text.splitlines():
        name, login, tres, used = line.split("|")
        assert (name, tres) == (account, "gres/gpu"), line
        seconds[login] = int(used)
    return seconds


def sacct_seconds(account: str) -> dict[str, int]:
    """GPU-seconds per user of `account` ("" for the total), from slurmdbd's job records."""
    text = run(
        "sacct", "-X", "-n", "-P", "-a", "-A", account, "-S", SINCE, "-E", "now",
        "-o", "User,ElapsedRaw,AllocTRES",
    )  # fmt: skip
    seconds: dict[str, int] = {"": 0}
    for line in text.splitlines():
        user, elapsed, tres = line.split("|")
        gpus = next((int(t.split("=")[1]) for t in tres.split(",") if t.startswith("gres/gpu=")), 0)
        seconds[user] = seconds.get(user, 0) + gpus * int(elapsed)
        seconds[""] += gpus * int(elapsed)
    return seconds


@pytest.fixture(scope="module")
def sreport(two_projects: dict[str, str]) -> dict[str, dict[str, int]]:
    """{account: sreport_seconds(account)}, once every job of both accounts has ended and
    slurmdbd has rolled the usage up."""
    behind = int(two_projects.get("SLURM_TEST_CLOCK_BEHIND", "0"))
    if behind < 3600:
        unavailable(
            f"the running Slurm test cluster's clock is {behind} s behind, not an hour or more: "
            "sreport cannot see this hour's jobs (restart it: slurm-test-cluster.sh stop, start)"
        )
    # Every job of both accounts, a notification test's too, has ended and is fully recorded.
    wait_recorded("-a", "-A", ",".join(PROJECTS.values()), "-S", SINCE, "-E", "now")
    rolled = cluster_script("rollup", timeout=120)
    assert rolled.returncode == 0, rolled.stderr
    return {account: sreport_seconds(account) for account in PROJECTS.values()}


def service(machine: dict[str, object], environ: dict[str, str]) -> UsageService:
    config = parse_usage_config(
        {
            "machines": {"lumi": machine},
            "projects": {
                name: {"machine": "lumi", "account": account, "start": START, "end": END}
                for name, account in PROJECTS.items()
            },
        }
    )
    return UsageService(
        config,
        rules=billing_rules(CatalogSource(KNOWLEDGE)),
        provider_factory=lambda source: build_usage_provider(source, environ=environ),
    )


@pytest.fixture(params=["slurmrestd", "slurm-cli", "snapshot"])
def usage(
    request: pytest.FixtureRequest,
    two_projects: dict[str, str],
    sreport: dict[str, dict[str, int]],
    tmp_path: Path,
) -> UsageService:
    """The usage service on one provider, used after `sreport` read the finished, rolled-up
    jobs (so that both see the same ones)."""
    env = two_projects
    cli = {"provider": "slurm-cli", "env": {"SLURM_CONF": env["SLURM_CONF"]}}
    if request.param == "slurmrestd":
        machine: dict[str, object] = {
            "provider": "slurmrestd",
            "url": env["SLURMRESTD_URL"],
            "user": env["SLURM_USER_NAME"],
            "token_env": "SLURMRESTD_JWT",
        }
    elif request.param == "slurm-cli":
        machine = cli
    else:  # what the cron job on a login node runs
        path = tmp_path / "usage.json"
        snapshot = run(str(HPCBOT), "usage-snapshot", *PROJECTS.values(), "--since", f"{START}", "-o", str(path))  # fmt: skip
        assert snapshot == f"usage snapshot of 2 account(s) written to {path}\n"
        machine = {"provider": "snapshot", "path": str(path)}
    return service(machine, {"SLURMRESTD_JWT": env["SLURMRESTD_JWT"]})


@BY_PROJECT
def test_sreport_reports_every_gpu_second_of_the_accounts_jobs(
    sreport: dict[str, dict[str, int]], project: str, account: str
) -> None:
    # The reference is complete: every job slurmdbd recorded is in sreport's rolled-up hours.
    assert sreport[account][""] == sacct_seconds(account)[""] > 0


@BY_PROJECT
def test_used_slurm_gpu_seconds_equal_sreports_account_total(
    usage: UsageService, sreport: dict[str, dict[str, int]], project: str, account: str
) -> None:
    assert usage.report(project).used_slurm_gpu_seconds == sreport[account][""]


@BY_PROJECT
def test_used_gpu_hours_are_sreports_account_total_billed_by_lumis_rule(
    usage: UsageService, sreport: dict[str, dict[str, int]], project: str, account: str
) -> None:
    expected = sreport[account][""] * LUMI_GPU_HOURS_PER_SLURM_GPU_SECOND

    assert usage.report(project).used == pytest.approx(expected, rel=1e-12)


@BY_PROJECT
def test_each_users_gpu_hours_equal_sreports_user_line(
    usage: UsageService, sreport: dict[str, dict[str, int]], project: str, account: str
) -> None:
    expected = {
        user: pytest.approx(seconds * LUMI_GPU_HOURS_PER_SLURM_GPU_SECOND, rel=1e-12)
        for user, seconds in sreport[account].items()
        if user
    }

    assert {u.user: u.used for u in usage.report(project).top_users} == expected


@BY_PROJECT
def test_used_slurm_gpu_seconds_equal_sacct_job_records(
    usage: UsageService, project: str, account: str
) -> None:
    assert usage.report(project).used_slurm_gpu_seconds == sacct_seconds(account)[""]


def test_the_grant_is_the_accounts_gpu_minute_limit_in_lumi_gpu_hours(
    usage: UsageService,
) -> None:
    # GrpTRESMins=gres/gpu=6000 GCD-minutes = 100 GCD-hours = 50 GPU-hours; 1200 -> 10.
    assert {name: usage.report(name).granted for name in PROJECTS} == GRANTED


@BY_PROJECT
def test_the_forecast_on_a_fixed_clock_is_the_hand_computation_from_sreport(
    usage: UsageService, sreport: dict[str, dict[str, int]], project: str, account: str
) -> None:
    # Now is fixed at 00:00 UTC on the period's 6th day, after every job ran: the 7-day and
    # 30-day windows reach back past the start, so both burns are sreport's count over 5 days.
    # At that rate the grant outlasts the period, which ends 26 days from now (00:00 after
    # END): left unused is the grant minus the use so far minus 26 more days at that rate.
    now = datetime.combine(START + timedelta(days=5), time(), tzinfo=UTC)
    usage.clock = lambda: now
    used = sreport[account][""] * LUMI_GPU_HOURS_PER_SLURM_GPU_SECOND
    rate, left = used / 5, GRANTED[project] - used
    unused = left - rate * 26

    report = usage.report(project)

    f = report.forecast
    assert f is not None
    assert (report.burn_7d, report.burn_30d) == (pytest.approx(rate, rel=1e-12),) * 2
    assert f.rate_per_day == pytest.approx(rate, rel=1e-12)
    assert f.exhausted_on is not None
    assert (f.exhausted_on - now).total_seconds() == pytest.approx(left / rate * 86400, rel=1e-9)
    assert f.days_before_end is None
    assert f.unused_at_end == pytest.approx(unused, rel=1e-12)
    assert f.unused_pct == pytest.approx(unused / GRANTED[project] * 100, rel=1e-12)


def test_a_jobs_accounting_record_is_found_by_its_id(usage: UsageService) -> None:
    # sacct lists only jobs since midnight by default; the test cluster runs hours behind.
    job_id = run(
        "sacct", "-X", "-n", "-P", "-S", SINCE, "-A", "project_beta", "-o", "JobID"
    ).split()[-1]  # fmt: skip

    job = usage.job("lumi", job_id)

    assert job is not None
    assert (job.account, job.user, job.gpus, job.state, job.exit_code) == (
        "project_beta", "slurmtest", 2, "COMPLETED", 0,
    )  # fmt: skip


def test_hpcbot_usage_json_prints_sreports_figures_billed_by_lumis_rule(
    two_projects: dict[str, str], sreport: dict[str, dict[str, int]], tmp_path: Path
) -> None:
    """The command a person runs, as a process: the usage config file, slurmrestd with the
    token from the environment, JSON out, and the chart written."""
    config = tmp_path / "usage.yaml"
    config.write_text(
        "machines:\n"
        f"  lumi: {{provider: slurmrestd, url: {two_projects['SLURMRESTD_URL']}, "
        f"user: {two_projects['SLURM_USER_NAME']}, token_env: SLURMRESTD_JWT}}\n"
        "projects:\n"
        f"  alpha: {{machine: lumi, account: project_alpha, start: {START}, end: {END}}}\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HPCBOT_", "SLURM"))} | {
        "HPCBOT_DATA_DIR": str(tmp_path / "data"),
        "HPCBOT_USAGE_CONFIG": str(config),
        "SLURMRESTD_JWT": two_projects["SLURMRESTD_JWT"],
    }
    chart = tmp_path / "alpha.png"
    done = subprocess.run(
        [str(HPCBOT), "usage", "alpha", "--json", "--chart", str(chart)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    seconds = sreport["project_alpha"]
    assert (data["granted"], data["used_slurm_gpu_seconds"]) == (50.0, seconds[""])
    assert data["used"] == pytest.approx(
        seconds[""] * LUMI_GPU_HOURS_PER_SLURM_GPU_SECOND, rel=1e-12
    )
    assert {u["user"]: u["used"] for u in data["top_users"]} == {
        user: pytest.approx(used * LUMI_GPU_HOURS_PER_SLURM_GPU_SECOND, rel=1e-12)
        for user, used in seconds.items()
        if user
    }
    assert data["source"] == "slurmrestd"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
