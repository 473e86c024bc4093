"""The one error handler: expected errors become a private, helpful message; bugs an apology.

Used as Bolt's `@app.error` handler and for work that runs after the ack (`Deps.after_ack`).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.errors import UserFacingError
from bot.views.mrkdwn import escape
from knowledge import KnowledgeError

log = logging.getLogger(__name__)

APOLOGY = (
    ":warning: Sorry, something went wrong on my side and I couldn't finish that. "
    "It has been logged (ref `{ref}`); please try again in a minute."
)


def reference(body: dict[str, Any]) -> str:
    """Something to quote in logs and to the person: the event id, else the trigger id."""
    return str(body.get("event_id") or body.get("trigger_id") or body.get("envelope_id") or "-")


def handle_error(error: Exception, body: dict[str, Any], client: WebClient) -> None:
    ref = reference(body)
    if isinstance(error, UserFacingError | KnowledgeError):
        log.info("told the user: %s (ref=%s)", type(error).__name__, ref)
        text = escape(str(error))
    else:
        log.error("unexpected %s (ref=%s)", type(error).__name__, ref, exc_info=error)
        text = APOLOGY.format(ref=ref)
    tell_privately(client, body, text)


def tell_privately(client: WebClient, body: dict[str, Any], text: str) -> None:
    """An ephemeral message to whoever triggered `body`; never raises."""
    try:
        response_url = body.get("response_url")
        if response_url:
            WebhookClient(response_url).send(
                text=text, response_type="ephemeral", replace_original=False
            )
            return
        event = body.get("event") or {}
        if event.get("channel") and event.get("user"):
            client.chat_postEphemeral(
                channel=event["channel"],
                user=event["user"],
                text=text,
                thread_ts=event.get("thread_ts"),
            )
    except (SlackApiError, OSError) as exc:
        log.warning("could not tell the user about an error (ref=%s): %s", reference(body), exc)
