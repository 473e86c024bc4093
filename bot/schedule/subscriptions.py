"""Subscriptions as values, and `SubscriptionStore`: add, list, remove, disable.

A subscription never changes once made (remove it and add another), so an occurrence key
computed from it today means the same thing tomorrow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from bot.schedule.models import SCHEDULE_TABLES, KnownCutoffRow, SubscriptionRow
from bot.state import Base, insert_new
from knowledge import Cutoff

Kind = Literal["deadlines", "queue", "usage"]
Cadence = Literal["daily", "weekdays", "weekly"]
CADENCES: tuple[Cadence, ...] = ("daily", "weekdays", "weekly")
REMINDER_TIME = time(9, 0)
MAX_PER_CHANNEL = 50


@dataclass(frozen=True)
class DeadlineSpec:
    """Remind about `calls` (ids; empty = every dated call) `offsets` days before each cut-off."""

    calls: tuple[str, ...]
    offsets: tuple[int, ...]
    tz: str
    at: time = REMINDER_TIME


@dataclass(frozen=True)
class QueueSpec:
    machine: str
    cadence: Cadence
    at: time
    tz: str


@dataclass(frozen=True)
class UsageSpec:
    """Alerts about `project`'s allocation, and its summary every Monday at `at` in `tz`."""

    project: str
    at: time
    tz: str


Spec = DeadlineSpec | QueueSpec | UsageSpec


@dataclass(frozen=True)
class Subscription:
    id: int
    channel_id: str
    kind: Kind
    calls: tuple[str, ...]
    offsets: tuple[int, ...]
    machine: str | None
    cadence: Cadence | None
    at: time
    tz_name: str
    created_by: str
    created_at: datetime
    status: str = "active"
    status_reason: str = ""
    project: str | None = None  # usage alerts: the project (as the usage config names it)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class KnownCutoff:
    subscription_id: int
    call_id: str
    call_name: str
    at: datetime  # in the call's own zone
    all_day: bool
    first_seen: datetime | None = None  # reminders are owed from then on, not before

    @classmethod
    def of(cls, sub_id: int, cutoff: Cutoff, first_seen: datetime | None = None) -> KnownCutoff:
        return cls(sub_id, cutoff.call_id, cutoff.call_name, cutoff.at, cutoff.all_day, first_seen)

    def as_cutoff(self) -> Cutoff:
        """For a notice about a cut-off that is no longer listed (source and facts are gone)."""
        seen = (self.first_seen or self.at).date()
        return Cutoff(self.call_id, self.call_name, self.at, self.all_day, "", seen, False)

    def matches(self, cutoff: Cutoff | KnownCutoff) -> bool:
        return (self.call_id, self.at, self.all_day) == (cutoff.call_id, cutoff.at, cutoff.all_day)


def _kind(stored: str) -> Kind:
    return "queue" if stored == "queue" else "usage" if stored == "usage" else "deadlines"


def _subscription(row: SubscriptionRow) -> Subscription:
    hour, minute = (int(part) for part in row.at_time.split(":"))
    return Subscription(
        id=row.id,
        channel_id=row.channel_id,
        kind=_kind(row.kind),
        calls=tuple(row.calls or ()),
        offsets=tuple(row.offsets or ()),
        machine=row.machine,
        cadence=row.cadence if row.cadence in CADENCES else None,  # type: ignore[arg-type]
        at=time(hour, minute),
        tz_name=row.tz,
        created_by=row.created_by,
        created_at=row.created_at,
        status=row.status,
        status_reason=row.status_reason,
        project=row.project,
    )


class TooManySubscriptions(Exception):
    pass


class SubscriptionStore:
    """Subscriptions and the cut-offs they have seen, in the state database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, engine: Engine) -> SubscriptionStore:
        Base.metadata.create_all(engine, tables=SCHEDULE_TABLES)
        return cls(engine)

    # --- subscriptions ----------------------------------------------------------------------
    def add(
        self, channel_id: str, spec: Spec, *, user: str, now: datetime
    ) -> tuple[Subscription, bool]:
        """(subscription, created): asking twice for the same thing returns the first one."""
        values: dict[str, Any]
        if isinstance(spec, DeadlineSpec):
            values = dict(kind="deadlines", calls=list(spec.calls), offsets=list(spec.offsets))
            values.update(machine=None, cadence=None, project=None)
        elif isinstance(spec, QueueSpec):
            values = dict(kind="queue", calls=[], offsets=[], machine=spec.machine)
            values.update(cadence=spec.cadence, project=None)
        else:  # the weekly summary is on Mondays, as a weekly queue digest
            values = dict(kind="usage", calls=[], offsets=[], machine=None, cadence="weekly")
            values.update(project=spec.project)
        values.update(at_time=f"{spec.at:%H:%M}", tz=spec.tz)
        with self._sessions.begin() as session:
            live = session.scalars(
                select(SubscriptionRow).where(
                    SubscriptionRow.channel_id == channel_id, SubscriptionRow.status != "removed"
                )
            ).all()
            for row in live:
                if row.status == "active" and all(getattr(row, k) == v for k, v in values.items()):
                    return _subscription(row), False
            if len(live) >= MAX_PER_CHANNEL:
                raise TooManySubscriptions(
                    f"This channel already has {len(live)} subscriptions; "
                    "remove some with `/hpc unsubscribe ID` first."
                )
            row = SubscriptionRow(channel_id=channel_id, created_by=user, created_at=now, **values)
            session.add(row)
            session.flush()
            return _subscription(row), True

    def get(self, subscription_id: int) -> Subscription | None:
        with self._sessions() as session:
            row = session.get(SubscriptionRow, subscription_id)
            return _subscription(row) if row is not None and row.status != "removed" else None

    def listed(self, channel_id: str | None = None) -> list[Subscription]:
        """Active and disabled subscriptions (removed ones are gone), oldest first."""
        query = select(SubscriptionRow).where(SubscriptionRow.status != "removed")
        if channel_id is not None:
            query = query.where(SubscriptionRow.channel_id == channel_id)
        with self._sessions() as session:
            return [_subscription(r) for r in session.scalars(query.order_by(SubscriptionRow.id))]

    def active(self, ids: Iterable[int] | None = None) -> list[Subscription]:
        query = select(SubscriptionRow).where(SubscriptionRow.status == "active")
        if ids is not None:
            query = query.where(SubscriptionRow.id.in_(list(ids)))
        with self._sessions() as session:
            return [_subscription(r) for r in session.scalars(query.order_by(SubscriptionRow.id))]

    def remove(self, subscription_id: int, channel_id: str | None = None) -> Subscription | None:
        """Remove one (only from `channel_id`, when given); None if there is no such one.

        The row stays, marked removed, so its ids are never reused and its ledger stays readable.
        """
        with self._sessions.begin() as session:
            row = session.get(SubscriptionRow, subscription_id)
            if row is None or row.status == "removed":
                return None
            if channel_id is not None and row.channel_id != channel_id:
                return None
            row.status, row.status_reason = "removed", ""
            session.execute(
                delete(KnownCutoffRow).where(KnownCutoffRow.subscription_id == subscription_id)
            )
            return _subscription(row)

    def disable(self, subscription_id: int, reason: str) -> None:
        with self._sessions.begin() as session:
            row = session.get(SubscriptionRow, subscription_id)
            if row is not None and row.status == "active":
                row.status, row.status_reason = "disabled", reason

    # --- cut-offs seen ----------------------------------------------------------------------
    def known_cutoffs(self, ids: Iterable[int]) -> dict[int, list[KnownCutoff]]:
        found: dict[int, list[KnownCutoff]] = {}
        query = select(KnownCutoffRow).where(KnownCutoffRow.subscription_id.in_(list(ids)))
        with self._sessions() as session:
            for row in session.scalars(query):
                found.setdefault(row.subscription_id, []).append(
                    KnownCutoff(
                        row.subscription_id,
                        row.call_id,
                        row.call_name,
                        row.cutoff_at.astimezone(ZoneInfo(row.zone)),
                        row.all_day,
                        row.first_seen,
                    )
                )
        return found

    def remember_cutoffs(self, cutoffs: list[KnownCutoff], now: datetime) -> None:
        """Record newly seen cut-offs; ones another process recorded meanwhile are skipped."""
        rows = [self._known_row(c, now) for c in cutoffs]
        if not rows:
            return
        try:
            with self._sessions.begin() as session:
                session.add_all(rows)
        except IntegrityError:  # lost a race for some of them: insert one by one
            for c in cutoffs:
                insert_new(self._sessions, self._known_row(c, now))

    @staticmethod
    def _known_row(c: KnownCutoff, now: datetime) -> KnownCutoffRow:
        return KnownCutoffRow(
            subscription_id=c.subscription_id,
            call_id=c.call_id,
            cutoff_at=c.at,
            call_name=c.call_name,
            zone=str(c.at.tzinfo),
            all_day=c.all_day,
            first_seen=c.first_seen or now,
        )

    def forget_cutoffs_before(self, before: datetime) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(KnownCutoffRow).where(KnownCutoffRow.cutoff_at < before))
