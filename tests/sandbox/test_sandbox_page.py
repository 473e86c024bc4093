"""The sandbox page in a real browser: what an ops person sees and does, against hpcbot built by
its real factory (fake answering services for speed; the real model is tested elsewhere)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fakeslack import ALICE, BOT_USER
from fakeslack.services import FakeServices
from sandboxpage import (
    By,
    Keys,
    Shot,
    ask_in_channel,
    click,
    find,
    open_page,
    send,
    type_into,
    wait,
)
from slack_sdk import WebClient

from bot.sandbox import Sandbox
from bot.state import StateStore


def test_mention_gets_a_threaded_answer_with_sources(
    browser: Any, sandbox: Sandbox, services: FakeServices, shot: Shot
) -> None:
    open_page(browser, sandbox)
    shot("empty-channel")
    ask_in_channel(browser, "what GPUs does LUMI have?")
    answer = find(browser, "#thread-messages .message.from-bot", "Sources")
    assert "4 AMD MI250X" in answer.text
    assert "APP" in answer.text  # the bot's badge
    links = answer.find_elements(By.CSS_SELECTOR, "a[href^='https://docs.lumi-supercomputer.eu']")
    # A link in the answer text comes from a document: shown with its URL, not behind text.
    assert {a.text for a in links} == {"https://docs.lumi-supercomputer.eu/", "LUMI-G hardware"}
    assert "See the LUMI docs (https://docs.lumi-supercomputer.eu/)." in answer.text
    assert answer.find_element(By.CSS_SELECTOR, "b").text == "4 AMD MI250X"  # mrkdwn bold
    buttons = [b.text for b in answer.find_elements(By.CSS_SELECTOR, "button.bk-button")]
    assert buttons == ["👍 Helpful", "👎 Not helpful"]
    assert services.asked == [("what GPUs does LUMI have?", None)]
    shot("answer-thread")


def test_queue_and_deadlines_commands_with_autocomplete(
    browser: Any, sandbox: Sandbox, shot: Shot
) -> None:
    open_page(browser, sandbox)
    field = type_into(browser, "/qu")
    suggestion = find(browser, "#suggestions:not([hidden]) .suggestion", "/queue")
    assert "<machine> [partition]" in suggestion.text  # the usage hint from bot/manifest.yaml
    shot("autocomplete")
    field.send_keys(Keys.TAB)
    assert field.get_attribute("value") == "/queue "
    field.send_keys("lumi", Keys.ENTER)
    card = find(browser, "#messages .message.ephemeral", "LUMI queue")
    assert "Only visible to you" in card.text
    assert card.find_elements(By.CSS_SELECTOR, ".bk-header")
    assert card.find_elements(By.CSS_SELECTOR, ".bk-fields")  # partition fields
    assert "Share in channel" in card.text

    send(browser, "/deadlines")
    deadlines = find(browser, "#messages .message.ephemeral", "AI Factories Large Scale")
    assert "Only visible to you" in deadlines.text
    shot("queue-and-deadlines")


def test_feedback_click_is_stored_in_the_state_database(
    browser: Any, sandbox: Sandbox, shot: Shot, tmp_path: Path
) -> None:
    open_page(browser, sandbox)
    ask_in_channel(browser, "what GPUs does LUMI have?")
    click(browser, "#thread-messages button.bk-button", "Helpful")
    thanks = find(browser, ".message.ephemeral", "Thanks! Glad it helped.")
    assert "Only visible to you" in thanks.text
    shot("feedback")
    store = StateStore.open(f"sqlite:///{tmp_path / 'state.db'}")
    try:
        votes = store.feedback()
    finally:
        store.close()
    assert [(v.user_id, v.helpful) for v in votes] == [(ALICE, True)]


def test_follow_up_in_the_thread_is_answered_with_context(
    browser: Any, sandbox: Sandbox, services: FakeServices, shot: Shot
) -> None:
    open_page(browser, sandbox)
    ask_in_channel(browser, "what GPUs does LUMI have?")
    send(browser, "and how much memory per GPU?", box="thread-input")
    find(browser, "#thread-messages .message", "and how much memory per GPU?")
    wait(browser).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#thread-messages .message.from-bot")) == 2
    )
    assert services.asked[-1] == ("and how much memory per GPU?", "what GPUs does LUMI have?")
    find(browser, "#messages .thread-summary", "3 replies")
    shot("follow-up")


def test_share_in_channel_posts_a_private_answer_for_everyone(
    browser: Any, sandbox: Sandbox, shot: Shot
) -> None:
    open_page(browser, sandbox)
    send(browser, "/hpc ask what GPUs does LUMI have?")
    private = find(browser, "#messages .message.ephemeral", "Share in channel")
    private.find_element(By.CSS_SELECTOR, "button[data-action-id='share_reply']").click()
    shared = find(browser, "#messages .message.from-bot:not(.ephemeral)", "Shared by")
    assert "@alice" in shared.text and "4 AMD MI250X" in shared.text
    wait(browser).until(  # the private copy is gone
        lambda d: "Share in channel" not in d.find_element(By.ID, "messages").text
    )
    shot("shared")


def test_direct_message_view(browser: Any, sandbox: Sandbox, services: FakeServices) -> None:
    open_page(browser, sandbox)
    click(browser, "#dm-list li")
    assert browser.find_element(By.ID, "channel-name").text == "hpcbot"
    send(browser, "what GPUs does LUMI have?")
    answer = find(browser, "#messages .message.from-bot", "Sources")
    assert "4 AMD MI250X" in answer.text
    assert services.asked == [("what GPUs does LUMI have?", None)]


def test_block_kit_updates_and_reactions_render_live(
    browser: Any, sandbox: Sandbox, shot: Shot
) -> None:
    """What any bot post looks like: every block type, mrkdwn, updates in place, reactions."""
    open_page(browser, sandbox)
    client = WebClient(token=sandbox.peer.bot_token, base_url=sandbox.peer.api_url)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Weekly digest :rocket:"}},
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Bold*, _italic_, ~gone~, `code` and <https://example.org|a link>."
                "\n• first\n• second\n> quoted &lt;not a tag&gt;",
            },
        },
        {"type": "divider"},
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": "*Machine*\nLUMI"},
                {"type": "mrkdwn", "text": "*GPUs free*\n96"},
            ],
        },
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "as of today"}]},
    ]
    posted = client.chat_postMessage(channel="C0GENERAL", text="digest", blocks=blocks)
    message = find(browser, "#messages .message.from-bot", "Weekly digest")
    assert message.find_element(By.CSS_SELECTOR, ".bk-header").text == "Weekly digest 🚀"
    assert message.find_element(By.CSS_SELECTOR, "i").text == "italic"
    assert message.find_element(By.CSS_SELECTOR, "s").text == "gone"
    assert message.find_element(By.CSS_SELECTOR, "code").text == "code"
    assert message.find_element(By.CSS_SELECTOR, "a").get_attribute("href") == (
        "https://example.org/"
    )
    assert "<not a tag>" in message.find_element(By.CSS_SELECTOR, "blockquote").text
    assert len(message.find_elements(By.CSS_SELECTOR, ".li")) == 2
    assert message.find_elements(By.CSS_SELECTOR, "hr.bk-divider")
    shot("block-kit")
    client.reactions_add(channel="C0GENERAL", timestamp=posted["ts"], name="eyes")
    find(browser, "#messages .reaction[data-reaction='eyes']")
    client.chat_update(channel="C0GENERAL", ts=posted["ts"], text="updated", blocks=blocks[:1])
    find(browser, "#messages .message.from-bot", "(edited)")
    assert not browser.find_elements(By.CSS_SELECTOR, "#messages .bk-fields")
    shot("block-kit-updated")


def test_fast_forward_moves_the_sandbox_clock(browser: Any, sandbox: Sandbox) -> None:
    open_page(browser, sandbox)
    before = sandbox.clock.now()
    skipped: list[float] = []
    sandbox.on_advance.append(skipped.append)
    browser.find_element(By.CSS_SELECTOR, "[data-testid=ff-day]").click()
    find(browser, "#clock-now", "fast-forwarded")
    assert (sandbox.clock.now() - before).total_seconds() >= 86400
    assert max(skipped) <= 3600  # hour by hour at most, so nothing due is jumped over
    assert sum(skipped) == pytest.approx(86400, abs=5)


def test_a_command_nobody_answers_shows_slackbot_error(
    browser: Any, sandbox: Sandbox, services: FakeServices
) -> None:
    open_page(browser, sandbox)
    send(browser, "/nosuch thing")
    note = find(browser, "#messages .message.ephemeral", "not a valid command")
    assert "Slackbot" in note.text


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "<@U0BOT> & <b>not bold</b>"])
def test_user_text_is_shown_not_executed(browser: Any, sandbox: Sandbox, text: str) -> None:
    open_page(browser, sandbox)
    sandbox.peer.post_as_user(text.replace("<@U0BOT>", "hey"), "C0GENERAL", ALICE)
    message = find(browser, "#messages .message", "not bold" if "bold" in text else "script")
    assert not message.find_elements(By.CSS_SELECTOR, "script, b")
    assert BOT_USER not in message.text


def test_scheduled_posts_appear_when_the_clock_is_fast_forwarded(
    browser: Any, sandbox: Sandbox, shot: Shot
) -> None:
    open_page(browser, sandbox)
    send(browser, "/hpc subscribe queue lumi daily 08:30 Europe/Brussels")
    find(browser, "#messages .message.from-bot", "Subscribed")
    assert not browser.find_elements(By.CSS_SELECTOR, "#messages .bk-fields")  # no digest yet
    browser.find_element(By.CSS_SELECTOR, "[data-testid=ff-day]").click()
    digest = find(browser, "#messages .message.from-bot:not(.ephemeral)", "standard-g", 20)
    assert "LUMI" in digest.text and "Late" not in digest.text  # landed on its due time
    shot("scheduled-digest")
