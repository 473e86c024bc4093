"""`/hpc notify [MACHINE]`: your personal job notification URL (ephemeral); `/hpc notify revoke`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.errors import UserFacingError
from bot.views.mrkdwn import escape
from bot.views.notify import notify_url
from bot.views.text_reply import notice_blocks

if TYPE_CHECKING:
    from bot.listeners.commands.hpc import Invocation

NOT_SET_UP = (
    "Job notifications are not set up here: the people who run hpcbot set "
    "HPCBOT_NOTIFY_SECRET and HPCBOT_PUBLIC_URL (README: Job notifications)."
)


def handle_notify(call: Invocation) -> None:
    desk = call.deps.notify
    user = str(call.command.get("user_id", ""))
    words = call.args.split()
    if desk is None:
        text = NOT_SET_UP
    elif words[:1] == ["revoke"]:
        revoked = desk.revoke(user)
        text = (
            f":no_entry: Revoked {revoked} notification URL{'s' if revoked != 1 else ''}; calls "
            "to it now get 401. `/hpc notify` makes a new one."
            if revoked
            else "You have no notification URL to revoke."
        )
    elif len(words) > 1:
        text = "Usage: `/hpc notify [MACHINE]` for your URL, `/hpc notify revoke` to end it."
    else:
        try:
            url, machine = desk.issue(user, words[0] if words else None)
            text = notify_url(url, machine)
        except UserFacingError as exc:
            text = escape(str(exc))
    # In the ack: only the user sees it (the URL is theirs), and it costs no Slack call.
    call.ack(text=text, blocks=notice_blocks(text), response_type="ephemeral")
