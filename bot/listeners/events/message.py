"""Plain messages: DMs are questions; in channels, replies in threads the bot answered are
follow-ups. Edits, deletions, other subtypes and bots are ignored; mentions go to app_mention."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.listeners.answering import (
    answer_in_conversation,
    is_too_long,
    strip_mention,
    too_long_refusal,
)
from bot.listeners.deps import deps_of
from bot.listeners.errors import tell_privately


def handle_message(
    event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    if event.get("subtype") or event.get("bot_id"):
        return
    text, bot_user = str(event.get("text", "")), context.bot_user_id
    is_dm = event.get("channel_type") == "im"
    if not is_dm and bot_user and f"<@{bot_user}" in text:
        return  # the app_mention event for the same message answers it
    question = strip_mention(text, bot_user)
    channel, ts, thread_ts = event["channel"], event["ts"], event.get("thread_ts")
    if not question:
        return
    deps = deps_of(context)
    user = event.get("user", "")

    def work() -> None:
        earlier = deps.store.thread_question(channel, thread_ts) if thread_ts else None
        if not is_dm and earlier is None:
            return  # a thread the bot was never part of
        if is_too_long(question):  # before any model work
            tell_privately(client, body, too_long_refusal(question, deps.words_of(client, user)))
            return
        answer_in_conversation(
            deps,
            client,
            channel=channel,
            user=user,
            question=question,
            message_ts=ts,
            thread_ts=thread_ts,
            context=earlier,
        )

    if is_dm or thread_ts:
        deps.after_ack(work, body=body, client=client)
