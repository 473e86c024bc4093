"""Questions in conversations: mentions, DMs, thread follow-ups, retries, what is ignored."""

from __future__ import annotations

import logging

import pytest
from botharness import Bot
from fakeslack import ALICE, BOT_USER, FakeSlack
from fakeslack.services import answer_for


def test_mention_gets_a_threaded_answer_with_sources(slack: FakeSlack, bot: Bot) -> None:
    question = slack.mention("what GPUs does LUMI have?")
    answer = slack.wait_for_message(channel="C0GENERAL", thread_ts=question.ts)
    assert "*4 AMD MI250X*" in answer.all_text
    assert "<https://docs.lumi-supercomputer.eu/hardware/lumig/|LUMI-G hardware>" in answer.all_text
    assert "as of 2025-01-10" in answer.all_text
    assert "confirm on the official page" in answer.all_text  # the unconfirmed source
    assert {b["action_id"] for b in answer.buttons()} == {
        "feedback_helpful",
        "feedback_not_helpful",
    }
    assert bot.services.asked == [("what GPUs does LUMI have?", None)]
    # The "working on it" hourglass came and went.
    slack.wait_for(lambda: not question.reactions)
    reactions = [c.method for c in slack.api_calls() if c.method.startswith("reactions.")]
    assert reactions == ["reactions.add", "reactions.remove"]
    # Slack echoes the bot's own post back; it must not be answered.
    slack.wait_for(
        lambda: any(d.acked and d.payload["event"].get("bot_id") for d in slack.deliveries())
    )
    bot.idle()
    assert len(slack.bot_messages("C0GENERAL")) == 1


def test_direct_message_is_answered(slack: FakeSlack, bot: Bot) -> None:
    slack.dm("Who can apply for AI Factories access?")
    answer = slack.wait_for_message(channel="D0ALICE")
    assert answer.thread_ts is None and "MI250X" in answer.all_text
    assert bot.services.asked == [("Who can apply for AI Factories access?", None)]


def test_thread_follow_up_needs_no_mention_and_carries_context(slack: FakeSlack, bot: Bot) -> None:
    question = slack.mention("what GPUs does LUMI have?")
    slack.wait_for_message(thread_ts=question.ts)
    slack.thread_reply(question, "and how many per node?")
    slack.wait_for(lambda: len(slack.bot_messages("C0GENERAL")) == 2)
    assert bot.services.asked[-1] == ("and how many per node?", "what GPUs does LUMI have?")
    assert all(m.thread_ts == question.ts for m in slack.bot_messages("C0GENERAL"))


def test_threads_the_bot_never_answered_are_left_alone(slack: FakeSlack, bot: Bot) -> None:
    chatter = slack.post_as_user("lunch?")
    slack.thread_reply(chatter, "sure")
    slack.post_as_user("top-level chatter")
    bot.idle()
    assert bot.services.asked == [] and slack.bot_messages() == []


def test_retried_event_is_answered_once(slack: FakeSlack, bot: Bot) -> None:
    slack.mention("what GPUs does LUMI have?")
    first = next(d for d in slack.deliveries() if d.payload["event"]["type"] == "app_mention")
    retry = slack.redeliver(first, retry_num=1)
    assert retry.acked
    assert retry.payload["event_id"] == first.payload["event_id"]
    slack.wait_for(lambda: slack.bot_messages("C0GENERAL"))
    bot.idle()
    assert len(slack.bot_messages("C0GENERAL")) == 1
    assert len(bot.services.asked) == 1


def test_edits_deletions_and_other_bots_are_ignored(slack: FakeSlack, bot: Bot) -> None:
    question = slack.mention("what GPUs does LUMI have?")
    slack.wait_for_message(thread_ts=question.ts)
    follow_up = slack.thread_reply(question, "thanks")
    slack.wait_for(lambda: len(slack.bot_messages()) == 2)
    slack.edit(follow_up, "thanks a lot")
    slack.delete(follow_up)
    slack.other_bot_posts("I am another bot")
    bot.idle()
    assert len(bot.services.asked) == 2 and len(slack.bot_messages()) == 2


@pytest.mark.parametrize("subtype", [None, "bot_message"])
def test_mentions_by_other_bots_are_not_answered(
    slack: FakeSlack, bot: Bot, subtype: str | None
) -> None:
    """Two bots answering each other's mentions would never stop."""
    deliveries = slack.other_bot_posts(f"<@{BOT_USER}> what GPUs does LUMI have?", subtype=subtype)
    assert [d.payload["event"]["type"] for d in deliveries] == ["message", "app_mention"]
    assert all(d.acked for d in deliveries)
    bot.idle()
    assert bot.services.asked == [] and slack.bot_messages() == [] and slack.ephemerals() == []


def test_empty_mention_gets_private_help(slack: FakeSlack, bot: Bot) -> None:
    slack.mention("")
    hint = slack.wait_for_message(ephemeral=True)
    assert hint.ephemeral_to == ALICE and "Ask me a question" in hint.text
    assert bot.services.asked == []


def test_rate_limited_post_is_retried_after_retry_after(slack: FakeSlack, bot: Bot) -> None:
    slack.inject_fault("chat.postMessage", status=429, retry_after=1)
    question = slack.mention("what GPUs does LUMI have?")
    slack.wait_for_message(thread_ts=question.ts, timeout=10)
    assert [c.status for c in slack.api_calls("chat.postMessage")][:2] == [429, 200]


def test_oversized_answer_is_delivered_within_limits(slack: FakeSlack, bot: Bot) -> None:
    long_text = "\n\n".join(f"Paragraph {i}: " + "word " * 150 for i in range(40))
    citations = answer_for("q").citations * 15
    bot.services.answer = lambda q, c: answer_for(q, long_text, citations=citations)
    question = slack.mention("tell me everything")
    answer = slack.wait_for_message(thread_ts=question.ts)
    assert slack.api_calls("chat.postMessage")[0].ok
    assert "trimmed to fit" in answer.all_text and "Sources" in answer.all_text
    assert len(answer.blocks or []) <= 50 and len(answer.text) <= 3000


def test_unexpected_error_apologises_privately_and_logs_event_id(
    slack: FakeSlack, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(question: str, context: str | None) -> object:
        raise RuntimeError("index exploded")

    bot.services.answer = broken  # type: ignore[assignment]
    with caplog.at_level(logging.INFO):
        question = slack.mention("what GPUs does LUMI have?")
        apology = slack.wait_for_message(ephemeral=True)
        bot.idle()
    event_id = next(
        d.payload["event_id"]
        for d in slack.deliveries()
        if d.payload["event"]["type"] == "app_mention"
    )
    assert "Sorry" in apology.text and event_id in apology.text
    assert any(event_id in r.getMessage() and r.levelno == logging.ERROR for r in caplog.records)
    assert "index exploded" not in apology.text
    assert not question.reactions  # the hourglass is gone even though answering failed


def test_mentions_cannot_make_the_bot_ping_everyone(slack: FakeSlack, bot: Bot) -> None:
    bot.services.answer = lambda q, c: answer_for(q, f"You asked: {q}")
    question = slack.mention("<!channel> & <!here> <@U0BOB>?")
    answer = slack.wait_for_message(thread_ts=question.ts)
    assert "<!channel>" not in answer.all_text and "<!here>" not in answer.all_text
    assert "&lt;!channel&gt; &amp; &lt;!here&gt;" in answer.all_text


def test_tokens_never_reach_the_logs(
    slack: FakeSlack, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        question = slack.mention("what GPUs does LUMI have?")
        slack.wait_for_message(thread_ts=question.ts)
        slack.slash_command("/specs", "lumi")
        slack.wait_for_message(ephemeral=True)
        bot.idle()
    assert caplog.records
    assert slack.bot_token not in caplog.text and slack.app_token not in caplog.text


def test_socket_mode_reconnects_after_disconnect(slack: FakeSlack, socket_bot: Bot) -> None:
    slack.disconnect_socket("refresh_requested")
    slack.wait_for(
        lambda: len(slack.api_calls("apps.connections.open")) == 2 and slack.hub.connected
    )
    question = slack.mention("still there?")
    assert slack.wait_for_message(thread_ts=question.ts)
    assert BOT_USER in question.text


OVERSIZED = "why? " * 20_000  # 100 KB
REFUSAL = "That question is 99,999 characters long; I read questions of up to 2,000 characters."


def test_an_oversized_mention_is_refused_privately_without_asking(
    slack: FakeSlack, bot: Bot
) -> None:
    slack.mention(OVERSIZED)
    refusal = slack.wait_for_message(ephemeral=True)
    assert refusal.ephemeral_to == ALICE and refusal.text.startswith(REFUSAL)
    bot.idle()
    assert bot.services.asked == [] and slack.bot_messages() == []


def test_an_oversized_direct_message_is_refused_privately_without_asking(
    slack: FakeSlack, bot: Bot
) -> None:
    slack.dm(OVERSIZED)
    refusal = slack.wait_for_message(channel="D0ALICE", ephemeral=True)
    assert refusal.text.startswith(REFUSAL)
    bot.idle()
    assert bot.services.asked == [] and slack.bot_messages() == []


def test_an_oversized_thread_follow_up_is_refused_privately(slack: FakeSlack, bot: Bot) -> None:
    question = slack.mention("what GPUs does LUMI have?")
    slack.wait_for_message(thread_ts=question.ts)
    slack.thread_reply(question, OVERSIZED)
    refusal = slack.wait_for_message(ephemeral=True)
    assert refusal.thread_ts == question.ts and refusal.text.startswith(REFUSAL)
    bot.idle()
    assert bot.services.asked == [("what GPUs does LUMI have?", None)]
