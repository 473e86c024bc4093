"""/specs MACHINE: what a machine offers, from the curated catalog."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.commands.replies import reply_privately
from bot.listeners.deps import deps_of
from bot.views.help import SPECS_USAGE, with_machines
from bot.views.text_reply import notice_blocks


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
        usage = with_machines(SPECS_USAGE, deps.services.machines())
        ack(text=usage, blocks=notice_blocks(usage))
        return
    ack()

    def work() -> None:
        card = deps.services.specs(machine)
        reply_privately(deps, respond, command, kind="specs", text="", markdown=card)

    deps.after_ack(work, body=body, client=client)
