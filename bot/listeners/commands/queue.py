"""/queue MACHINE [PARTITION]: live queue status, privately, with "Share in channel"."""

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
from bot.views.blocks import context as context_block
from bot.views.mrkdwn import escape
from bot.views.queue_status import build_queue_blocks
from knowledge.queue import QueueUnavailable


def handle_queue_command(
    ack: Ack,
    command: dict[str, Any],
    respond: Respond,
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
) -> None:
    deps = deps_of(context)
    args = str(command.get("text", "")).split()
    if not 1 <= len(args) <= 2:
        usage = usage_with_machines(deps, lambda words: words.queue_usage)
        tell_in_their_language(deps, ack, respond, command, body, client, usage)
        return
    ack()
    machine, partition = args[0], (args[1] if len(args) == 2 else None)

    def work() -> None:
        note = None
        try:
            status = deps.services.queue(machine, partition)
        except QueueUnavailable as exc:
            if exc.last_known is None:
                raise
            status, note = exc.last_known, f":warning: {escape(str(exc))}"
        words = deps.words_of(client, str(command.get("user_id", "")))
        blocks = build_queue_blocks(status, partition, words=words)
        if note:
            blocks.insert(1, context_block(note))
        text = words.queue_title.format(machine=status.machine)
        text += f" ({partition})" if partition else ""
        reply_privately(
            deps, respond, command, kind="queue", text=escape(text), blocks=blocks, words=words
        )

    deps.after_ack(work, body=body, client=client)
