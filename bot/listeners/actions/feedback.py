"""Helpful / not helpful buttons: the vote is stored with the reply's question and sources."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.deps import deps_of
from bot.views.blocks import HELPFUL_ACTION


def handle_feedback(
    ack: Ack,
    action: dict[str, Any],
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
) -> None:
    ack()
    deps = deps_of(context)
    helpful = action.get("action_id") == HELPFUL_ACTION
    user = body.get("user", {}).get("id", "")

    def work() -> None:
        stored = deps.store.record_feedback(str(action.get("value", "")), user, helpful)
        words = deps.words_of(client, user)
        thanks = words.thanks_helpful if helpful else words.thanks_not_helpful
        text = thanks if stored else words.feedback_gone
        respond(text=text, response_type="ephemeral", replace_original=False)

    deps.after_ack(work, body=body, client=client)
