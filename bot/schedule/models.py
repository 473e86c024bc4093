"""Tables for scheduled posts, added to the state database's `Base`.

    subscriptions    what a channel asked for (deadline reminders, a queue digest, usage alerts)
    deliveries       the ledger: one row per (subscription, occurrence), claimed before posting
    known_cutoffs    cut-offs a subscription has seen, so a moved one can be announced as a move

The ledger's primary key is the exactly-once guarantee: whoever inserts the row posts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from bot.state import Base


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as UTC; read back aware even from SQLite (which drops zones).

    Storing UTC everywhere also keeps SQLite's text comparisons (`lease_until < :now`) right.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing to store a naive datetime; pass an aware one")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class SubscriptionRow(Base):
    __tablename__ = "subscriptions"
    # AUTOINCREMENT: SQLite would otherwise reuse the id of a deleted last row, and a new
    # subscription would inherit the old one's ledger rows.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel_id: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # deadlines | queue | usage
    calls: Mapped[list[str]] = mapped_column(JSON, default=list)  # call ids; [] = every call
    offsets: Mapped[list[int]] = mapped_column(JSON, default=list)  # days before a cut-off
    machine: Mapped[str | None] = mapped_column(String(64), nullable=True)
    project: Mapped[str | None] = mapped_column(String(64), nullable=True)  # usage alerts
    cadence: Mapped[str | None] = mapped_column(String(16), nullable=True)
    at_time: Mapped[str] = mapped_column(String(5))  # HH:MM, local to `tz`
    tz: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active|disabled|removed
    status_reason: Mapped[str] = mapped_column(Text, default="")


class DeliveryRow(Base):
    """One post (or a decision not to post) for one occurrence of one subscription."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_state_lease", "state", "lease_until"),)

    subscription_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurrence: Mapped[str] = mapped_column(String(160), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cutoff_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    state: Mapped[str] = mapped_column(String(16))  # claimed | sent | skipped | failed
    owner: Mapped[str] = mapped_column(String(120), default="")
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    message_ts: Mapped[str | None] = mapped_column(String(32), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class KnownCutoffRow(Base):
    """A cut-off that was listed while the subscription was active ("scheduled for")."""

    __tablename__ = "known_cutoffs"

    subscription_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    cutoff_at: Mapped[datetime] = mapped_column(UtcDateTime, primary_key=True)
    call_name: Mapped[str] = mapped_column(Text, default="")
    zone: Mapped[str] = mapped_column(String(64), default="UTC")  # the call's zone: its dates
    all_day: Mapped[bool] = mapped_column(default=False)
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime)


SCHEDULE_TABLES = [
    Base.metadata.tables[name] for name in ("subscriptions", "deliveries", "known_cutoffs")
]
