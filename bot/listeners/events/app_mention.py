"""@hpcbot in a channel: answer in a thread (with the thread's first question as context).
Mentions by apps and bots are ignored, like their messages (events/message.py)."""

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


def handle_app_mention(
    event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    if event.get("bot_id") or event.get("subtype") == "bot_message":
        return  # another app (or this one): answering could start a bot-to-bot loop
    deps = deps_of(context)
    question = strip_mention(str(event.get("text", "")), context.bot_user_id)
    channel, ts, user = event["channel"], event["ts"], event.get("user", "")
    thread_ts = event.get("thread_ts") or ts
    if not question:

        def help_them() -> None:
            tell_privately(client, body, deps.words_of(client, user).mention_help)

        deps.after_ack(help_them, body=body, client=client)
        return
    if is_too_long(question):  # before any model work

        def refuse() -> None:
            tell_privately(client, body, too_long_refusal(question, deps.words_of(client, user)))

        deps.after_ack(refuse, body=body, client=client)
        return

    def work() -> None:
        earlier = deps.store.thread_question(channel, thread_ts) if event.get("thread_ts") else None
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

    deps.after_ack(work, body=body, client=client)
