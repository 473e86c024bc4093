"""/deadlines [CALL]: upcoming cut-offs, all calls or one."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.commands.replies import reply_privately
from bot.listeners.deps import deps_of


def handle_deadlines_command(
    ack: Ack,
    command: dict[str, Any],
    respond: Respond,
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
) -> None:
    deps = deps_of(context)
    call = str(command.get("text", "")).strip() or None
    ack()

    def work() -> None:
        text = deps.services.deadlines(call)
        words = deps.words_of(client, str(command.get("user_id", "")))
        title = words.deadlines_title_for.format(call=call) if call else words.deadlines_title
        reply_privately(
            deps,
            respond,
            command,
            kind="deadlines",
            text="",
            markdown=text,
            title=title,
            words=words,
        )

    deps.after_ack(work, body=body, client=client)
