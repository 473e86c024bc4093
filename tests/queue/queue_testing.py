"""Shared helpers for the live-queue tests (imported by conftest and test modules)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from paths import FIXTURES

CAPTURES = FIXTURES / "slurm"  # real Slurm output; see tests/fixtures/README.md
V22 = CAPTURES / "slurm-22.05.8"
V24 = CAPTURES / "slurm-24.11.5"


@dataclass
class FakeClock:
    """An aware UTC clock that only moves when told to."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 27, 21, 15, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
