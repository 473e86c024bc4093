"""Crash points for restart tests: `HPCBOT_SCHEDULE_CRASH_AT=after_claim` (or `after_send:3`,
the third time) makes the process SIGKILL itself there, as a power cut would.

Points: before_claim, after_claim (claimed, nothing sent), after_send (Slack has it, the
ledger doesn't). Unset, `reached()` is a cheap no-op.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Mapping

log = logging.getLogger(__name__)

POINTS = ("before_claim", "after_claim", "after_send")


class CrashPoints:
    def __init__(self, spec: str | None = None) -> None:
        name, _, nth = (spec or "").partition(":")
        if name and name not in POINTS:
            raise ValueError(f"unknown crash point {name!r}; use one of {', '.join(POINTS)}")
        self.name, self.nth = name or None, int(nth or 1)
        self._count = 0
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> CrashPoints:
        env = os.environ if environ is None else environ
        return cls(env.get("HPCBOT_SCHEDULE_CRASH_AT"))

    def reached(self, point: str) -> None:
        if point != self.name:
            return
        with self._lock:
            self._count += 1
            if self._count < self.nth:
                return
            log.critical("crash point %s reached: killing process %d", point, os.getpid())
            for handler in logging.getLogger().handlers:
                handler.flush()
            os.kill(os.getpid(), signal.SIGKILL)
