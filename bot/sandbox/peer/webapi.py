"""Web API methods, one small function each. Each returns the JSON body Slack would send.

Functions run under the fake's lock; messages to echo back as events go to `echoes`.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from typing import Any

from . import blockkit, files, views
from .state import BOT_ID, BOT_USER, TEAM_ID, Message
from .workspace import Workspace

Result = dict[str, Any]


class Context:
    def __init__(self, ws: Workspace, args: dict[str, Any], base_url: str) -> None:
        self.ws, self.args, self.base_url = ws, args, base_url
        self.echoes: list[Message] = []


def _err(error: str, **extra: Any) -> Result:
    return {"ok": False, "error": error, **extra}


def _channel_for_bot(ctx: Context) -> tuple[Any, Result | None]:
    channel_id = ctx.args.get("channel")
    if not channel_id:
        return None, _err("channel_not_found")
    channel = ctx.ws.channels.get(str(channel_id))
    if channel is None:
        return None, _err("channel_not_found")
    if BOT_USER not in channel.members:
        return None, _err("not_in_channel")
    return channel, None


def _checked_content(ctx: Context) -> tuple[str, Any, list[str], Result | None]:
    blocks = ctx.args.get("blocks")
    error, messages, text, warnings = blockkit.check_message(ctx.args.get("text"), blocks)
    if error:
        meta = {"messages": messages} if messages else {}
        return "", None, [], _err(error, errors=messages, response_metadata=meta)
    return text, blocks, warnings, None


def _with_warnings(result: Result, warnings: list[str]) -> Result:
    if warnings:
        result["warning"] = ",".join(warnings)
        result["response_metadata"] = {"warnings": warnings}
    return result


def auth_test(ctx: Context) -> Result:
    return {
        "ok": True,
        "url": "https://fake.slack.com/",
        "team": "Fake Workspace",
        "user": "hpcbot",
        "team_id": TEAM_ID,
        "user_id": BOT_USER,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def chat_post_message(ctx: Context) -> Result:
    channel, error = _channel_for_bot(ctx)
    if error:
        return error
    text, blocks, warnings, error = _checked_content(ctx)
    if error:
        return error
    thread_ts = ctx.args.get("thread_ts")
    if thread_ts is not None:
        parent = ctx.ws.find(channel.id, str(thread_ts))
        if parent is None or parent.thread_ts not in (None, parent.ts):
            return _err("thread_not_found")
        thread_ts = parent.ts
    metadata, error = _metadata(ctx.args.get("metadata"))
    if error:
        return error
    msg = Message(channel.id, ctx.ws.next_ts(channel.id), text, BOT_USER, blocks, thread_ts, BOT_ID)
    msg.metadata = metadata
    ctx.ws.add(msg)
    ctx.echoes.append(msg)
    result = {"ok": True, "channel": channel.id, "ts": msg.ts, "message": msg.to_api()}
    return _with_warnings(result, warnings)


def _metadata(raw: Any) -> tuple[dict[str, Any] | None, Result | None]:
    """`metadata` as Slack checks it: an object with `event_type` and `event_payload`."""
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return None, _err("invalid_metadata_format")
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("event_type"), str)
        or not isinstance(raw.get("event_payload"), dict)
    ):
        return None, _err("invalid_metadata_schema")
    return {"event_type": raw["event_type"], "event_payload": raw["event_payload"]}, None


def chat_post_ephemeral(ctx: Context) -> Result:
    channel, error = _channel_for_bot(ctx)
    if error:
        return error
    user = str(ctx.args.get("user", ""))
    if user not in channel.members:
        return _err("user_not_in_channel")
    text, blocks, warnings, error = _checked_content(ctx)
    if error:
        return error
    thread_ts = ctx.args.get("thread_ts")
    msg = Message(
        channel.id,
        ctx.ws.next_ts(channel.id),
        text,
        BOT_USER,
        blocks,
        str(thread_ts) if thread_ts else None,
        BOT_ID,
        ephemeral_to=user,
    )
    ctx.ws.add(msg)
    return _with_warnings({"ok": True, "message_ts": msg.ts}, warnings)


def chat_update(ctx: Context) -> Result:
    channel, error = _channel_for_bot(ctx)
    if error:
        return error
    msg = ctx.ws.find(channel.id, str(ctx.args.get("ts", "")))
    if msg is None:
        return _err("message_not_found")
    if msg.bot_id != BOT_ID:
        return _err("cant_update_message")
    if "text" not in ctx.args and "blocks" not in ctx.args:
        return _err("no_text")
    blocks = ctx.args["blocks"] if "blocks" in ctx.args else msg.blocks
    error_code, messages, text, warnings = blockkit.check_message(
        ctx.args.get("text", msg.text), blocks
    )
    if error_code:
        return _err(error_code, errors=messages)
    msg.text, msg.blocks, msg.edited = text, blocks, True
    result = {
        "ok": True,
        "channel": channel.id,
        "ts": msg.ts,
        "text": text,
        "message": msg.to_api(),
    }
    return _with_warnings(result, warnings)


def chat_delete(ctx: Context) -> Result:
    channel, error = _channel_for_bot(ctx)
    if error:
        return error
    msg = ctx.ws.find(channel.id, str(ctx.args.get("ts", "")))
    if msg is None:
        return _err("message_not_found")
    if msg.bot_id != BOT_ID:
        return _err("cant_delete_message")
    msg.deleted = True
    return {"ok": True, "channel": channel.id, "ts": msg.ts}


def _reaction_target(ctx: Context) -> tuple[Message | None, str, Result | None]:
    channel, error = _channel_for_bot(ctx)
    if error:
        return None, "", error
    name = str(ctx.args.get("name", "")).strip(":")
    if not name:
        return None, "", _err("invalid_name")
    msg = ctx.ws.find(channel.id, str(ctx.args.get("timestamp", "")))
    if msg is None:
        return None, "", _err("message_not_found")
    return msg, name, None


def reactions_add(ctx: Context) -> Result:
    msg, name, error = _reaction_target(ctx)
    if error or msg is None:
        return error or _err("message_not_found")
    users = msg.reactions.setdefault(name, [])
    if BOT_USER in users:
        return _err("already_reacted")
    users.append(BOT_USER)
    return {"ok": True}


def reactions_remove(ctx: Context) -> Result:
    msg, name, error = _reaction_target(ctx)
    if error or msg is None:
        return error or _err("message_not_found")
    users = msg.reactions.get(name, [])
    if BOT_USER not in users:
        return _err("no_reaction")
    users.remove(BOT_USER)
    if not users:
        del msg.reactions[name]
    return {"ok": True}


def conversations_replies(ctx: Context) -> Result:
    channel, error = _channel_for_bot(ctx)
    if error:
        return error
    ts = str(ctx.args.get("ts", ""))
    parent = ctx.ws.find(channel.id, ts)
    if parent is None:
        return _err("thread_not_found")
    root = parent.thread_ts or parent.ts
    thread = [m for m in ctx.ws.visible(channel.id) if m.ts == root or m.thread_ts == root]
    return {"ok": True, "messages": [m.to_api() for m in thread], "has_more": False}


def conversations_history(ctx: Context) -> Result:
    """Newest first; `oldest`/`latest` bound the ts, `cursor` pages, and metadata is only
    returned with `include_all_metadata` (as Slack does)."""
    channel, error = _channel_for_bot(ctx)
    if error:
        return error
    limit = max(1, min(int(ctx.args.get("limit", 100)), 999))
    oldest = float(ctx.args.get("oldest") or 0)
    latest = float(ctx.args.get("latest") or "inf")
    with_meta = str(ctx.args.get("include_all_metadata", "")).lower() in ("1", "true")
    top = [
        m
        for m in ctx.ws.visible(channel.id)
        if m.thread_ts in (None, m.ts) and oldest <= float(m.ts) <= latest
    ]
    newest_first = sorted(top, key=lambda m: float(m.ts), reverse=True)
    start = int(ctx.args.get("cursor") or 0)
    page = newest_first[start : start + limit]
    more = start + limit < len(newest_first)
    result: Result = {
        "ok": True,
        "messages": [m.to_api(include_metadata=with_meta) for m in page],
        "has_more": more,
    }
    if more:
        result["response_metadata"] = {"next_cursor": str(start + limit)}
    return result


def conversations_info(ctx: Context) -> Result:
    channel = ctx.ws.channels.get(str(ctx.args.get("channel", "")))
    if channel is None or (channel.is_private and BOT_USER not in channel.members):
        return _err("channel_not_found")
    return {"ok": True, "channel": channel.info(BOT_USER)}


def users_info(ctx: Context) -> Result:
    """users.info: the fields of Slack's user object an app reads to decide who may do what.

    `is_admin` and `is_owner` are what Slack reports for workspace admins and owners (an
    owner is an admin too); the bot itself is `is_bot`. `locale` (e.g. "de-DE") is there only
    when the app asks with `include_locale=true`, as in Slack.
    """
    user = str(ctx.args.get("user", ""))
    ws = ctx.ws
    if user not in ws.users:
        return _err("user_not_found")
    owner = user in ws.owners
    person: dict[str, Any] = {
        "id": user,
        "team_id": TEAM_ID,
        "name": ws.users[user],
        "deleted": False,
        "real_name": ws.users[user],
        "tz": "Europe/Brussels",
        "is_admin": owner or user in ws.admins,
        "is_owner": owner,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": user == BOT_USER,
        "is_app_user": False,
        "updated": 1700000000,
        "profile": {"real_name": ws.users[user], "display_name": ws.users[user]},
    }
    if str(ctx.args.get("include_locale", "")).lower() in ("1", "true"):
        person["locale"] = ws.locales.get(user, "en-US")
    return {"ok": True, "user": person}


def views_open(ctx: Context) -> Result:
    """Open a modal for whoever the trigger came from (once, within 3 seconds)."""
    trigger_id = str(ctx.args.get("trigger_id", ""))
    view = views.parse_view_arg(ctx.args.get("view"))
    if not trigger_id or view is None:
        return _err("invalid_arguments")
    trigger = ctx.ws.triggers.get(trigger_id)
    if trigger is None:
        return _err("invalid_trigger_id")
    if trigger.used:
        return _err("exchanged_trigger_id")
    if ctx.ws.clock.now() - trigger.issued_at > views.TRIGGER_LIFETIME:
        return _err("expired_trigger_id")
    problems = views.check_view(view)
    if problems:
        return _err("invalid_arguments", response_metadata={"messages": problems})
    trigger.used = True
    view_id = f"V{ctx.ws.next_id():08d}"
    stored = views.stored_view(view, view_id, view_id, None)
    ctx.ws.views[view_id] = views.OpenView(view_id, trigger.user, stored, view_id)
    return {"ok": True, "view": stored}


def conversations_open(ctx: Context) -> Result:
    """conversations.open with one user: the bot's DM with them (made on first use)."""
    users = [u for u in str(ctx.args.get("users", "")).split(",") if u]
    if not users:
        return _err("users_list_not_supplied")
    if len(users) > 1:
        return _err("not_implemented")  # group DMs: hpcbot never opens one
    if users[0] not in ctx.ws.users:
        return _err("user_not_found")
    channel = ctx.ws.dm_channel(users[0])
    return {"ok": True, "channel": {"id": channel.id}}


def files_get_upload_url_external(ctx: Context) -> Result:
    file_id = f"F0{ctx.ws.next_id():08d}"
    return files.get_upload_url(ctx.ws.files, ctx.args, ctx.base_url, file_id)


def files_complete_upload_external(ctx: Context) -> Result:
    channel_id = ctx.args.get("channel_id")
    if channel_id:
        channel, error = _channel_for_bot(Context(ctx.ws, {"channel": channel_id}, ctx.base_url))
        if error:
            return error
        thread_ts = ctx.args.get("thread_ts")
        if thread_ts and ctx.ws.find(channel.id, str(thread_ts)) is None:
            return _err("thread_not_found")
    result, shares = files.complete(ctx.ws.files, ctx.args, ctx.base_url)
    for channel, thread_ts, shared in shares:
        text = str(ctx.args.get("initial_comment") or "")
        msg = files.share_message(
            channel, ctx.ws.next_ts(channel), text, thread_ts, shared, ctx.base_url
        )
        ctx.ws.add(msg)
        ctx.echoes.append(msg)
    return result


def apps_connections_open(ctx: Context) -> Result:
    ticket = secrets.token_urlsafe(24)  # unguessable, like Slack's
    ctx.ws.tickets.add(ticket)  # single use: the socket hub accepts it once
    ws_url = ctx.base_url.replace("http://", "ws://", 1)
    return {"ok": True, "url": f"{ws_url}/link/?ticket={ticket}&app_id=A0FAKEAPP"}


BOT_METHODS: dict[str, Callable[[Context], Result]] = {
    "auth.test": auth_test,
    "chat.postMessage": chat_post_message,
    "chat.postEphemeral": chat_post_ephemeral,
    "chat.update": chat_update,
    "chat.delete": chat_delete,
    "reactions.add": reactions_add,
    "reactions.remove": reactions_remove,
    "conversations.replies": conversations_replies,
    "conversations.history": conversations_history,
    "conversations.info": conversations_info,
    "users.info": users_info,
    "views.open": views_open,
    "conversations.open": conversations_open,
    "files.getUploadURLExternal": files_get_upload_url_external,
    "files.completeUploadExternal": files_complete_upload_external,
}
APP_METHODS: dict[str, Callable[[Context], Result]] = {
    "apps.connections.open": apps_connections_open,
}
