"""`/hpc subscribe | subscriptions | unsubscribe` through Slack, and `hpcbot subscriptions`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakeslack import ALICE, BOB, FakeSlack, Message
from typer.testing import CliRunner

from bot.app import SlackApp
from bot.cli import app as cli
from bot.schedule.parse import MAX_SUBSCRIBE_WORDS


def run(
    slack: FakeSlack, app: SlackApp, text: str, channel: str = "C0GENERAL", user: str = ALICE
) -> Message:
    """Send `/hpc <text>` and return the reply (from the ack or from response_url)."""
    before = len(slack.ws.messages)
    slack.slash_command("/hpc", text, channel=channel, user=user)
    assert app.wait_idle(5)
    return slack.wait_for(lambda: next(iter(slack.ws.messages[before:]), None))


def test_subscribe_list_and_unsubscribe(slack: FakeSlack, bot_app: SlackApp) -> None:
    made = run(slack, bot_app, "subscribe deadlines large scale --days 30,7,1")
    assert made.response_type == "in_channel"  # the channel sees what it will get
    assert made.text == (
        f"<@{ALICE}>: :white_check_mark: Subscribed: `#1` cut-off reminders for AI Factories "
        "Large Scale, 30/7/1 days before, at 09:00 Europe/Brussels. `/hpc unsubscribe 1` stops it."
    )
    again = run(slack, bot_app, "subscribe deadlines  Large-Scale --days 1,7,30")
    assert again.is_ephemeral and again.text.startswith("Already subscribed: `#1`")
    digest = run(slack, bot_app, "subscribe queue lumi weekdays 08:30 europe/helsinki")
    assert "`#2` LUMI queue digest on weekdays at 08:30 Europe/Helsinki" in digest.text
    listed = run(slack, bot_app, "subscriptions")
    assert listed.is_ephemeral
    assert listed.text.splitlines()[1:3] == [
        "• `#1` cut-off reminders for AI Factories Large Scale, 30/7/1 days before, at 09:00 "
        "Europe/Brussels",
        "• `#2` LUMI queue digest on weekdays at 08:30 Europe/Helsinki",
    ]
    assert "no subscriptions" in run(slack, bot_app, "subscriptions", "G0PRIVATE").text
    assert (
        "no subscription #1 in this channel"
        in run(slack, bot_app, "unsubscribe 1", "G0PRIVATE").text
    )
    stopped = run(slack, bot_app, "unsubscribe #1")
    assert stopped.response_type == "in_channel" and stopped.text.startswith(
        f":no_bell: <@{ALICE}> stopped `#1` cut-off reminders"
    )
    assert "`#1`" not in run(slack, bot_app, "subscriptions").text


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "subscribe deadlines larg scale",
            "Unknown call 'larg scale'. Did you mean AI Factories Large Scale or",
        ),
        ("subscribe deadlines --days 120", "between 0 and 90"),
        ("subscribe queue lumy", "Unknown machine 'lumy'. Did you mean LUMI?"),
        ("subscribe queue lumi daily 7:5", "`7:5` is not a time of day"),
        ("subscribe queue lumi daily 07:05 Mars/Base", "`Mars/Base` is not a time zone"),
        ("subscribe", "/hpc subscribe deadlines"),
        ("unsubscribe seven", "`seven` is not a subscription id"),
        ("unsubscribe 99", "There is no subscription #99"),
    ],
)
def test_bad_input_gets_a_private_explanation(
    slack: FakeSlack, bot_app: SlackApp, text: str, expected: str
) -> None:
    reply = run(slack, bot_app, text)
    assert reply.is_ephemeral and expected in reply.text, reply.text
    assert slack.messages("C0GENERAL") == []


def test_a_channel_the_bot_is_not_in_is_refused(slack: FakeSlack, bot_app: SlackApp) -> None:
    reply = run(slack, bot_app, "subscribe queue lumi", channel="C0RANDOM")
    assert reply.is_ephemeral and "Invite me first" in reply.text
    assert "no subscriptions" in run(slack, bot_app, "subscriptions", "C0RANDOM").text


def test_help_mentions_subscriptions(slack: FakeSlack, bot_app: SlackApp) -> None:
    assert "/hpc subscribe deadlines" in run(slack, bot_app, "help").text


def test_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HPCBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("HPCBOT_STATE_URL", raising=False)
    runner = CliRunner()

    def hpcbot(*args: str) -> tuple[int, str]:
        result = runner.invoke(cli, list(args))
        return result.exit_code, result.output

    assert hpcbot("subscriptions", "list") == (0, "No subscriptions.\n")
    code, out = hpcbot(
        "subscriptions", "add-deadlines", "C0TEAM", "large scale", "ai4s", "--days", "30,7"
    )
    assert (code, out) == (
        0,
        "Added: #1 cut-off reminders for AI Factories Large Scale, AI for Science and "
        "Collaborative EU Projects, 30/7 days before, at 09:00 Europe/Brussels\n",
    )
    code, out = hpcbot("subscriptions", "add-queue", "C0TEAM", "leonardo", "weekly", "07:30")
    assert code == 0 and "#2 LEONARDO queue digest every Monday at 07:30" in out
    code, out = hpcbot("subscriptions", "add-queue", "C0TEAM", "lumi", "25:00")
    assert code == 2 and "`25:00` is not a time of day" in out
    code, out = hpcbot("subscriptions", "list", "--json")
    rows = json.loads(out)
    assert [(r["id"], r["kind"], r["calls"], r["days"]) for r in rows] == [
        (1, "deadlines", ["large-scale", "ai-for-science"], [30, 7]),
        (2, "queue", [], []),
    ]
    assert hpcbot("subscriptions", "remove", "2")[1].startswith("Removed: #2 LEONARDO")
    assert hpcbot("subscriptions", "remove", "2")[0] == 2
    assert hpcbot("subscriptions", "list", "--channel", "C0OTHER") == (0, "No subscriptions.\n")


def test_an_oversized_subscribe_is_refused_in_the_ack(slack: FakeSlack, bot_app: SlackApp) -> None:
    text = "subscribe deadlines " + " ".join(["ai4s"] * MAX_SUBSCRIBE_WORDS)
    reply = run(slack, bot_app, text)
    assert reply.is_ephemeral and reply.via == "ack"
    assert reply.text.startswith("That is more than I read: keep `/hpc subscribe` under 500")
    assert "no subscriptions" in run(slack, bot_app, "subscriptions").text


def test_only_its_creator_or_a_workspace_admin_can_stop_a_subscription(
    slack: FakeSlack, bot_app: SlackApp
) -> None:
    run(slack, bot_app, "subscribe deadlines large scale")
    refused = run(slack, bot_app, "unsubscribe 1", user=BOB)
    assert refused.is_ephemeral and refused.ephemeral_to == BOB
    assert refused.text == (
        f"Only <@{ALICE}> or a workspace admin can stop `#1` cut-off reminders for AI "
        "Factories Large Scale, 14/7/1 days before, at 09:00 Europe/Brussels."
    )
    assert "`#1`" in run(slack, bot_app, "subscriptions").text  # still there

    slack.ws.admins.add(BOB)
    stopped = run(slack, bot_app, "unsubscribe 1", user=BOB)
    assert stopped.response_type == "in_channel"
    assert stopped.text.startswith(f":no_bell: <@{BOB}> stopped `#1` cut-off reminders")


def test_the_creator_stops_a_subscription_without_slack_being_asked_who_is_admin(
    slack: FakeSlack, bot_app: SlackApp
) -> None:
    run(slack, bot_app, "subscribe queue lumi")
    stopped = run(slack, bot_app, "unsubscribe 1")
    assert stopped.text.startswith(f":no_bell: <@{ALICE}> stopped `#1` LUMI queue digest")
    assert slack.api_calls("users.info") == []
