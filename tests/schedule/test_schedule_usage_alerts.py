"""Usage alerts on a manual clock: each threshold, forecast and weekly summary is posted once,
also across a restart, a crash and with two runners on one database.

alpha's grant is 1,000 GPU-hours (or 10,000) for 1 Nov to 31 Dec 2026; jobs burn it at a known
rate, so when each alert is due is a hand computation. Sweeps run every hour on the hour (UTC).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from schedworld import World
from typer.testing import CliRunner
from usageworld import alpha_usage, running

from bot.cli import app as cli
from bot.schedule import SubscribeError
from bot.schedule.usage_alerts import UsageAlert, alert_occurrence
from knowledge.usage import JobCharge

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "usage"))
from usage_testing import write_usage_files  # noqa: E402

PERIOD = "usage:alpha:20261101-20261231"


def utc(day: int, hour: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def posted(world: World) -> list[tuple[str, datetime]]:
    """(occurrence, when posted) of every usage post, in order."""
    return [
        (
            str(m.metadata["event_payload"]["key"]).split("/", 1)[1],  # type: ignore[index]
            datetime.fromtimestamp(float(m.ts), UTC).replace(microsecond=0),
        )
        for m in world.posts()
    ]


def alerts(world: World) -> list[tuple[str, datetime]]:
    return [(key, at) for key, at in posted(world) if ":week:" not in key]


def test_each_threshold_is_posted_once_in_the_sweep_after_usage_crosses_it(world: World) -> None:
    # 8 GPUs from 2 Nov 00:00 burn 8 GPU-hours an hour: 500 after 62.5 h (4 Nov 14:30),
    # 800 after 100 h (6 Nov 04:00), 900 after 112.5 h (6 Nov 16:30), 1,000 after 125 h.
    alpha_usage(world, granted=1000).jobs = [running(8, since=utc(2))]
    world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")

    world.sweep_until(utc(9, 12))

    assert posted(world) == [
        (f"{PERIOD}:week:2026-11-02", utc(2, 8)),  # Monday 09:00 Brussels
        (f"{PERIOD}:threshold:50", utc(4, 15)),
        (f"{PERIOD}:threshold:80", utc(6, 4)),
        (f"{PERIOD}:threshold:90", utc(6, 17)),
        (f"{PERIOD}:threshold:100", utc(7, 5)),
        (f"{PERIOD}:week:2026-11-09", utc(9, 8)),
    ]
    assert world.posts()[1].text == (
        ":bar_chart: *alpha* has used 50 % of its grant: 504 of 1,000 GPU-hours (50 %), "
        "496 left until 2026-12-31."
    )
    assert world.posts()[4].text == (
        ":red_circle: *alpha* has used its whole grant: 1,000 of 1,000 GPU-hours "
        "(period ends 2026-12-31)."
    )


def test_a_subscription_made_past_85_percent_posts_only_the_80_percent_alert(
    world: World,
) -> None:
    alpha_usage(world, granted=1000).jobs = [
        JobCharge("1", "train", "alice", "project_a", "COMPLETED", utc(1), utc(1, 8) + timedelta(minutes=30), gpus=100)
    ]  # fmt: skip
    sub, _ = world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")

    world.sweep_until(utc(2, 12))

    assert alerts(world) == [(f"{PERIOD}:threshold:80", utc(2, 8))]
    skipped = [(r.occurrence, r.state, r.note) for r in world.runner.ledger.records(sub.id)]
    assert (f"{PERIOD}:threshold:50", "skipped", "superseded by a later reminder") in skipped


def test_the_run_out_forecast_is_posted_once_a_week_into_the_period(world: World) -> None:
    # 8 GPUs since 1 Nov: on 8 Nov 1,344 used, 192/day; 8,656 left last 45 1/12 days, to
    # 23 Dec 02:00, 8 whole days before the period ends on 1 Jan 00:00.
    alpha_usage(world, granted=10_000).jobs = [running(8)]
    world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")

    world.sweep_until(utc(20))

    assert alerts(world) == [(f"{PERIOD}:runout", utc(8))]
    assert world.posts()[1].text == (
        ":warning: *alpha*: at this rate (192 GPU-hours/day over the last 7 days) you run out "
        "on 2026-12-23, 8 days before the end of the period (2026-12-31)."
    )


def test_the_unused_forecast_is_posted_once_a_week_into_the_period(world: World) -> None:
    # 2 GPUs since 1 Nov: on 8 Nov 336 used, 48/day; 54 days to go burn 2,592 of the 9,664
    # left, so 7,072 (70.7 %) stay unused.
    alpha_usage(world, granted=10_000).jobs = [running(2)]
    world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")

    world.sweep_until(utc(20))

    assert alerts(world) == [(f"{PERIOD}:unused", utc(8))]
    assert world.posts()[1].text == (
        ":hourglass: *alpha*: at this rate (48.0 GPU-hours/day over the last 7 days) 71 % of "
        "the grant (7,072 GPU-hours) will be left unused when the period ends (2026-12-31)."
    )


def test_the_weekly_summary_carries_the_figures_and_the_forecast(world: World) -> None:
    alpha_usage(world, granted=10_000).jobs = [running(2)]
    world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")

    world.sweep_until(utc(2, 9))

    summary = world.posts()[0]
    # posted at 08:00 UTC on 2 Nov: 32 h x 2 GPUs since the period started
    assert summary.text == "alpha: 64.0 of 10,000 GPU-hours used (1 %), 9,936 left"
    assert ":calendar: Weekly usage summary, Mondays at 09:00 (subscription #1)" in (
        summary.all_text
    )
    assert "*Forecast* At the last 7 days' rate (48.0 GPU-hours/day)" in summary.all_text


def test_a_restarted_runner_posts_only_what_the_first_had_not(world: World) -> None:
    alpha_usage(world, granted=1000).jobs = [running(8, since=utc(2))]
    world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")
    world.sweep_until(utc(5))  # 50 % posted
    world.runner.close()

    world.runner = world.runner_for("process-a-restarted")
    world.sweep_until(utc(8))

    assert alerts(world) == [
        (f"{PERIOD}:threshold:50", utc(4, 15)),
        (f"{PERIOD}:threshold:80", utc(6, 4)),
        (f"{PERIOD}:threshold:90", utc(6, 17)),
        (f"{PERIOD}:threshold:100", utc(7, 5)),
    ]


def test_two_runners_on_one_database_post_each_alert_once(world: World) -> None:
    alpha_usage(world, granted=1000).jobs = [running(8, since=utc(2))]
    world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")
    other = world.runner_for("process-b")

    while world.clock.now() < utc(8):
        world.advance(timedelta(hours=1))
        world.runner.sweep()
        other.sweep()
    other.close()

    assert [key for key, _ in alerts(world)] == [
        f"{PERIOD}:threshold:{pct}" for pct in (50, 80, 90, 100)
    ]
    assert set(world.delivery_keys().values()) == {1}


@pytest.mark.parametrize("died", ["after_claim", "after_send"])
def test_an_alert_claimed_by_a_process_that_died_is_posted_once(world: World, died: str) -> None:
    alpha_usage(world, granted=1000).jobs = [running(8, since=utc(2))]
    sub, _ = world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")
    world.set(utc(4, 15))
    project = world.usage.project("alpha")  # type: ignore[union-attr]
    assert project is not None
    occ = alert_occurrence(sub, project, UsageAlert("threshold:50"))
    assert world.ledger_for("dead").claim(occ, world.clock.now())  # what it did before dying
    if died == "after_send":
        world.poster().post("C0GENERAL", _message("posted"), occ.delivery_key, still_mine=bool)

    world.advance(timedelta(minutes=5))  # its 30 s lease has run out
    result = world.runner.sweep()

    assert [key for key, _ in alerts(world)] == [f"{PERIOD}:threshold:50"]
    # after_send: found in the channel history, not sent again; after_claim: sent now
    assert (result.recovered, result.sent) == ((1, 0) if died == "after_send" else (0, 1))


def _message(text: str):  # type: ignore[no-untyped-def]
    from bot.schedule.delivery import SlackMessage

    return SlackMessage(text)


def test_alerts_wait_while_the_accounting_is_down_and_follow_once_it_answers(
    world: World,
) -> None:
    accounting = alpha_usage(world, granted=1000)
    accounting.jobs = [running(8, since=utc(2))]
    world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")
    accounting.down = True
    world.sweep_until(utc(5))
    assert alerts(world) == []
    assert world.posts()[0].text.startswith(
        ":warning: The weekly usage summary of alpha (subscription #1) has no figures today: "
        "Usage of alpha is unavailable (sacct: slurmdbd is not responding)"
    )

    accounting.down = False
    world.sweep_until(utc(5, 2))

    assert alerts(world) == [(f"{PERIOD}:threshold:50", utc(5, 1))]


def test_unlinking_the_project_stops_the_subscription_before_its_next_post(
    world: World,
) -> None:
    alpha_usage(world, granted=1000).jobs = [running(8, since=utc(2))]
    sub, _ = world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")
    world.usage.links.unlink("C0GENERAL", "alpha")  # type: ignore[union-attr]

    world.sweep_until(utc(8))

    assert world.posts() == []
    stopped = world.store.get(sub.id)
    assert stopped is not None and (stopped.status, stopped.status_reason) == (
        "disabled",
        "alpha is no longer linked to this channel (`/hpc link alpha`)",
    )


def test_a_channel_the_project_is_not_linked_to_cannot_subscribe(world: World) -> None:
    alpha_usage(world, granted=1000, link="C0OTHER")

    with pytest.raises(SubscribeError) as refused:
        world.desk.subscribe("C0GENERAL", "usage alpha", "U0ALICE")

    assert str(refused.value) == (
        "This channel cannot see the usage of alpha: a workspace admin has to link the project "
        "here first with `/hpc link alpha`."
    )
    assert world.store.listed() == []


def test_an_unknown_project_is_refused_with_the_known_ones(world: World) -> None:
    alpha_usage(world, granted=1000)

    with pytest.raises(SubscribeError) as refused:
        world.desk.subscribe("C0GENERAL", "usage gamma", "U0ALICE")

    assert str(refused.value).startswith(
        "I know no project called gamma. Projects configured here: alpha"
    )


def test_the_cli_subscribes_a_linked_channel_to_usage_alerts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HPCBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("HPCBOT_STATE_URL", raising=False)
    config = write_usage_files(tmp_path, datetime.now(UTC).date())
    monkeypatch.setenv("HPCBOT_USAGE_CONFIG", str(config))
    runner = CliRunner()

    refused = runner.invoke(cli, ["subscriptions", "add-usage", "C0TEAM", "alpha"])
    runner.invoke(cli, ["usage-link", "alpha", "C0TEAM"])
    added = runner.invoke(cli, ["subscriptions", "add-usage", "C0TEAM", "alpha", "08:30"])

    assert refused.exit_code == 2 and "`/hpc link alpha`" in refused.output
    assert (added.exit_code, added.output) == (
        0,
        "Added: #1 usage alerts for alpha (50/80/90/100 % used, run-out and unused forecasts) "
        "and its summary every Monday at 08:30 Europe/Brussels\n",
    )
