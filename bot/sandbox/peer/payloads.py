"""Builders for what Slack sends to an app: event callbacks, slash commands, block_actions.

Shapes follow slack-testing.md §3.3-3.5 (written from Slack's documented examples).
"""

from __future__ import annotations

from typing import Any

from .state import APP_ID, BOT_USER, TEAM_ID, VERIFICATION_TOKEN, Channel, Message


def event_callback(event: dict[str, Any], event_id: str, event_time: int) -> dict[str, Any]:
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": event_time,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-fake-{event_id}",
    }


def user_message_event(msg: Message, channel: Channel, *, mention: bool) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "app_mention" if mention else "message",
        "user": msg.user,
        "text": msg.text,
        "ts": msg.ts,
        "channel": msg.channel,
        "event_ts": msg.ts,
        "team": TEAM_ID,
        "client_msg_id": f"cm-{msg.channel}-{msg.ts}",
        "blocks": [
            {
                "type": "rich_text",
                "block_id": "rt0",
                "elements": [
                    {"type": "rich_text_section", "elements": [{"type": "text", "text": msg.text}]}
                ],
            }
        ],
    }
    if not mention:
        event["channel_type"] = channel.channel_type
    if msg.thread_ts:
        event["thread_ts"] = msg.thread_ts
    return event


def bot_message_event(
    msg: Message, channel: Channel, *, subtype: str | None = None
) -> dict[str, Any]:
    event = {**msg.to_api(), "channel": msg.channel, "event_ts": msg.ts}
    event["channel_type"] = channel.channel_type
    if subtype:
        event["subtype"] = subtype
    return event


def bot_mention_event(msg: Message, *, subtype: str | None = None) -> dict[str, Any]:
    """The `app_mention` Slack sends when another app's message mentions this one."""
    event = {**msg.to_api(), "type": "app_mention", "channel": msg.channel, "event_ts": msg.ts}
    if subtype:
        event["subtype"] = subtype
    return event


def changed_event(old: Message, new_text: str, channel: Channel, ts: str) -> dict[str, Any]:
    return {
        "type": "message",
        "subtype": "message_changed",
        "channel": old.channel,
        "channel_type": channel.channel_type,
        "hidden": True,
        "ts": ts,
        "event_ts": ts,
        "message": {**old.to_api(), "text": new_text, "edited": {"user": old.user, "ts": ts}},
        "previous_message": old.to_api(),
    }


def deleted_event(old: Message, channel: Channel, ts: str) -> dict[str, Any]:
    return {
        "type": "message",
        "subtype": "message_deleted",
        "channel": old.channel,
        "channel_type": channel.channel_type,
        "hidden": True,
        "ts": ts,
        "event_ts": ts,
        "deleted_ts": old.ts,
        "previous_message": old.to_api(),
    }


def slash_command(
    command: str, text: str, channel: Channel, user: str, response_url: str, trigger_id: str
) -> dict[str, str]:
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "team_domain": "fake",
        "channel_id": channel.id,
        "channel_name": channel.name,
        "user_id": user,
        "user_name": user.lower(),
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id,
    }


def interaction(kind: str, user: str, user_name: str) -> dict[str, Any]:
    """What every interaction payload (a button, a modal submitted or closed) starts with."""
    return {
        "type": kind,
        "team": {"id": TEAM_ID, "domain": "fake"},
        "user": {"id": user, "username": user_name, "name": user_name, "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "is_enterprise_install": False,
        "enterprise": None,
    }


def block_actions(
    msg: Message,
    button: dict[str, Any],
    channel: Channel,
    user: str,
    response_url: str,
    trigger_id: str,
    action_ts: str,
) -> dict[str, Any]:
    container: dict[str, Any] = {
        "type": "message",
        "message_ts": msg.ts,
        "channel_id": msg.channel,
        "is_ephemeral": msg.is_ephemeral,
    }
    if msg.thread_ts:
        container["thread_ts"] = msg.thread_ts
    payload: dict[str, Any] = {
        **interaction("block_actions", user, user.lower()),
        "container": container,
        "trigger_id": trigger_id,
        "channel": {"id": channel.id, "name": channel.name},
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [
            {
                "action_id": button.get("action_id"),
                "block_id": button.get("block_id", ""),
                "text": button.get("text"),
                "value": button.get("value"),
                "type": "button",
                "action_ts": action_ts,
            }
        ],
    }
    if not msg.is_ephemeral:  # ephemeral sources carry no message body (§3.5)
        payload["message"] = msg.to_api()
    return payload
