"""/hpc subscribe | subscriptions | unsubscribe: scheduled posts for the current channel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from slack_sdk.errors import SlackApiError

from bot.errors import UserFacingError
from bot.schedule.desk import SubscriptionDesk
from bot.schedule.parse import SUBSCRIBE_USAGE, SubscribeError, check_subscribe_size
from bot.views import scheduled
from bot.views.mrkdwn import escape
from bot.views.text_reply import notice_blocks

if TYPE_CHECKING:
    from bot.listeners.commands.hpc import Invocation

NOT_SET_UP = "Scheduled posts are not set up on this bot."
INVITE = (
    "I can't post in this channel yet. Invite me first (`/invite @hpcbot`), then subscribe again."
)


def _desk(call: Invocation) -> SubscriptionDesk | None:
    desk = call.deps.subscriptions
    if desk is None:
        call.ack(text=NOT_SET_UP, blocks=notice_blocks(NOT_SET_UP))
    return desk


def _tell(call: Invocation, mrkdwn: str, *, in_channel: bool = False) -> None:
    call.ack(
        text=mrkdwn,
        blocks=notice_blocks(mrkdwn),
        response_type="in_channel" if in_channel else "ephemeral",
    )


def handle_subscribe(call: Invocation) -> None:
    desk = _desk(call)
    if desk is None:
        return
    if not call.args.strip():
        _tell(call, f"*Scheduled posts in this channel*\n{SUBSCRIBE_USAGE}")
        return
    try:  # in the ack: oversized text costs no worker and gets its answer at once
        check_subscribe_size(call.args)
    except SubscribeError as exc:
        _tell(call, escape(str(exc)))
        return
    call.ack()
    channel, user = call.command.get("channel_id", ""), call.command.get("user_id", "")

    def work() -> None:
        if not _bot_can_post(call, channel):
            call.respond(text=INVITE, response_type="ephemeral", replace_original=False)
            return
        try:
            sub, created = desk.subscribe(channel, call.args, user)
        except UserFacingError as exc:
            text = escape(str(exc))
            call.respond(text=text, blocks=notice_blocks(text), response_type="ephemeral")
            return
        text = scheduled.subscribed(sub, desk.call_names(), created)
        if created:
            text = f"<@{user}>: {text}"
        kind = "in_channel" if created else "ephemeral"
        call.respond(text=text, blocks=notice_blocks(text), response_type=kind)

    call.deps.after_ack(work, body=call.body, client=call.client)


def handle_subscriptions(call: Invocation) -> None:
    desk = _desk(call)
    if desk is not None:
        channel = call.command.get("channel_id", "")
        _tell(call, scheduled.subscription_list(desk.listed(channel), desk.call_names()))


def handle_unsubscribe(call: Invocation) -> None:
    desk = _desk(call)
    if desk is None:
        return
    try:
        removed = desk.unsubscribe(call.args, call.command.get("channel_id", ""))
    except UserFacingError as exc:
        _tell(call, escape(str(exc)))
        return
    user = call.command.get("user_id", "")
    line = scheduled.describe(removed, desk.call_names())
    _tell(call, f":no_bell: <@{user}> stopped {line}.", in_channel=True)


def _bot_can_post(call: Invocation, channel: str) -> bool:
    """False when Slack says the bot is not a member (it could not post the reminders)."""
    try:
        info = call.client.conversations_info(channel=channel)
    except SlackApiError as exc:
        return exc.response.get("error") not in ("channel_not_found", "not_in_channel")
    return (info.get("channel") or {}).get("is_member", True) is not False
