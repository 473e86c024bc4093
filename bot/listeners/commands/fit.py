"""/hpc fit: open the modal that asks who applies and what they want to run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.views.fit import fit_modal
from bot.views.text_reply import notice_blocks

if TYPE_CHECKING:
    from bot.listeners.commands.hpc import Invocation

NOT_SET_UP = "The fit finder is not set up on this bot."


def handle_fit(call: Invocation) -> None:
    desk = call.deps.fit
    if desk is None:
        call.ack(text=NOT_SET_UP, blocks=notice_blocks(NOT_SET_UP))
        return
    call.ack()
    # Now, not after the ack on the worker pool: the trigger id is valid for 3 seconds only.
    view = fit_modal(desk.data(), str(call.command.get("channel_id", "")))
    call.client.views_open(trigger_id=call.command["trigger_id"], view=view)
