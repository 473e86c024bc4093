"""Against the real Slurm test cluster with accounting: two projects charged by real jobs; every
provider's `/usage` figures equal Slurm's own accounting of the same jobs.

The reference is each job's record in slurmdbd as `sacct` prints it (allocated `gres/gpu` times
`ElapsedRaw`), summed here. `sreport` sums the same records, but only for whole hours that
slurmdbd has rolled up, and the jobs of a fresh test cluster all run in the current hour, which
no rollup covers until it ends: comparing with `sreport` worked only when an earlier hour held
the jobs, so it failed on fresh CI machines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from usage_testing import run

from knowledge import CatalogSource
from knowledge.usage import (
    CliUsageProvider,
    UsageService,
    billing_rules,
    build_usage_provider,
    parse_usage_config,
    write_snapshot,
)

pytestmark = pytest.mark.slurm
KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge" / "data"
TODAY = datetime.now(UTC).date()
START, END = TODAY - timedelta(days=3), TODAY + timedelta(days=27)


def sacct_seconds(account: str) -> dict[str, float]:
    """GPU-seconds per user of `account` ("" for the total), from slurmdbd's job records."""
    text = run(
        "sacct", "-X", "-n", "-P", "-a", "-A", account, "-S", f"{START:%Y-%m-%d}T00:00:00",
        "-E", "now", "-o", "User,ElapsedRaw,AllocTRES",
    )  # fmt: skip
    seconds: dict[str, float] = {"": 0.0}
    for line in text.splitlines():
        user, elapsed, tres = line.split("|")
        gpus = next((int(t.split("=")[1]) for t in tres.split(",") if t.startswith("gres/gpu=")), 0)
        seconds[user] = seconds.get(user, 0.0) + gpus * int(elapsed)
        seconds[""] += gpus * int(elapsed)
    return seconds


def service(machine: dict[str, object], environ: dict[str, str]) -> UsageService:
    config = parse_usage_config(
        {
            "machines": {"lumi": machine},
            "projects": {
                name: {"machine": "lumi", "account": account, "start": START, "end": END}
                for name, account in (("alpha", "project_alpha"), ("beta", "project_beta"))
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
    request: pytest.FixtureRequest, two_projects: dict[str, str], tmp_path: Path
) -> UsageService:
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
    else:
        source = parse_usage_config({"machines": {"lumi": cli}}).machines["lumi"]
        provider = CliUsageProvider(source)  # type: ignore[arg-type]
        since = datetime.combine(START, datetime.min.time(), tzinfo=UTC)
        document = provider.snapshot(["project_alpha", "project_beta"], since, timeout=30)
        path = tmp_path / "usage.json"
        path.write_text(write_snapshot(document))
        machine = {"provider": "snapshot", "path": str(path)}
    return service(machine, {"SLURMRESTD_JWT": env["SLURMRESTD_JWT"]})


@pytest.mark.parametrize(
    ("project", "account"), [("alpha", "project_alpha"), ("beta", "project_beta")]
)
def test_used_gpu_time_equals_slurms_accounting(
    usage: UsageService, project: str, account: str
) -> None:
    report = usage.report(project)

    assert report.used_slurm_gpu_seconds == sacct_seconds(account)[""]
    # LUMI's rule: a GCD-second is half a GPU-second (standard-g: 4 per node = 8 GCDs x 0.5).
    assert report.used == pytest.approx(sacct_seconds(account)[""] / 3600 * 0.5)


def test_each_users_share_equals_slurms_accounting(usage: UsageService) -> None:
    report = usage.report("alpha")
    expected = {u: s / 3600 * 0.5 for u, s in sacct_seconds("project_alpha").items() if u}

    assert {u.user: pytest.approx(u.used) for u in report.top_users} == expected


def test_the_grant_is_the_accounts_gpu_minute_limit_in_lumi_gpu_hours(
    usage: UsageService,
) -> None:
    # GrpTRESMins=gres/gpu=6000 GCD-minutes = 100 GCD-hours = 50 GPU-hours; 1200 -> 10.
    assert (usage.report("alpha").granted, usage.report("beta").granted) == (50.0, 10.0)


def test_a_jobs_accounting_record_is_found_by_its_id(usage: UsageService) -> None:
    job_id = run("sacct", "-X", "-n", "-P", "-A", "project_beta", "-o", "JobID").split()[-1]

    job = usage.job("lumi", job_id)

    assert job is not None
    assert (job.account, job.user, job.gpus, job.state, job.exit_code) == (
        "project_beta", "slurmtest", 2, "COMPLETED", 0,
    )  # fmt: skip
