""" "Share in channel": post a private reply for everyone, then remove the private copy."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.errors import UserFacingError
from bot.listeners.deps import deps_of
from bot.views.text_reply import shared_blocks


def handle_share(
    ack: Ack,
    action: dict[str, Any],
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
) -> None:
    ack()
    deps = deps_of(context)
    user = body.get("user", {}).get("id", "")

    def work() -> None:
        reply = deps.store.reply(str(action.get("value", "")))
        words = deps.words_of(client, user)  # theirs: only the asker sees a private reply
        if reply is None or not reply.blocks:  # unknown, or pruned (StateStore.prune_questions)
            raise UserFacingError(words.too_old_to_share)
        blocks = shared_blocks(reply.blocks, user, words)
        respond(text=reply.text, blocks=blocks, response_type="in_channel", replace_original=False)
        respond(delete_original=True)

    deps.after_ack(work, body=body, client=client)
