"""Slash commands and buttons: private answers via response_url, sharing, feedback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from botharness import Bot
from fakeslack import ALICE, FakeSlack

from bot.listeners.answering import MAX_QUESTION_CHARS


def test_queue_answers_privately_with_a_share_button(slack: FakeSlack, bot: Bot) -> None:
    ack = slack.slash_command("/queue", "lumi standard-g")
    assert ack.acked and not ack.ack_payload  # an empty ack; the answer follows
    reply = slack.wait_for_message(ephemeral=True)
    assert reply.via == "response_url" and reply.ephemeral_to == ALICE
    assert "LUMI queue" in reply.all_text and "standard-g" in reply.all_text
    assert [b["action_id"] for b in reply.buttons()] == ["share_reply"]
    assert slack.messages("C0GENERAL") == []


def test_specs_and_deadlines(slack: FakeSlack, bot: Bot) -> None:
    slack.slash_command("/specs", "LUMI")
    specs = slack.wait_for_message(lambda m: "MI250X" in m.all_text, ephemeral=True)
    assert "*LUMI*" in specs.all_text
    slack.slash_command("/deadlines")
    deadlines = slack.wait_for_message(lambda m: "cut-offs" in m.all_text, ephemeral=True)
    assert "*AI Factories Large Scale*" in deadlines.all_text


def test_hpc_ask_answers_privately_with_feedback_and_share(slack: FakeSlack, bot: Bot) -> None:
    ack = slack.slash_command("/hpc", "ask what GPUs does LUMI have?")
    assert "Looking into it" in (ack.ack_payload or {}).get("text", "")
    answer = slack.wait_for_message(lambda m: m.via == "response_url", ephemeral=True)
    assert "&gt; what GPUs does LUMI have?" not in answer.all_text  # quoted as a context block
    assert "> what GPUs does LUMI have?" in answer.all_text
    assert {b["action_id"] for b in answer.buttons()} == {
        "feedback_helpful",
        "feedback_not_helpful",
        "share_reply",
    }
    assert bot.services.asked == [("what GPUs does LUMI have?", None)]


def test_help_and_empty_input_get_usage_without_asking(slack: FakeSlack, bot: Bot) -> None:
    # Usage is written in the asker's language: the first time, Slack is asked which that is
    # (users.info) after an empty ack; from then on it is known and the usage is the ack.
    first = slack.slash_command("/hpc", "")
    assert first.acked and not first.ack_payload
    usage = slack.wait_for_message(lambda m: m.via == "response_url", ephemeral=True)
    assert "/hpc ask" in usage.text and usage.ephemeral_to == ALICE
    for command, text, expected in [
        ("/hpc", "help", "/hpc ask"),
        ("/hpc", "ask", "/hpc ask"),
        ("/hpc", "aks why", "Did you mean `ask`?"),
        ("/queue", "", "Known machines: `LEONARDO`, `LUMI`, `MareNostrum 5`"),
        ("/queue", "a b c", "Usage: `/queue"),
        ("/specs", "  ", "Usage: `/specs"),
    ]:
        ack = slack.slash_command(command, text)
        assert expected in (ack.ack_payload or {}).get("text", ""), (command, text)
    bot.idle()
    assert bot.services.asked == []


def test_unknown_machine_gets_did_you_mean(slack: FakeSlack, bot: Bot) -> None:
    slack.slash_command("/specs", "lumy")
    reply = slack.wait_for_message(ephemeral=True)
    assert reply.text == "Unknown machine 'lumy'. Did you mean LUMI?"
    slack.slash_command("/queue", "<!channel>")
    reply = slack.wait_for_message(lambda m: "channel" in m.text, ephemeral=True)
    assert "&lt;!channel&gt;" in reply.text and "<!channel>" not in reply.text


def test_share_button_posts_in_channel_and_removes_the_private_copy(
    slack: FakeSlack, bot: Bot
) -> None:
    slack.slash_command("/specs", "lumi")
    private = slack.wait_for_message(ephemeral=True)
    assert slack.click(private, "share_reply").acked
    shared = slack.wait_for_message(channel="C0GENERAL", ephemeral=False)
    assert shared.response_type == "in_channel" and "MI250X" in shared.all_text
    assert f"Shared by <@{ALICE}>" in shared.all_text and shared.buttons() == []
    slack.wait_for(lambda: private.deleted)


def test_a_reply_whose_question_was_pruned_can_no_longer_be_shared(
    slack: FakeSlack, bot: Bot
) -> None:
    slack.slash_command("/hpc", "ask what GPUs does LUMI have?")
    private = slack.wait_for_message(lambda m: m.via == "response_url", ephemeral=True)
    bot.store.prune_questions(now=datetime.now(UTC) + timedelta(days=31))
    slack.click(private, "share_reply")
    refused = slack.wait_for_message(lambda m: "too old to share" in m.text, ephemeral=True)
    assert refused.ephemeral_to == ALICE
    assert slack.messages("C0GENERAL") == []


def test_feedback_click_is_persisted_with_question_answer_and_sources(
    slack: FakeSlack, bot: Bot
) -> None:
    question = slack.mention("what GPUs does LUMI have?")
    answer = slack.wait_for_message(thread_ts=question.ts)
    slack.click(answer, "feedback_not_helpful", user="U0BOB")
    thanks = slack.wait_for_message(ephemeral=True)
    assert thanks.ephemeral_to == "U0BOB" and "Thanks" in thanks.text
    assert not answer.edited  # the shared answer stays as it was for everyone else
    [record] = bot.store.feedback()
    assert (record.user_id, record.helpful) == ("U0BOB", False)
    assert record.question == "what GPUs does LUMI have?" and "MI250X" in record.answer
    assert record.sources[0]["url"] == "https://docs.lumi-supercomputer.eu/hardware/lumig/"
    slack.click(answer, "feedback_helpful", user="U0BOB")  # changing one's mind
    slack.wait_for(lambda: bot.store.feedback()[0].helpful)
    assert len(bot.store.feedback()) == 1


def test_an_oversized_question_is_refused_in_the_ack_without_asking(
    slack: FakeSlack, bot: Bot
) -> None:
    ack = slack.slash_command("/hpc", "ask " + "why? " * 20_000)  # 100 KB
    text = (ack.ack_payload or {}).get("text", "")
    # Socket Mode counts the characters; HTTP mode refuses the oversized form before decoding it.
    assert text.startswith("That question is ")
    assert "I read questions of up to 2,000 characters." in text
    bot.idle()
    assert bot.services.asked == []


def test_a_question_of_the_largest_allowed_size_is_answered(slack: FakeSlack, bot: Bot) -> None:
    question = "x" * (MAX_QUESTION_CHARS - 1) + "?"
    slack.slash_command("/hpc", f"ask {question}")
    slack.wait_for_message(lambda m: m.via == "response_url", ephemeral=True)
    assert bot.services.asked == [(question, None)]
