"""An injectable clock: real time plus an offset that tests move with `advance()`.

Signature timestamps, `response_url` expiry and message `ts` values all read this clock, so a
test can jump 31 minutes ahead without sleeping.
"""

from __future__ import annotations

import threading
import time


class Clock:
    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds
