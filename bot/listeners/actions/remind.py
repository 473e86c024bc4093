""" "Remind us" under a fit answer: subscribe the channel to that call's cut-off reminders.

The subscription is the same as `/hpc subscribe deadlines <call>` makes (default days), so the
scheduler posts it, and `/hpc subscriptions` and `/hpc unsubscribe` handle it.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.listeners.commands.subscriptions import INVITE, NOT_SET_UP
from bot.listeners.deps import deps_of
from bot.schedule.parse import DEFAULT_OFFSETS
from bot.schedule.subscriptions import DeadlineSpec
from bot.views import scheduled
from bot.views.text_reply import notice_blocks


def handle_remind(
    ack: Ack,
    action: dict[str, Any],
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
) -> None:
    ack()
    deps = deps_of(context)
    desk = deps.subscriptions
    user = body.get("user", {}).get("id", "")
    channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")

    def work() -> None:
        if desk is None:
            respond(text=NOT_SET_UP, response_type="ephemeral", replace_original=False)
            return
        if not _bot_can_post(client, str(channel)):
            respond(text=INVITE, response_type="ephemeral", replace_original=False)
            return
        call = desk.knowledge.resolve_call(str(action.get("value", "")))
        spec = DeadlineSpec((call.id,), DEFAULT_OFFSETS, desk.default_tz)
        sub, created = desk.add(str(channel), spec, user)
        text = scheduled.subscribed(sub, desk.call_names(), created)
        if created:
            text = f"<@{user}>: {text}"
        kind = "in_channel" if created else "ephemeral"
        respond(text=text, blocks=notice_blocks(text), response_type=kind, replace_original=False)

    deps.after_ack(work, body=body, client=client)


def _bot_can_post(client: WebClient, channel: str) -> bool:
    try:
        info = client.conversations_info(channel=channel)
    except SlackApiError as exc:
        return exc.response.get("error") not in ("channel_not_found", "not_in_channel")
    return (info.get("channel") or {}).get("is_member", True) is not False
