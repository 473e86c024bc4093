"""Slack -> app over HTTP: encode like Slack, sign with the v0 HMAC, POST with a 3 s deadline."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import quote, urlencode

import aiohttp


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`v0=` + hex(HMAC-SHA256(secret, "v0:{timestamp}:{body}")) (slack-testing.md §3.2)."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def encode(kind: str, payload: dict[str, Any]) -> tuple[bytes, str]:
    """Events are JSON, commands are a form, interactions are `payload=<json>` in a form."""
    if kind == "events_api":
        return json.dumps(payload).encode(), "application/json"
    if kind == "slash_commands":
        return urlencode(payload).encode(), "application/x-www-form-urlencoded"
    return ("payload=" + quote(json.dumps(payload))).encode(), "application/x-www-form-urlencoded"


async def post(
    session: aiohttp.ClientSession,
    url: str,
    body: bytes,
    content_type: str,
    *,
    secret: str,
    timestamp: str,
    retry_num: int = 0,
    retry_reason: str = "http_timeout",
    timeout: float = 3.0,
    signature: str | None = None,
) -> tuple[int, str, dict[str, str]]:
    """POST one delivery; a timeout or connection failure comes back as status 0."""
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature or sign(secret, timestamp, body),
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    }
    if retry_num:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = retry_reason
    try:
        async with session.post(
            url, data=body, headers=headers, timeout=aiohttp.ClientTimeout(total=timeout)
        ) as resp:
            return resp.status, await resp.text(), dict(resp.headers)
    except TimeoutError:
        return 0, "http_timeout", {}
    except aiohttp.ClientError as exc:
        return 0, f"connection_failed: {exc}", {}
