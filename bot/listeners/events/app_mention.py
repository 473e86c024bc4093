"""@hpcbot in a channel: answer in a thread (with the thread's first question as context).
Mentions by apps and bots are ignored, like their messages (events/message.py)."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.listeners.answering import answer_in_conversation, question_too_long, strip_mention
from bot.listeners.deps import deps_of
from bot.listeners.errors import tell_privately
from bot.views.help import MENTION_HELP


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
        deps.after_ack(lambda: tell_privately(client, body, MENTION_HELP), body=body, client=client)
        return
    refusal = question_too_long(question)
    if refusal is not None:  # before any model work
        deps.after_ack(lambda: tell_privately(client, body, refusal), body=body, client=client)
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
