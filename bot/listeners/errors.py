"""The one error handler: expected errors become a private, helpful message; bugs an apology.

Used as Bolt's `@app.error` handler and for work that runs after the ack (`Deps.after_ack`).
Only errors written for the person who asked are shown as they are (a name to correct, a site
that is down); the others describe hpcbot's own set-up (the index, the model, a server URL that
may carry credentials, files), so the person gets a short note and the log the reason.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.errors import UserFacingError
from bot.logs import redact
from bot.views.mrkdwn import escape
from knowledge import KnowledgeError, UnknownName
from knowledge.queue import QueueAuthError, QueueNotConfigured, QueueUnavailable
from knowledge.usage import UnknownProject, UsageUnavailable

log = logging.getLogger(__name__)

# Their messages are for the asker and hold no command output or credentials (queue errors
# keep those in `.detail`, which only the log gets).
FOR_THE_ASKER: tuple[type[Exception], ...] = (
    UserFacingError,
    UnknownName,
    QueueNotConfigured,
    QueueUnavailable,
    QueueAuthError,
    UnknownProject,
    UsageUnavailable,
)
SETUP_PROBLEM = (
    ":warning: I can't answer that right now: part of my set-up isn't working "
    "(ref `{ref}`). The people who run me can find the reason in the log."
)
APOLOGY = (
    ":warning: Sorry, something went wrong on my side and I couldn't finish that. "
    "It has been logged (ref `{ref}`); please try again in a minute."
)


def reference(body: dict[str, Any]) -> str:
    """Something to quote in logs and to the person: the event id, else the trigger id."""
    return str(body.get("event_id") or body.get("trigger_id") or body.get("envelope_id") or "-")


def handle_error(error: Exception, body: dict[str, Any], client: WebClient) -> None:
    ref = reference(body)
    detail = getattr(error, "detail", None)
    if isinstance(error, FOR_THE_ASKER):
        more = f": {detail}" if detail else ""
        log.info("told the user: %s (ref=%s)%s", type(error).__name__, ref, more)
        text = escape(redact(str(error)))
    elif isinstance(error, KnowledgeError):
        log.warning("set-up problem (ref=%s): %s: %s", ref, type(error).__name__, error)
        text = SETUP_PROBLEM.format(ref=ref)
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
