"""Usage alerts from real `hpcbot scheduler` processes: one is killed with SIGKILL at a risky
point of a delivery, another starts on the same state database, and each alert (a threshold,
the run-out forecast, the unused forecast, the weekly summary) is in the channel exactly once.

The accounting is a usage snapshot (the real snapshot provider, as `hpcbot usage-snapshot`
writes it) of two LUMI projects, 10 days into a 30-day period, each granted GrpTRESMins
gres/gpu=120,000 GCD-minutes = 1,000 GPU-hours (a small-g GCD-hour is 0.5 GPU-hours). All jobs
have ended; times are relative to when the test starts (R):

    alpha  alice 16 GCDs R-6d .. +100 h   800     85 % used: 80 % (50 % superseded)
           bob    4 GCDs R-3d .. +25 h     50     850 / 7 = 121 a day: 150 left run out in a day
    beta   carol 20 GCDs R-9d-1h .. +48 h 480     55 % used: 50 %
           dave   4 GCDs R-3d .. +35 h     70     70 / 7 = 10 a day: ~260 of 450 left unused

The processes' clock is shifted to the next Monday at 09:00 Brussels (+1 s), when the weekly
summaries are due too, so all six posts are due at their first sweep.
"""

from __future__ import annotations

import signal
import sys
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from schedprocs import real_catalog_desk, records, schedulers, wait_until
from schedworld import BRUSSELS
from sqlalchemy import create_engine

from bot.usage.desk import UsageDesk
from bot.usage.links import ProjectLinks
from knowledge.usage import UsageService, load_usage_config
from knowledge.usage.chart import burn_down_png

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "usage"))
from usage_testing import sacct_line, write_snapshot  # noqa: E402

HOUR, DAY = timedelta(hours=1), timedelta(days=1)


def write_accounting(tmp: Path, now: datetime, today: date) -> Path:
    """The snapshot of both accounts, taken `now`, and the usage config naming it."""
    r = now.replace(microsecond=0)
    jobs = {
        "project_a": [
            sacct_line(1, "alice", r - 6 * DAY, r - 6 * DAY + 100 * HOUR, 16, "small-g", "project_a"),
            sacct_line(2, "bob", r - 3 * DAY, r - 3 * DAY + 25 * HOUR, 4, "small-g", "project_a"),
        ],
        "project_b": [
            sacct_line(3, "carol", r - 9 * DAY - HOUR, r - 7 * DAY - HOUR, 20, "small-g", "project_b"),
            sacct_line(4, "dave", r - 3 * DAY, r - 3 * DAY + 35 * HOUR, 4, "small-g", "project_b"),
        ],
    }  # fmt: skip
    start = datetime.combine(today - 10 * DAY, time(), tzinfo=UTC)
    accounts = {account: (120000, lines) for account, lines in jobs.items()}
    write_snapshot(tmp / "usage-snapshot.json", now, start, accounts)
    config = tmp / "usage.yaml"
    period = f"start: {start.date()}, end: {today + 19 * DAY}"
    config.write_text(
        "machines:\n"
        f"  lumi: {{provider: snapshot, path: {tmp / 'usage-snapshot.json'}}}\n"
        "projects:\n"
        f"  alpha: {{machine: lumi, account: project_a, {period}}}\n"
        f"  beta: {{machine: lumi, account: project_b, {period}}}\n"
    )
    return config


def next_monday_at_nine(after: datetime) -> datetime:
    local = after.astimezone(BRUSSELS)
    day = local.date()
    while True:
        candidate = datetime.combine(day, time(9, 0), tzinfo=BRUSSELS)
        if candidate.weekday() == 0 and candidate > local:
            return candidate
        day += DAY


def usage_posts(slack: FakeSlack) -> Counter[tuple[str, str, str]]:
    """(project, period, alert) of every usage post in the channel, counted."""
    found: Counter[tuple[str, str, str]] = Counter()
    for m in slack.messages():
        if m.metadata:
            key = str(m.metadata["event_payload"]["key"]).split("/", 1)[1]  # "<sub>/<occurrence>"
            _, project, period, alert = key.split(":", 3)
            found[project, period, alert] += 1
    return found


def texts(slack: FakeSlack) -> dict[tuple[str, str], str]:
    """(project, alert) -> the text posted for it."""
    found = {}
    for m in slack.messages():
        if m.metadata:
            _, project, _, alert = str(m.metadata["event_payload"]["key"]).split(":", 3)
            found[project, alert] = m.text
    return found


@pytest.mark.parametrize("point", ["before_claim:1", "after_claim:2", "after_send:3"])
def test_each_usage_alert_is_posted_once_across_a_kill_and_a_restart(
    slack: FakeSlack, tmp_path: Path, point: str
) -> None:
    now = datetime.now(UTC)
    today = now.date()
    config = write_accounting(tmp_path, now, today)
    url = f"sqlite:///{tmp_path / 'state.db'}"
    monday = next_monday_at_nine(now + timedelta(minutes=2))
    links = ProjectLinks(create_engine(url))
    desk = real_catalog_desk(
        url,
        monday - HOUR,
        UsageDesk(UsageService(load_usage_config(config)), links, burn_down_png),
    )
    for project in ("alpha", "beta"):
        links.link("C0GENERAL", project, "U0ADMIN")
        desk.subscribe("C0GENERAL", f"usage {project}", "U0ALICE")
    env = {"HPCBOT_USAGE_CONFIG": str(config)}

    with schedulers(slack, url, tmp_path, monday + timedelta(seconds=1)) as procs:
        first = procs.start_crashing("first", point, **env)
        assert first.wait(60) == -signal.SIGKILL, procs.log("first")
        assert f"crash point {point.split(':')[0]} reached" in procs.log("first")
        assert Counter(r.state for r in records(url))["sent"] < 6  # it died before finishing
        procs.start("second", **env)
        wait_until(
            lambda: Counter(r.state for r in records(url)) == {"sent": 6, "skipped": 1},
            90,
            "six usage posts marked sent (and alpha's 50 % superseded)",
        )

    period = f"{today - 10 * DAY:%Y%m%d}-{today + 19 * DAY:%Y%m%d}"
    week = f"week:{monday.date()}"
    assert usage_posts(slack) == {
        ("alpha", period, "threshold:80"): 1,
        ("alpha", period, "runout"): 1,
        ("alpha", period, week): 1,
        ("beta", period, "threshold:50"): 1,
        ("beta", period, "unused"): 1,
        ("beta", period, week): 1,
    }
    posted, last = texts(slack), f"{today + 19 * DAY}"
    assert posted["alpha", "threshold:80"] == (
        f":bar_chart: *alpha* has used 80 % of its grant: 850 of 1,000 GPU-hours (85 %), "
        f"150 left until {last}."
    )
    assert posted["alpha", "runout"].startswith(
        ":warning: *alpha*: at this rate (121 GPU-hours/day over the last 7 days) you run out on "
    )
    assert posted["alpha", week] == "alpha: 850 of 1,000 GPU-hours used (85 %), 150 left"
    assert posted["beta", "threshold:50"] == (
        f":bar_chart: *beta* has used 50 % of its grant: 550 of 1,000 GPU-hours (55 %), "
        f"450 left until {last}."
    )
    assert posted["beta", "unused"].startswith(
        ":hourglass: *beta*: at this rate (10.0 GPU-hours/day over the last 7 days) "
    )
    assert posted["beta", week] == "beta: 550 of 1,000 GPU-hours used (55 %), 450 left"
    if point.startswith("after_send"):  # the post it died after is found, not sent again
        assert any(r.note == "found in the channel history on recovery" for r in records(url))
