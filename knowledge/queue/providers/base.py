"""What every queue provider offers, and the two failures it may report."""

from __future__ import annotations

import time
from typing import Protocol

from knowledge.queue.bundle import RawBundle


class FetchError(Exception):
    """The source gave no usable answer; the message is a short reason ("no answer within 5 s").

    The message is shown to whoever asked (in Slack: anyone), so it names no command line,
    path, URL credentials or remote error text; those go in `detail`, for the log and the CLI.
    """

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail


class FetchAuthError(FetchError):
    """The source refused the credentials; the message says how to fix them, never shows them."""


class QueueProvider(Protocol):
    """One way into one cluster's queue. Implementations must not retry: the service caches."""

    name: str

    def fetch(self, timeout: float) -> RawBundle:
        """Everything needed for a status, within `timeout` seconds overall, or FetchError."""
        ...

    def close(self) -> None: ...


class Deadline:
    """One time budget shared by the several requests of a fetch."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self._end - time.monotonic()
        if left <= 0:
            raise FetchError(f"no answer within {self.seconds:g} s")
        return left
