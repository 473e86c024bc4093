"""/usage PROJECT: a project's GPU-hours in a channel an admin linked it to; and `/hpc link`,
`/hpc unlink` (admins) to decide which channel sees which project."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.listeners.deps import Deps, deps_of
from bot.usage.desk import NotLinked
from bot.usage.upload import post_report
from bot.views.mrkdwn import escape
from bot.views.text_reply import notice_blocks
from bot.views.usage import usage_help

if TYPE_CHECKING:
    from bot.listeners.commands.hpc import Invocation

log = logging.getLogger(__name__)
NOT_CONFIGURED = (
    "Usage reports are not set up here: the people who run hpcbot list projects in "
    "HPCBOT_USAGE_CONFIG (README: Your project on the machine)."
)


def _say(ack_or_respond: Any, text: str) -> None:
    ack_or_respond(text=text, blocks=notice_blocks(text))


def handle_usage_command(
    ack: Ack,
    command: dict[str, Any],
    respond: Respond,
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
) -> None:
    deps = deps_of(context)
    desk = deps.usage
    if desk is None:
        _say(ack, NOT_CONFIGURED)
        return
    args = str(command.get("text", "")).split()
    channel = str(command.get("channel_id", ""))
    if len(args) != 1:
        _say(ack, usage_help(desk.links.projects(channel)))
        return
    try:
        name = desk.canonical(args[0])
        if not desk.links.linked(channel, name):
            raise NotLinked(name)
    except Exception as exc:  # UnknownProject, NotLinked: answered in the ack, no Slack call
        _say(ack, escape(str(exc)))
        return
    ack(text=f":hourglass_flowing_sand: Reading {escape(name)}'s usage…")

    def work() -> None:
        report = desk.report_for(channel, name)
        try:
            post_report(client, channel, report, desk, deps_tz(deps))
        except SlackApiError as exc:
            if exc.response.get("error") not in ("not_in_channel", "channel_not_found"):
                raise
            text = "I can't post here: invite me to the channel first (`/invite @hpcbot`)."
            respond(text=text, blocks=notice_blocks(text), response_type="ephemeral")

    deps.after_ack(work, body=body, client=client)


def deps_tz(deps: Deps) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(deps.timezone)


def _is_admin(client: WebClient, user: str) -> bool:
    try:
        info = client.users_info(user=user)
    except SlackApiError as exc:
        log.warning("users.info failed for /hpc link: %s", exc.response.get("error"))
        return False
    person = info.get("user") or {}
    return bool(person.get("is_admin") or person.get("is_owner"))


def handle_link(call: Invocation, *, unlink: bool = False) -> None:
    """`/hpc link PROJECT` / `/hpc unlink PROJECT`: workspace admins only (users.info)."""
    desk = call.deps.usage
    if desk is None:
        _say(call.ack, NOT_CONFIGURED)
        return
    words = call.args.split()
    verb = "unlink" if unlink else "link"
    if len(words) != 1:
        _say(call.ack, f"Usage: `/hpc {verb} PROJECT` (workspace admins).")
        return
    call.ack()
    channel, user = call.command.get("channel_id", ""), call.command.get("user_id", "")

    def work() -> None:
        if not _is_admin(call.client, user):
            text = f"Only a workspace admin can {verb} a project and a channel."
            call.respond(text=text, blocks=notice_blocks(text), response_type="ephemeral")
            return
        if unlink:
            name, changed = desk.unlink(channel, words[0])
            text = (
                f":link: <@{user}> unlinked {escape(name)}: this channel no longer sees its usage."
                if changed
                else f"{escape(name)} was not linked to this channel."
            )
        else:
            name, changed = desk.link(channel, words[0], user)
            text = (
                f":link: <@{user}> linked {escape(name)}: anyone here can see its usage with "
                f"`/usage {escape(name)}`."
                if changed
                else f"{escape(name)} is already linked to this channel."
            )
        call.respond(
            text=text,
            blocks=notice_blocks(text),
            response_type="in_channel" if changed else "ephemeral",
        )

    call.deps.after_ack(work, body=call.body, client=call.client)
