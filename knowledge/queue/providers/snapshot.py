"""A snapshot published by `hpcbot queue-snapshot` on the cluster, read from a file or URL.

For sites where hpcbot can neither reach slurmrestd nor ssh in: a cron job on the login node
writes the snapshot somewhere hpcbot can read. The status is as old as the snapshot, and a
snapshot older than `max_age_seconds` counts as unavailable (the cron job has probably stopped).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import httpx

from knowledge.clock import Clock, utc_now
from knowledge.queue.bundle import RawBundle, SnapshotFormatError
from knowledge.queue.config import SnapshotSource
from knowledge.queue.providers.base import Deadline, FetchError


class SnapshotProvider:
    name = "snapshot"

    def __init__(
        self,
        source: SnapshotSource,
        *,
        clock: Clock = utc_now,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.source = source
        self._clock = clock
        self._client = httpx.Client(transport=transport) if source.url else None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def fetch(self, timeout: float) -> RawBundle:
        document = self._read(Deadline(timeout))
        try:
            bundle = RawBundle.from_snapshot(document)
        except SnapshotFormatError as exc:
            raise FetchError(str(exc)) from None
        assert bundle.taken_at is not None  # from_snapshot guarantees it
        age = (self._clock() - bundle.taken_at).total_seconds()
        if age > self.source.max_age_seconds:
            raise FetchError(
                f"the published snapshot is {_age(age)} old; is the `hpcbot queue-snapshot` "
                "cron job on the cluster still running?"
            )
        return replace(bundle, source=self.name)

    def _read(self, deadline: Deadline) -> Any:
        if self.source.path is not None:
            try:
                raw = self.source.path.read_text(encoding="utf-8")
            except OSError as exc:
                raise FetchError(
                    f"cannot read snapshot {self.source.path}: {exc.strerror}"
                ) from None
        else:
            assert self._client is not None and self.source.url is not None
            try:
                response = self._client.get(self.source.url, timeout=deadline.remaining())
            except httpx.TimeoutException:
                raise FetchError(f"no answer within {deadline.seconds:g} s") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch snapshot: {type(exc).__name__}") from None
            if response.status_code != 200:
                raise FetchError(f"snapshot URL answered HTTP {response.status_code}")
            raw = response.text
        try:
            return json.loads(raw)
        except ValueError:
            raise FetchError("the snapshot is not valid JSON (partly written?)") from None


def _age(seconds: float) -> str:
    if seconds >= 5400:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 60:.0f} min"
