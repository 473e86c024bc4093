"""/specs MACHINE: what a machine offers, from the curated catalog."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.commands.replies import (
    reply_privately,
    tell_in_their_language,
    usage_with_machines,
)
from bot.listeners.deps import deps_of


def handle_specs_command(
    ack: Ack,
    command: dict[str, Any],
    respond: Respond,
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
) -> None:
    deps = deps_of(context)
    machine = str(command.get("text", "")).strip()
    if not machine:
        usage = usage_with_machines(deps, lambda words: words.specs_usage)
        tell_in_their_language(deps, ack, respond, command, body, client, usage)
        return
    ack()

    def work() -> None:
        card = deps.services.specs(machine)
        words = deps.words_of(client, str(command.get("user_id", "")))
        reply_privately(deps, respond, command, kind="specs", text="", markdown=card, words=words)

    deps.after_ack(work, body=body, client=client)
