"""/hpc subscribe | subscriptions | unsubscribe: scheduled posts for the current channel."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from slack_sdk.errors import SlackApiError

from bot.errors import UserFacingError
from bot.schedule.desk import NotAllowed, SubscriptionDesk
from bot.schedule.parse import SUBSCRIBE_USAGE, SubscribeError, check_subscribe_size
from bot.schedule.subscriptions import Subscription
from bot.views import scheduled
from bot.views.mrkdwn import escape
from bot.views.text_reply import notice_blocks

if TYPE_CHECKING:
    from bot.listeners.commands.hpc import Invocation

log = logging.getLogger(__name__)
_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,}")  # a Slack user id, not "cli"
NOT_SET_UP = "Scheduled posts are not set up on this bot."
INVITE = (
    "I can't post in this channel yet. Invite me first (`/invite @hpcbot`), then subscribe again."
)


def _desk(call: Invocation) -> SubscriptionDesk | None:
    desk = call.deps.subscriptions
    if desk is None:
        call.ack(text=NOT_SET_UP, blocks=notice_blocks(NOT_SET_UP))
    return desk


def _tell(call: Invocation, mrkdwn: str) -> None:
    """A private answer in the ack."""
    call.ack(text=mrkdwn, blocks=notice_blocks(mrkdwn), response_type="ephemeral")


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
    """Any channel member sees the channel's subscriptions, but only the person who made one,
    or a workspace admin (users.info), can stop it."""
    desk = _desk(call)
    if desk is None:
        return
    call.ack()  # the admin check is a Slack call: after the ack, the answer via response_url
    channel, user = call.command.get("channel_id", ""), call.command.get("user_id", "")

    def work() -> None:
        try:
            removed = desk.unsubscribe(
                call.args, channel, by=user, by_admin=lambda: _is_admin(call, user)
            )
        except NotAllowed as exc:
            text = _not_yours(exc.subscription, desk)
            call.respond(text=text, blocks=notice_blocks(text), response_type="ephemeral")
            return
        except UserFacingError as exc:
            text = escape(str(exc))
            call.respond(text=text, blocks=notice_blocks(text), response_type="ephemeral")
            return
        line = scheduled.describe(removed, desk.call_names())
        text = f":no_bell: <@{user}> stopped {line}."
        call.respond(text=text, blocks=notice_blocks(text), response_type="in_channel")

    call.deps.after_ack(work, body=call.body, client=call.client)


def _not_yours(sub: Subscription, desk: SubscriptionDesk) -> str:
    made_by = sub.created_by
    who = f"<@{made_by}>" if _SLACK_USER.fullmatch(made_by) else "the admin who set it up"
    return f"Only {who} or a workspace admin can stop {scheduled.describe(sub, desk.call_names())}."


def _is_admin(call: Invocation, user: str) -> bool:
    """A workspace admin or owner, as Slack says; False if Slack can't tell us."""
    try:
        info = call.client.users_info(user=user)
    except SlackApiError as exc:
        log.warning("users.info failed for an unsubscribe: %s", exc.response.get("error"))
        return False
    person = info.get("user") or {}
    return bool(person.get("is_admin") or person.get("is_owner"))


def _bot_can_post(call: Invocation, channel: str) -> bool:
    """False when Slack says the bot is not a member (it could not post the reminders)."""
    try:
        info = call.client.conversations_info(channel=channel)
    except SlackApiError as exc:
        return exc.response.get("error") not in ("channel_not_found", "not_in_channel")
    return (info.get("channel") or {}).get("is_member", True) is not False
