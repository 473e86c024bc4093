"""/hpc fit end to end through the Slack peer, in Socket Mode and HTTP mode: the command opens
the modal, bad input comes back under its field, a good one is answered privately with "Share
in channel" and "Remind us"."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from botharness import Bot
from fakeslack import ALICE, BOT_ID, FakeSlack, Message, OpenView, ViewRefused
from fakeslack.services import NOW

from bot.config import bundled_knowledge_dir
from knowledge import load_catalog, when_text

GOOD = {
    "org": "startup",
    "country": "DE",
    "purpose": "proprietary",
    "task": "pretrain",
    "params": "7B",
    "tokens": "1T",
    "machine": "lumi",
}


def open_fit_modal(slack: FakeSlack, bot: Bot) -> OpenView:
    delivery = slack.slash_command("/hpc", "fit")
    assert delivery.acked
    return slack.wait_for_view(ALICE)


def fit_answers(slack: FakeSlack) -> list[Message]:
    return [m for m in slack.ephemerals(ALICE) if "Which call fits" in m.all_text]


def answer(slack: FakeSlack, bot: Bot) -> Message:
    bot.idle()
    return slack.wait_for_message(lambda m: "Which call fits" in m.all_text, ephemeral=True)


def test_the_command_opens_the_modal_with_its_trigger(slack: FakeSlack, bot: Bot) -> None:
    view = open_fit_modal(slack, bot)
    assert view.view["title"]["text"] == "Which call fits?"
    inputs = [b["block_id"] for b in view.view["blocks"] if b["type"] == "input"]
    assert inputs == [
        "org",
        "country",
        "purpose",
        "task",
        "params",
        "tokens",
        "gpu_hours",
        "machine",
        "start_within",
    ]
    [opened] = slack.api_calls("views.open")
    assert opened.ok
    assert opened.args["trigger_id"] == slack.deliveries("slash_commands")[0].payload["trigger_id"]
    assert slack.messages("C0GENERAL") == []  # nothing posted: a modal, not a message


def test_bad_input_is_shown_under_its_field_and_the_modal_stays_open(
    slack: FakeSlack, bot: Bot
) -> None:
    view = open_fit_modal(slack, bot)
    delivery = slack.submit_view(view, {**GOOD, "country": "Atlantis"})
    assert delivery.ack_payload == {
        "response_action": "errors",
        "errors": {
            "country": "'Atlantis' is not a country we know: use an ISO 3166 code such as DE, "
            "FR or US, or an EU or associated country's English name."
        },
    }
    assert not view.closed and list(view.errors) == ["country"]
    delivery = slack.submit_view(view, {**GOOD, "params": "-7B"})
    assert delivery.ack_payload is not None
    assert delivery.ack_payload["errors"] == {
        "params": "'-7B' must be positive; give a model size such as 7B or 70B (parameters)."
    }


def test_slacks_client_does_not_submit_an_empty_required_field(slack: FakeSlack, bot: Bot) -> None:
    view = open_fit_modal(slack, bot)
    with pytest.raises(ViewRefused) as refused:
        slack.submit_view(view, {**GOOD, "org": None})
    assert refused.value.block_id == "org"
    assert [d.payload.get("type") for d in slack.deliveries("interactive")] == []


def test_a_good_request_closes_the_modal_and_answers_privately(slack: FakeSlack, bot: Bot) -> None:
    view = open_fit_modal(slack, bot)
    delivery = slack.submit_view(view, GOOD)
    assert delivery.acked and not delivery.ack_payload
    assert view.closed
    reply = answer(slack, bot)
    assert reply.ephemeral_to == ALICE and reply.channel == "C0GENERAL"
    assert reply.text.startswith("*Apply to AI Factories Large Scale by ")
    assert "asking for about 87,032 GPU-hours on LUMI-G" in reply.text
    assert "87,032 GPU-hours" in reply.all_text and "Ruled out" in reply.all_text
    assert [b["action_id"] for b in reply.buttons()] == ["share_reply", "fit_remind"]
    assert reply.buttons()[1]["value"] == "large-scale"
    assert reply.buttons()[1]["text"]["text"] == "Remind us: AI Factories Large Scale cut-offs"


def test_the_next_cut_off_is_counted_from_the_services_clock(slack: FakeSlack, bot: Bot) -> None:
    catalog = load_catalog(bundled_knowledge_dir())
    first = catalog.upcoming_cutoffs(NOW, call="large-scale")[0]
    slack.submit_view(open_fit_modal(slack, bot), GOOD)
    reply = answer(slack, bot)
    brussels = ZoneInfo("Europe/Brussels")  # the default HPCBOT_TZ
    assert reply.text.startswith(
        f"*Apply to AI Factories Large Scale by {when_text(first, brussels)}"
    )


def test_share_in_channel_posts_the_answer_for_everyone(slack: FakeSlack, bot: Bot) -> None:
    slack.submit_view(open_fit_modal(slack, bot), GOOD)
    reply = answer(slack, bot)
    slack.click(reply, "share_reply")
    bot.idle()
    shared = slack.wait_for_message(lambda m: "Which call fits" in m.all_text, ephemeral=False)
    assert shared.channel == "C0GENERAL" and f"Shared by <@{ALICE}>" in shared.all_text


def test_remind_us_subscribes_the_channel_to_that_calls_cut_offs(
    slack: FakeSlack, bot: Bot
) -> None:
    slack.submit_view(open_fit_modal(slack, bot), GOOD)
    slack.click(answer(slack, bot), "fit_remind")
    bot.idle()
    made = slack.wait_for_message(lambda m: "Subscribed" in m.text, ephemeral=False)
    assert made.bot_id == BOT_ID
    assert made.text == (
        f"<@{ALICE}>: :white_check_mark: Subscribed: `#1` cut-off reminders for AI Factories "
        "Large Scale, 14/7/1 days before, at 09:00 Europe/Brussels. `/hpc unsubscribe 1` stops it."
    )
    slack.submit_view(open_fit_modal(slack, bot), GOOD)
    bot.idle()
    again = slack.wait_for(lambda: fit_answers(slack)[1:])[0]
    slack.click(again, "fit_remind")
    bot.idle()
    repeat = slack.wait_for_message(lambda m: m.text.startswith("Already"), ephemeral=True)
    assert "`#1`" in repeat.text
