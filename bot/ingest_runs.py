"""A record of every `hpcbot ingest` run in the state database, for `/metrics` and `doctor`.

The index itself (Chroma) says what it holds but not when it was last refreshed; this table
does, and every replica sharing the database reports the same history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, Float, Integer, String, func, insert, select
from sqlalchemy.orm import Mapped, mapped_column

from bot.state import Base, StateStore


class IngestRun(Base):
    __tablename__ = "ingest_runs"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    chunks: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    detail: Mapped[str] = mapped_column(String(200), default="")


@dataclass(frozen=True)
class IngestSummary:
    ok: int
    failed: int
    last_ok: datetime | None


def record_ingest_run(
    store: StateStore, *, ok: bool, chunks: int = 0, seconds: float = 0.0, detail: str = ""
) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            insert(IngestRun).values(
                finished_at=datetime.now(UTC),
                ok=ok,
                chunks=chunks,
                seconds=seconds,
                detail=detail[:200],
            )
        )


def ingest_summary(store: StateStore) -> IngestSummary:
    query = select(
        func.count().filter(IngestRun.ok.is_(True)),
        func.count().filter(IngestRun.ok.is_(False)),
        func.max(IngestRun.finished_at).filter(IngestRun.ok.is_(True)),
    )
    with store.engine.connect() as conn:
        ok, failed, last = conn.execute(query).one()
    if last is not None and last.tzinfo is None:  # SQLite keeps no offset; we store UTC
        last = last.replace(tzinfo=UTC)
    return IngestSummary(int(ok), int(failed), last)
