"""Logging for a running bot: one JSON object per line in production, readable text on a terminal.

    HPCBOT_LOG_FORMAT=auto|json|text   auto: text on a terminal, JSON otherwise (default)
    HPCBOT_LOG_LEVEL=INFO              any logging level name
    HPCBOT_LOG_MESSAGE_TEXT=1          include what people wrote (off by default)

Every record carries the Slack `event_id` (or command / action trigger) of the request being
handled, also in work that runs after the ack, so one question's lines can be found together.
Secrets are redacted from every record, its traceback included, by one filter
(`RedactSecrets`, on every handler of the root logger): Slack tokens, the password part of
URLs (a Chroma or database URL with credentials), bearer tokens and JWTs.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "hpcbot_request_id", default=None
)

_HANDLER_NAME = "hpcbot"
_SECRETS = (
    (re.compile(r"\b(xox[abposre]-|xapp-)[A-Za-z0-9-]+"), r"\1[redacted]"),
    # scheme://user:password@host or scheme://token@host -> scheme://[redacted]@host
    (re.compile(r"\b([a-z][a-z0-9+.-]*://)[^/\s@]+@", re.IGNORECASE), r"\1[redacted]@"),
    (re.compile(r"\b(Bearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE), r"\1[redacted]"),
    (re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), "[redacted JWT]"),
)
# Attributes every LogRecord has; anything else came in through `extra=` and is logged too.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def redact(text: str) -> str:
    """`text` without anything that looks like a secret (for logs and for Slack)."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Redacts secrets (`redact`) in a record's message and traceback before any handler
    formats it, also on handlers hpcbot did not install."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse `exc_text`, so the traceback is formatted (and redacted) once.
            record.exc_text = redact(_TRACEBACKS.formatException(record.exc_info))
        return True


_TRACEBACKS = logging.Formatter()


class RequestIdFilter(logging.Filter):
    """Adds `event_id` (the Slack request being handled) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "event_id"):
            record.event_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """`{"ts", "level", "logger", "msg", "event_id", ...extra, "exc"}` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in data:
                data[key] = value if isinstance(value, int | float | bool | None) else str(value)
        if record.exc_info:
            data["exc"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(event_id)s] %(message)s")


def use_json(log_format: str, stream: Any = None) -> bool:
    if log_format in ("json", "text"):
        return log_format == "json"
    stream = stream if stream is not None else sys.stderr
    return not (hasattr(stream, "isatty") and stream.isatty())


def install(level: str = "INFO", log_format: str = "auto", stream: Any = None) -> logging.Handler:
    """Put one structured handler on the root logger (replacing one installed before), and
    the redaction filter on every root handler."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonFormatter() if use_json(log_format, stream) else TextFormatter())
    handler.addFilter(RequestIdFilter())
    handler.set_name(_HANDLER_NAME)
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for each in root.handlers:
        if not any(isinstance(f, RedactSecrets) for f in each.filters):
            each.addFilter(RedactSecrets())
    return handler
