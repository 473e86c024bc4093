"""Posting a scheduled message to Slack so that it lands once, and finding it again.

Every post carries its delivery key in message metadata:

    metadata = {"event_type": "hpcbot_delivery", "event_payload": {"key": "12/digest:2026-12-01"}}

so when it is unclear whether Slack accepted a post (a 5xx, a dropped connection, a crash
before the ledger was updated), `find_posted` reads the channel's history for the key instead
of posting again. 429s are retried after Retry-After (Slack rejected the post, nothing landed).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.schedule.clock import Clock

log = logging.getLogger(__name__)

EVENT_TYPE = "hpcbot_delivery"
# The channel can't take posts from us until a person acts: stop the subscription, say why.
CHANNEL_GONE = frozenset(
    {"channel_not_found", "not_in_channel", "is_archived", "restricted_action", "access_denied"}
)
# The request was refused before anything was posted: safe to send again.
RATE_LIMITED = frozenset({"ratelimited", "rate_limited"})
# Slack may or may not have posted it: look before sending again.
AMBIGUOUS = frozenset({"fatal_error", "internal_error", "service_unavailable", "request_timeout"})
MAX_WAIT = 60.0
HISTORY_MARGIN = timedelta(hours=1)  # clock skew and slow retries, with room to spare


@dataclass(frozen=True)
class SlackMessage:
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)


class DeliveryError(Exception):
    """A scheduled post could not be delivered (see the subclasses for what happens next)."""


class ChannelUnavailable(DeliveryError):
    """Slack refuses posts to this channel (`error` says why): disable the subscription."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class MessageRejected(DeliveryError):
    """Slack rejected this message itself (e.g. invalid_blocks): retrying won't help."""


class Unsettled(DeliveryError):
    """Gave up for now without knowing for sure; a later retry checks the history first."""


class LostClaim(DeliveryError):
    """Another process took the delivery over (our lease ran out): don't send."""


def metadata(key: str) -> dict[str, Any]:
    return {"event_type": EVENT_TYPE, "event_payload": {"key": key}}


class SlackPoster:
    def __init__(
        self,
        client: WebClient,
        clock: Clock,
        *,
        attempts: int = 4,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        history_pages: int = 5,
    ) -> None:
        self.client, self.clock, self.attempts, self.backoff = client, clock, attempts, backoff
        self.sleep, self.history_pages = sleep, history_pages

    def post(
        self, channel: str, message: SlackMessage, key: str, *, still_mine: Callable[[], bool]
    ) -> str:
        """Post and return the message ts. `still_mine()` (renew the claim) runs before every
        retry; when it says no, another process has taken over and we must not send."""
        ambiguous_since: datetime | None = None
        started = self.clock.now()
        for attempt in range(self.attempts):
            if ambiguous_since is not None:
                found = self.find_posted(channel, key, since=ambiguous_since)
                if found is not None:
                    return found
            # The claim is fresh on the first attempt; later ones may follow long waits.
            if attempt > 0 and not still_mine():
                raise LostClaim(key)
            try:
                response = self.client.chat_postMessage(
                    channel=channel,
                    text=message.text,
                    blocks=message.blocks or None,
                    metadata=metadata(key),
                    unfurl_links=False,
                    unfurl_media=False,
                )
                return str(response["ts"])
            except SlackApiError as exc:
                status = exc.response.status_code
                error = str(exc.response.get("error") or "")
                if error in CHANNEL_GONE:
                    raise ChannelUnavailable(error) from None
                if status == 429 or error in RATE_LIMITED:
                    wait = _retry_after(exc.response.headers) or self._backoff(attempt)
                elif status >= 500 or error in AMBIGUOUS:
                    wait, ambiguous_since = self._backoff(attempt), ambiguous_since or started
                else:
                    raise MessageRejected(error or f"HTTP {status}") from None
                log.warning("post %s: %s (HTTP %s), retrying in %.1fs", key, error, status, wait)
            except OSError as exc:  # connection reset, timeout: the post may have landed
                wait, ambiguous_since = self._backoff(attempt), ambiguous_since or started
                log.warning("post %s: %s, retrying in %.1fs", key, exc, wait)
            if attempt + 1 < self.attempts:
                self.sleep(wait)
        if ambiguous_since is not None:
            found = self.find_posted(channel, key, since=ambiguous_since)
            if found is not None:
                return found
        raise Unsettled(f"no success after {self.attempts} attempts")

    def find_posted(self, channel: str, key: str, since: datetime) -> str | None:
        """The ts of our message carrying `key`, posted after about `since`; None if absent.

        Raises Unsettled when the history can't be read (then nobody may re-send yet).
        """
        oldest = f"{(since - HISTORY_MARGIN).timestamp():.6f}"
        cursor: str | None = None
        try:
            for _ in range(self.history_pages):
                page = self.client.conversations_history(
                    channel=channel,
                    oldest=oldest,
                    include_all_metadata=True,
                    limit=200,
                    cursor=cursor,
                )
                for message in page.get("messages") or []:
                    meta = message.get("metadata") or {}
                    payload = meta.get("event_payload") or {}
                    if meta.get("event_type") == EVENT_TYPE and payload.get("key") == key:
                        return str(message["ts"])
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
                if not page.get("has_more") or not cursor:
                    return None
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "")
            if error in CHANNEL_GONE:
                raise ChannelUnavailable(error) from None
            raise Unsettled(f"could not read the channel history: {error}") from None
        except OSError as exc:
            raise Unsettled(f"could not read the channel history: {exc}") from None
        raise Unsettled(f"history longer than {self.history_pages} pages since {oldest}")

    def _backoff(self, attempt: int) -> float:
        return float(min(MAX_WAIT, self.backoff * 2**attempt))


def _retry_after(headers: Any) -> float | None:
    try:
        values = headers.get("Retry-After") or headers.get("retry-after")
        value = values[0] if isinstance(values, list) else values
        return min(MAX_WAIT, float(value)) if value is not None else None
    except (TypeError, ValueError, AttributeError):
        return None
