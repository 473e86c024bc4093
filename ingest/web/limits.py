"""Per-host politeness: at most `rate` request starts per second and `concurrency` in flight.

Shared by every source in a run, so two sources on the same host share one budget (the
strictest settings win). A 429 or 5xx pushes the host's next slot back (`defer`), which pauses
all of that host's workers, not just the one that was told to slow down.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class _Host:
    interval: float
    concurrency: int
    next_start: float = 0.0
    active: int = 0


class HostLimiter:
    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._changed = threading.Condition()

    def configure(self, host: str, *, rate: float, concurrency: int) -> None:
        """Set a host's budget; a second, stricter setting for the same host wins."""
        with self._changed:
            current = self._hosts.get(host)
            if current is None:
                self._hosts[host] = _Host(interval=1.0 / rate, concurrency=concurrency)
            else:
                current.interval = max(current.interval, 1.0 / rate)
                current.concurrency = min(current.concurrency, concurrency)

    def slow_down(self, host: str, min_interval: float) -> None:
        """Never start requests closer than `min_interval` (robots.txt Crawl-delay)."""
        with self._changed:
            state = self._host(host)
            state.interval = max(state.interval, min_interval)

    def defer(self, host: str, seconds: float) -> None:
        """Start nothing on `host` for `seconds` (Retry-After, back-off after errors)."""
        with self._changed:
            state = self._host(host)
            state.next_start = max(state.next_start, self._clock() + seconds)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for a free connection and the next start time on `host`, then hold it."""
        with self._changed:
            state = self._host(host)
            while state.active >= state.concurrency:
                self._changed.wait()
            state.active += 1
        try:
            self._wait_for_start(state)
            yield
        finally:
            with self._changed:
                state.active -= 1
                self._changed.notify_all()

    def _wait_for_start(self, state: _Host) -> None:
        # Reserve a start time under the lock, sleep outside it; a `defer` that lands while
        # we sleep moves the start again, so re-check before going.
        while True:
            with self._changed:
                now = self._clock()
                if state.next_start <= now:
                    state.next_start = now + state.interval
                    return
                wait = state.next_start - now
            self._sleep(wait)

    def _host(self, host: str) -> _Host:
        if host not in self._hosts:
            self._hosts[host] = _Host(interval=1.0, concurrency=2)
        return self._hosts[host]
