"""/deadlines [CALL]: upcoming cut-offs, all calls or one."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.commands.replies import reply_privately
from bot.listeners.deps import deps_of

TITLE = "Upcoming EuroHPC cut-offs"


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
        title = f"{TITLE}: {call}" if call else TITLE
        reply_privately(
            deps, respond, command, kind="deadlines", text="", markdown=text, title=title
        )

    deps.after_ack(work, body=body, client=client)
