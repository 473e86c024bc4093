"""/usage, /hpc link, /hpc unlink and /hpc subscribe usage through the local Slack peer: who may
see a project and subscribe to its alerts, the report, and the burn-down chart uploaded with
files.upload_v2 (getUploadURLExternal, the bytes, complete).

The project's accounting is a usage snapshot (the real snapshot provider) of project_a on
LUMI: alice 48 h x 8 GCDs and bob 24 h x 4 GCDs = 480 GCD-hours = 240 LUMI GPU-hours, of a
grant of 1,200,000 GCD-minutes = 10,000 GPU-hours.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from botharness import Bot, start_bot
from fakeslack import ALICE, FakeSlack
from fakeslack.services import FakeServices

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "usage"))
from usage_testing import write_usage_files  # noqa: E402


@pytest.fixture(params=["socket", "http"])
def usage_bot(
    request: pytest.FixtureRequest, slack: FakeSlack, services: FakeServices, tmp_path: Path
) -> Iterator[Bot]:
    config = write_usage_files(tmp_path, datetime.now(UTC).date(), minutes=1_200_000)
    yield from start_bot(slack, request.param, services, tmp_path, usage={"config": config})


def link_as_admin(slack: FakeSlack, project: str = "alpha") -> None:
    slack.ws.admins.add(ALICE)
    slack.slash_command("/hpc", f"link {project}")
    slack.wait_for_message(lambda m: "linked alpha" in m.text)


def test_a_channel_sees_no_project_until_an_admin_links_it(
    slack: FakeSlack, usage_bot: Bot
) -> None:
    ack = slack.slash_command("/usage", "alpha")

    text = (ack.ack_payload or {}).get("text", "")
    assert "This channel cannot see the usage of alpha" in text
    assert "`/hpc link alpha`" in text
    assert slack.api_calls("files.getUploadURLExternal") == []


def test_only_a_workspace_admin_can_link(slack: FakeSlack, usage_bot: Bot) -> None:
    slack.slash_command("/hpc", "link alpha")

    refusal = slack.wait_for_message(ephemeral=True)
    assert refusal.text == "Only a workspace admin can link a project and a channel."
    usage_bot.idle()
    assert "linked" not in " ".join(m.text for m in slack.messages("C0GENERAL"))


def test_usage_posts_the_figures_and_the_chart_in_its_thread(
    slack: FakeSlack, usage_bot: Bot
) -> None:
    link_as_admin(slack)

    slack.slash_command("/usage", "alpha")

    report = slack.wait_for_message(lambda m: m.text.startswith("alpha:"), channel="C0GENERAL")
    assert report.text == "alpha: 240 of 10,000 GPU-hours used (2 %), 9,760 left"
    assert "*Top users* alice 192, bob 48" in report.all_text
    chart = slack.wait_for_message(lambda m: bool(m.files), thread_ts=report.ts)
    assert [(f["name"], f["mimetype"], f["title"]) for f in chart.files] == [
        ("alpha-burn-down.png", "image/png", "alpha: burn-down")
    ]
    assert [c.method for c in slack.api_calls() if c.method.startswith("files.")] == [
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    ]
    upload = slack.api_calls("upload")[0]
    assert upload.status == 200 and upload.response["bytes"] > 10_000


def test_an_unknown_project_is_named_with_the_known_ones(slack: FakeSlack, usage_bot: Bot) -> None:
    ack = slack.slash_command("/usage", "gamma")

    assert "I know no project called gamma. Projects configured here: alpha" in (
        ack.ack_payload or {}
    ).get("text", "")


def test_after_an_admin_unlinks_the_channel_no_longer_sees_the_project(
    slack: FakeSlack, usage_bot: Bot
) -> None:
    link_as_admin(slack)

    slack.slash_command("/hpc", "unlink alpha")

    unlinked = slack.wait_for_message(lambda m: "unlinked alpha" in m.text, channel="C0GENERAL")
    assert unlinked.text == (
        f":link: <@{ALICE}> unlinked alpha: this channel no longer sees its usage."
    )
    ack = slack.slash_command("/usage", "alpha")
    assert (ack.ack_payload or {}).get("text") == (
        "This channel cannot see the usage of alpha: a workspace admin has to link the project "
        "here first with `/hpc link alpha`."
    )


def test_a_linked_channel_subscribes_to_the_projects_alerts(
    slack: FakeSlack, usage_bot: Bot
) -> None:
    link_as_admin(slack)

    slack.slash_command("/hpc", "subscribe usage alpha 08:30")

    made = slack.wait_for_message(lambda m: "Subscribed" in m.text, channel="C0GENERAL")
    assert made.text == (
        f"<@{ALICE}>: :white_check_mark: Subscribed: `#1` usage alerts for alpha (50/80/90/100 % "
        "used, run-out and unused forecasts) and its summary every Monday at 08:30 "
        "Europe/Brussels. `/hpc unsubscribe 1` stops it."
    )


def test_a_channel_the_project_is_not_linked_to_cannot_subscribe_to_its_alerts(
    slack: FakeSlack, usage_bot: Bot
) -> None:
    slack.slash_command("/hpc", "subscribe usage alpha")

    refusal = slack.wait_for_message(ephemeral=True)
    assert refusal.text == (
        "This channel cannot see the usage of alpha: a workspace admin has to link the project "
        "here first with `/hpc link alpha`."
    )
    usage_bot.idle()
    assert usage_bot.app.deps.subscriptions.store.listed() == []
