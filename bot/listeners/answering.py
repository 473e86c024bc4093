"""Answering a question in a conversation: working signal, ask, post, remember the thread."""

from __future__ import annotations

import logging
import re

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n import ENGLISH, Words
from bot.listeners.deps import Deps
from bot.views.answer import answer_fallback_text, build_answer_blocks

WORKING = "hourglass_flowing_sand"
# A question, not a document: long enough for a question with an error message in it, short
# enough that answering it (and storing it) costs what a question should.
MAX_QUESTION_CHARS = 2000
log = logging.getLogger(__name__)


def is_too_long(question: str) -> bool:
    return len(question) > MAX_QUESTION_CHARS


def too_long_refusal(question: str, words: Words = ENGLISH) -> str:
    """The polite refusal for a question over MAX_QUESTION_CHARS."""
    return words.too_long.format(
        length=words.number(len(question)), limit=words.number(MAX_QUESTION_CHARS)
    )


def question_too_long(question: str, words: Words = ENGLISH) -> str | None:
    """The refusal for a question over MAX_QUESTION_CHARS, else None (cheap: a length)."""
    return too_long_refusal(question, words) if is_too_long(question) else None


def strip_mention(text: str, bot_user_id: str | None) -> str:
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    return " ".join(text.split())


def answer_in_conversation(
    deps: Deps,
    client: WebClient,
    *,
    channel: str,
    user: str,
    question: str,
    message_ts: str,
    thread_ts: str | None,
    context: str | None = None,
) -> None:
    """Answer `question` in `channel` (in `thread_ts` if given) and remember the thread."""
    if thread_ts is not None:
        # Before posting: a reply that arrives right after the answer is already a follow-up.
        deps.store.remember_thread(channel, thread_ts, question)
    reacted = _react(client, "add", channel, message_ts)
    try:
        answer = deps.services.ask(question, context)
        words = deps.answer_words(answer)
        reply_id = deps.store.save_reply(
            kind="answer",
            user_id=user,
            channel_id=channel,
            thread_ts=thread_ts,
            question=question,
            answer=answer.text,
            sources=[c.to_dict() for c in answer.citations],
            route=answer.route,
            confidence=answer.confidence,
        )
        client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            text=answer_fallback_text(answer, words),
            blocks=build_answer_blocks(answer, reply_id, words=words),
            unfurl_links=False,
            unfurl_media=False,
        )
        if deps.log_message_text:
            log.info("answered %r in %s", question, channel)
    finally:
        if reacted:
            _react(client, "remove", channel, message_ts)


def _react(client: WebClient, how: str, channel: str, ts: str) -> bool:
    """The working signal is best effort: a missing reaction must not lose the answer."""
    try:
        if how == "add":
            client.reactions_add(channel=channel, timestamp=ts, name=WORKING)
        else:
            client.reactions_remove(channel=channel, timestamp=ts, name=WORKING)
    except SlackApiError as exc:
        log.warning("reactions.%s failed in %s: %s", how, channel, exc.response.get("error"))
        return False
    return True
