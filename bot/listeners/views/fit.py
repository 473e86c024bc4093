"""The /hpc fit modal submitted: refuse bad input in the modal, else answer privately."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.listeners.deps import deps_of
from bot.state import new_reply_id
from bot.views.fit import BLOCK_OF, channel_of, fit_blocks, fit_fallback, submitted_values
from knowledge import FitInputError, fit_text


def handle_fit_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    deps = deps_of(context)
    desk = deps.fit
    if desk is None:  # the modal came from an older run that offered it
        ack()
        return
    try:  # in the ack: the modal shows the problem under the input that caused it
        result = desk.run(submitted_values(view))
    except FitInputError as exc:
        ack(response_action="errors", errors={BLOCK_OF.get(exc.field, "params"): str(exc)})
        return
    ack()
    user, channel = body.get("user", {}).get("id", ""), channel_of(view)

    def work() -> None:
        reply_id = new_reply_id()
        blocks = fit_blocks(result, reply_id, desk.tz)
        text = fit_fallback(result, desk.tz)
        deps.store.save_reply(
            kind="fit",
            user_id=user,
            channel_id=channel,
            question="/hpc fit",
            answer=fit_text(result, desk.tz),
            text=text,
            blocks=blocks,
            reply_id=reply_id,
        )
        client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=blocks)

    deps.after_ack(work, body=body, client=client)
