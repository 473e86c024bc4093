"""`QueueService`: the one place the CLI and Slack ask for live queue status.

Usage::

    service = QueueService(load_queue_config(settings.queue_config_path),
                           cache_seconds=settings.queue.cache_seconds,
                           timeout_seconds=settings.queue.timeout_seconds)
    status = service.status("lumi", "small-g")

It resolves the machine name, caches each machine's status for `cache_seconds` so a busy channel
does not hammer the site, lets one caller fetch while others wait for that result, and keeps the
last good status so a failure can say how old the best available answer is.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from pydantic import ValidationError

from knowledge.clock import Clock, utc_now
from knowledge.errors import UnknownName
from knowledge.queue.config import MachineSource, QueueConfig
from knowledge.queue.errors import QueueAuthError, QueueNotConfigured, QueueUnavailable
from knowledge.queue.model import QueueStatus
from knowledge.queue.providers import FetchAuthError, FetchError, QueueProvider, build_provider
from knowledge.queue.summary import summarise

log = logging.getLogger(__name__)

# A failed fetch is remembered this long (at most), so a down site costs one timeout per
# window rather than one per question, but recovers quickly.
FAILURE_CACHE_SECONDS = 15.0


@dataclass
class _Entry:
    status: QueueStatus | None = None
    fetched_at: datetime | None = None
    failure: Exception | None = None
    failed_at: datetime | None = None


class QueueService:
    """Live queue status per machine, cached, with graceful failure.

    Parameters:
    * `config` - machine -> source, from `load_queue_config`.
    * `clock` - returns an aware "now"; tests pass a fake one.
    * `resolve_machine` - maps what a user typed ("LUMI-G") to a canonical name ("LUMI"), e.g.
      with the curated catalog; it may raise `UnknownName`. Without it, config keys are matched
      ignoring case.
    * `provider_factory` - builds a provider for a source; tests pass fakes.
    * `state_dir` - where the last good status per machine is kept across processes (the CLI
      is one process per question); None keeps it in memory only.
    * `tz` - zone for the "last known status from HH:MM" wording.
    """

    def __init__(
        self,
        config: QueueConfig,
        *,
        clock: Clock = utc_now,
        cache_seconds: float = 60.0,
        timeout_seconds: float = 5.0,
        resolve_machine: Callable[[str], str] | None = None,
        provider_factory: Callable[[MachineSource], QueueProvider] | None = None,
        state_dir: Path | None = None,
        tz: tzinfo = UTC,
        config_path: Path | None = None,
    ) -> None:
        self.config = config
        self._clock = clock
        self._cache_seconds = cache_seconds
        self._timeout = timeout_seconds
        self._resolve = resolve_machine
        self._factory = provider_factory or (lambda source: build_provider(source, clock=clock))
        self._state_dir = state_dir
        self._tz = tz
        self._config_path = config_path
        self._providers: dict[str, QueueProvider] = {}
        self._entries: dict[str, _Entry] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def status(self, machine: str, partition: str | None = None) -> QueueStatus:
        """Status of `machine` (one partition if given).

        Raises QueueNotConfigured, QueueAuthError, QueueUnavailable (with `.last_known`),
        or UnknownName for a partition the machine does not have.
        """
        key, source, display = self._lookup(machine)
        full = self._status(key, source, display)
        if partition is None:
            return full
        if full.partition(partition) is None:
            names = [p.name for p in full.partitions]
            close = [
                n for n in names if partition.lower() in n.lower() or n.lower() in partition.lower()
            ]
            raise UnknownName(f"{display} partition", partition, close or names)
        return full.only(partition)

    def machines(self) -> list[str]:
        return self.config.machines

    def close(self) -> None:
        for provider in self._providers.values():
            provider.close()
        self._providers.clear()

    def clear_cache(self) -> None:
        """Forget fresh results (not the last known status); for benchmarks and admins."""
        with self._guard:
            for entry in self._entries.values():
                entry.fetched_at = entry.failed_at = None

    def _lookup(self, machine: str) -> tuple[str, MachineSource, str]:
        canonical = machine
        if self._resolve is not None:
            try:
                canonical = self._resolve(machine)
            except UnknownName:
                if self.config.get(machine) is None:
                    raise
        found = self.config.get(canonical) or self.config.get(machine)
        if found is None:
            raise QueueNotConfigured(
                canonical if self._resolve else canonical.upper(),
                str(self._config_path) if self._config_path else None,
            )
        key, source = found
        display = source.display_name or (canonical if self._resolve else key.upper())
        return key, source, display

    def _status(self, key: str, source: MachineSource, display: str) -> QueueStatus:
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
            entry = self._entries.setdefault(key, _Entry())
        # Single flight: concurrent askers wait for one fetch instead of each starting one.
        with lock:
            now = self._clock()
            if (
                entry.status
                and entry.fetched_at
                and self._age(entry.fetched_at, now) < self._cache_seconds
            ):
                return entry.status
            failure_window = min(self._cache_seconds, FAILURE_CACHE_SECONDS)
            if (
                entry.failure
                and entry.failed_at
                and self._age(entry.failed_at, now) < failure_window
            ):
                raise self._as_error(entry.failure, display, self._last_known(key, entry))
            try:
                status = self._fetch(key, source, display)
            except FetchError as exc:
                entry.failure, entry.failed_at = exc, now
                more = f" ({exc.detail})" if exc.detail else ""
                log.warning("queue status for %s unavailable: %s%s", display, exc, more)
                raise self._as_error(exc, display, self._last_known(key, entry)) from None
            entry.status, entry.fetched_at, entry.failure = status, now, None
            self._remember(key, status)
            return status

    def _fetch(self, key: str, source: MachineSource, display: str) -> QueueStatus:
        provider = self._providers.get(key)
        if provider is None:
            provider = self._providers[key] = self._factory(source)
        bundle = provider.fetch(source.timeout_seconds or self._timeout)
        return summarise(
            bundle.to_data(),
            machine=display,
            source=bundle.source,
            as_of=bundle.taken_at or self._clock(),
            partitions=source.partitions,
        )

    def _as_error(self, exc: Exception, display: str, last: QueueStatus | None) -> Exception:
        detail = exc.detail if isinstance(exc, FetchError) else None
        if isinstance(exc, FetchAuthError):
            return QueueAuthError(f"{display}: {exc}", detail, display)
        return QueueUnavailable(display, str(exc), last, self._tz, detail)

    @staticmethod
    def _age(then: datetime, now: datetime) -> float:
        return (now - then).total_seconds()

    # --- last known status, optionally on disk -------------------------------------------

    def _state_file(self, key: str) -> Path | None:
        return self._state_dir / f"{key.lower()}.json" if self._state_dir else None

    def _remember(self, key: str, status: QueueStatus) -> None:
        path = self._state_file(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(status.to_dict()), encoding="utf-8")
            tmp.replace(path)  # atomic: a concurrent reader never sees half a file
        except OSError as exc:
            log.warning("cannot keep last known queue status in %s: %s", path, exc)

    def _last_known(self, key: str, entry: _Entry) -> QueueStatus | None:
        if entry.status is not None:
            return entry.status
        path = self._state_file(key)
        if path is None or not path.is_file():
            return None
        try:
            entry.status = QueueStatus.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError):
            return None
        return entry.status
