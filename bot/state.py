"""The bot's own state in a SQL database: processed events, answered threads, replies, feedback.

SQLAlchemy 2; SQLite by default (`settings.state_database_url`), any SQLAlchemy URL works
(PostgreSQL in production). What people asked is kept for `question_retention` (default 30
days, `HPCBOT_QUESTION_RETENTION_DAYS`) and then pruned (`prune_questions`). Unique constraints, not in-process sets, make deduplication hold
across replicas. To add a table (subscriptions, a ledger), subclass `Base` in its own module and
import that module before `StateStore.create_tables()` runs; add methods or a small store class
next to the model rather than growing this file.
"""

from __future__ import annotations

import logging
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool

from knowledge import utc_now

log = logging.getLogger(__name__)

# The busy timeout of every SQLite connection, and how long a start waits to switch the
# database to WAL while another replica holds it.
SQLITE_WAIT_SECONDS = 30.0


class Base(DeclarativeBase):
    pass


def insert_new(sessions: sessionmaker[Session], row: Base) -> bool:
    """Add `row` in a transaction of its own; False if its key is already there (written by
    this or any other process sharing the database)."""
    try:
        with sessions.begin() as session:
            session.add(row)
    except IntegrityError:
        return False
    return True


class ProcessedEvent(Base):
    """An Events API `event_id` seen once; a retry of the same event is a duplicate."""

    __tablename__ = "processed_events"
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, index=True
    )


class AnsweredThread(Base):
    """A thread the bot answered in: later messages there are follow-ups (no mention needed)."""

    __tablename__ = "answered_threads"
    channel_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    thread_ts: Mapped[str] = mapped_column(String(32), primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Reply(Base):
    """Something the bot said (an answer, specs, deadlines...), kept for feedback and sharing."""

    __tablename__ = "replies"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    thread_ts: Mapped[str | None] = mapped_column(String(32), nullable=True)
    question: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    route: Mapped[str | None] = mapped_column(String(32), nullable=True)
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    blocks: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Feedback(Base):
    """One person's helpful / not helpful vote on one reply (a later click changes the vote)."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("reply_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    reply_id: Mapped[str] = mapped_column(ForeignKey("replies.id"))
    user_id: Mapped[str] = mapped_column(String(32))
    helpful: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


@dataclass(frozen=True)
class SavedReply:
    id: str
    kind: str
    user_id: str
    channel_id: str
    thread_ts: str | None
    question: str
    answer: str
    sources: list[dict[str, Any]]
    text: str
    blocks: list[dict[str, Any]]


@dataclass(frozen=True)
class FeedbackRecord:
    reply_id: str
    user_id: str
    helpful: bool
    question: str
    answer: str
    sources: list[dict[str, Any]]


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database or ""
    if database in ("", ":memory:"):
        return create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": SQLITE_WAIT_SECONDS}
    )
    event.listen(engine, "connect", _sqlite_wal)
    return engine


def _sqlite_wal(connection: Any, _record: Any) -> None:
    """Write-ahead log, synced at checkpoints: a commit is one append instead of two fsyncs
    of a rollback journal, and readers don't block the writer. A crash of the bot (or of a
    replica on the same machine) loses nothing committed; only an OS crash or power cut can
    lose the last commits, which for this store means a reminder or reply record at most."""
    cursor = connection.cursor()
    try:
        _switch_to_wal(cursor, SQLITE_WAIT_SECONDS)
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _switch_to_wal(cursor: Any, wait_seconds: float) -> None:
    """Switching the journal mode needs the database to itself, and SQLite refuses at once,
    without waiting its busy timeout, while another connection is writing. Replicas starting
    together on a new database race exactly there (one is already migrating), so the switch is
    retried. The mode is stored in the file: once one replica has set it, the others find it."""
    deadline = time.monotonic() + wait_seconds
    pause = 0.01
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            if cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
        if time.monotonic() >= deadline:
            # The rollback journal is slower, never wrong: start rather than fail.
            log.warning(
                "SQLite stayed busy for %.0f s; this connection keeps its journal mode",
                wait_seconds,
            )
            return
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def new_reply_id() -> str:
    """An id for a reply about to be saved, so its buttons can name it before it is stored."""
    return uuid.uuid4().hex


DEFAULT_QUESTION_RETENTION = timedelta(days=30)


class StateStore:
    """Small, explicit operations on the state database; each runs in its own transaction."""

    EVENT_TTL = timedelta(days=2)
    _PRUNE_EVERY = 500

    def __init__(
        self, url: str, *, question_retention: timedelta = DEFAULT_QUESTION_RETENTION
    ) -> None:
        self.engine = _engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._claims = 0
        self._saves = 0
        self.question_retention = question_retention

    @classmethod
    def open(
        cls, url: str, *, question_retention: timedelta = DEFAULT_QUESTION_RETENTION
    ) -> StateStore:
        store = cls(url, question_retention=question_retention)
        store.create_tables()
        return store

    def create_tables(self) -> None:
        """Create missing tables and apply pending migrations (safe with replicas racing)."""
        from bot.migrations import migrate

        migrate(self.engine, Base.metadata)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    # --- events -----------------------------------------------------------------------------
    def claim_event(self, event_id: str) -> bool:
        """True the first time `event_id` is seen (by any replica sharing the database)."""
        if not insert_new(self._sessions, ProcessedEvent(event_id=event_id)):
            return False
        self._claims += 1
        if self._claims % self._PRUNE_EVERY == 0:
            self.prune_events(utc_now() - self.EVENT_TTL)
        return True

    def prune_events(self, before: datetime) -> None:
        with self._session() as session:
            session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < before))

    def prune_questions(self, now: datetime | None = None) -> None:
        """Forget what people asked longer than `question_retention` ago.

        Answered threads go (a late reply there needs a mention again). Replies keep their
        id, kind, sources, route and confidence, so feedback still counts; their question and
        stored message (which quotes the question) are cleared, so they can't be shared.
        """
        before = (now or utc_now()) - self.question_retention
        with self._session() as session:
            session.execute(delete(AnsweredThread).where(AnsweredThread.created_at < before))
            session.execute(
                update(Reply)
                .where(Reply.created_at < before, Reply.question != "")
                .values(question="", text="", blocks=[])
            )

    # --- threads ----------------------------------------------------------------------------
    def remember_thread(self, channel_id: str, thread_ts: str, question: str) -> None:
        """Mark a thread as answered; the first question stays as the thread's context."""
        insert_new(
            self._sessions,
            AnsweredThread(channel_id=channel_id, thread_ts=thread_ts, question=question),
        )

    def thread_question(self, channel_id: str, thread_ts: str) -> str | None:
        with self._session() as session:
            row = session.get(AnsweredThread, (channel_id, thread_ts))
            return row.question if row else None

    # --- replies and feedback ---------------------------------------------------------------
    def save_reply(
        self,
        *,
        kind: str,
        user_id: str,
        channel_id: str,
        thread_ts: str | None = None,
        question: str = "",
        answer: str = "",
        sources: list[dict[str, Any]] | None = None,
        route: str | None = None,
        confidence: float | None = None,
        text: str = "",
        blocks: list[dict[str, Any]] | None = None,
        reply_id: str | None = None,
    ) -> str:
        """Store a reply (with its rendered message, for "Share in channel"); returns its id,
        `reply_id` when the caller made one with `new_reply_id` to render the message first."""
        reply_id = reply_id or new_reply_id()
        # A Core insert: every reply is one write, and the ORM's unit of work cost more than
        # half of its CPU time (on the path right after a slash command's ack).
        row = {
            "id": reply_id,
            "kind": kind,
            "user_id": user_id,
            "channel_id": channel_id,
            "thread_ts": thread_ts,
            "question": question,
            "answer": answer,
            "sources": sources or [],
            "route": route,
            "confidence": confidence,
            "text": text,
            "blocks": blocks or [],
            "created_at": utc_now(),
        }
        with self.engine.begin() as connection:
            connection.execute(insert(Reply), [row])
        self._saves += 1
        if self._saves % self._PRUNE_EVERY == 0:
            self.prune_questions()
        return reply_id

    def reply(self, reply_id: str) -> SavedReply | None:
        with self._session() as session:
            row = session.get(Reply, reply_id)
            if row is None:
                return None
            return SavedReply(
                row.id,
                row.kind,
                row.user_id,
                row.channel_id,
                row.thread_ts,
                row.question,
                row.answer,
                list(row.sources),
                row.text,
                list(row.blocks),
            )

    def record_feedback(self, reply_id: str, user_id: str, helpful: bool) -> bool:
        """Store a vote; False if the reply is unknown. A second click replaces the vote."""
        with self._session() as session:
            if session.get(Reply, reply_id) is None:
                return False
            existing = session.scalars(
                select(Feedback).where(Feedback.reply_id == reply_id, Feedback.user_id == user_id)
            ).first()
            if existing is not None:
                existing.helpful, existing.created_at = helpful, utc_now()
                return True
            session.add(Feedback(reply_id=reply_id, user_id=user_id, helpful=helpful))
        return True

    def feedback(self, reply_id: str | None = None) -> list[FeedbackRecord]:
        query = select(Feedback, Reply).join(Reply, Feedback.reply_id == Reply.id)
        if reply_id is not None:
            query = query.where(Feedback.reply_id == reply_id)
        with self._session() as session:
            return [
                FeedbackRecord(
                    f.reply_id, f.user_id, f.helpful, r.question, r.answer, list(r.sources)
                )
                for f, r in session.execute(query.order_by(Feedback.id)).tuples()
            ]
