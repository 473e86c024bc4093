"""Errors the Slack layer raises on purpose, and how they are told apart at the edge.

    BotError                 base for hpcbot's own Slack-side errors
    └── UserFacingError      the message is written for the person who asked; shown as it is
        └── UsageError       input a command cannot use; the message carries the usage text

Knowledge errors written for the asker (UnknownName, and the live-queue errors, whose details
stay in `.detail`) are shown privately like UserFacingError; other KnowledgeErrors describe
hpcbot's own set-up (index, model, server URLs) and get a short note, the reason going to the
log. Anything else is a bug: the person gets a short apology and the log gets a line with the
event id (`bot/listeners/errors.py`).
"""

from __future__ import annotations


class BotError(Exception):
    """Base class for errors raised on purpose by the Slack layer."""


class UserFacingError(BotError):
    """An error whose message is safe and useful to show to the person who asked."""


class UsageError(UserFacingError):
    """The command's input cannot be used; the message explains the right usage."""
