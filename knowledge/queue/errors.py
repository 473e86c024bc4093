"""Errors raised while fetching live queue status.

    KnowledgeError                       (knowledge.errors)
    └── QueueError                       base: catch this for any live-queue failure
        ├── QueueConfigError             the queue YAML file is malformed (file and field named)
        ├── QueueNotConfigured           no provider for this machine; says how to add one
        ├── QueueAuthError               the site rejected hpcbot's credentials (never echoed)
        └── QueueUnavailable             the site is slow, unreachable or answered garbage;
                                         carries the last good status when there is one

Messages are written for the person who asked: the CLI and Slack show them as they are, so
they hold no command line, stderr, path or URL credentials. Those are in `detail` (None when
there is nothing more), for the log and for operators (`hpcbot queue`, `hpcbot doctor`).
"""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import TYPE_CHECKING

from knowledge.errors import KnowledgeError

if TYPE_CHECKING:
    from knowledge.queue.model import QueueStatus


class QueueError(KnowledgeError):
    """Base class for live queue failures."""

    detail: str | None = None


class QueueConfigError(QueueError):
    """The queue configuration file cannot be used as it is."""


class QueueNotConfigured(QueueError):
    """No live source is configured for the machine."""

    def __init__(self, machine: str, config_path: str | None = None) -> None:
        self.machine = machine
        where = f" in {config_path}" if config_path else ""
        super().__init__(
            f"No live queue source is configured for {machine}. An admin can connect one by "
            f"adding an entry{where} (HPCBOT_QUEUE_CONFIG), for example:\n"
            f"  {machine.lower()}: {{provider: slurmrestd, url: https://slurm-api.example.org, "
            "user: svc-hpcbot, token_env: SLURMRESTD_JWT}\n"
            "Other providers: slurm-cli (sinfo/squeue, optionally over `ssh`) and snapshot "
            "(a JSON file or URL written by `hpcbot queue-snapshot` on the login node)."
        )


class QueueAuthError(QueueError):
    """The site answered but refused the credentials hpcbot sent."""

    def __init__(self, message: str, detail: str | None = None, machine: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail
        self.machine = machine  # its display name, as in QueueUnavailable


class QueueUnavailable(QueueError):
    """The site did not give a usable answer in time.

    `reason` is short ("no answer within 5 s"); `last_known` is the most recent good status,
    if any, so a caller can still show it, clearly labelled as old.
    """

    def __init__(
        self,
        machine: str,
        reason: str,
        last_known: QueueStatus | None = None,
        tz: tzinfo = UTC,
        detail: str | None = None,
    ) -> None:
        self.machine = machine
        self.reason = reason
        self.last_known = last_known
        self.detail = detail
        if last_known is not None:
            when = last_known.as_of.astimezone(tz).strftime("%H:%M %Z")
            message = f"{machine} status unavailable ({reason}), last known status from {when}."
        else:
            message = (
                f"{machine} status unavailable ({reason}). No earlier status is cached; "
                "try again in a few minutes or check the site's status page."
            )
        super().__init__(message)

    def with_last_known(self, last_known: QueueStatus | None, tz: tzinfo = UTC) -> QueueUnavailable:
        return QueueUnavailable(self.machine, self.reason, last_known, tz, self.detail)
