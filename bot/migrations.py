"""Versioned changes to the state database, applied at start by `StateStore.open`.

A new table needs no migration: every model that subclasses `bot.state.Base` (and is imported
before start) is created when missing. A change to an existing table is an ordered function
appended to `MIGRATIONS`, written so that running it on an up-to-date schema changes nothing:

    def m002_replies_channel_index(conn: Connection) -> None:
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_replies_channel ON replies (channel_id)"))

    MIGRATIONS = (..., Migration(2, m002_replies_channel_index))

The `schema_version` table records every step that ran. Everything happens in one transaction
under one database-wide lock, so replicas starting at the same time apply each step exactly
once: `pg_advisory_xact_lock` on PostgreSQL, `BEGIN IMMEDIATE` on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine

# Any fixed 64-bit number; it names hpcbot's lock among all advisory locks of the database.
ADVISORY_LOCK_KEY = 0x6870_6362_6F74  # "hpcbot"

_meta = MetaData()
schema_version = Table(
    "schema_version",
    _meta,
    Column("version", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Migration:
    version: int
    step: Callable[[Connection], None]

    @property
    def name(self) -> str:
        return self.step.__name__


def m001_baseline(conn: Connection) -> None:
    """The first release's tables (events, threads, replies, feedback): created, not altered."""


def m002_subscriptions_project(conn: Connection) -> None:
    """Usage alerts name a project: `subscriptions.project` (NULL for the older kinds)."""
    if not conn.dialect.has_table(conn, "subscriptions"):
        return  # created with the column when the scheduler first opens it
    columns = {c["name"] for c in inspect(conn).get_columns("subscriptions")}
    if "project" not in columns:
        conn.execute(text("ALTER TABLE subscriptions ADD COLUMN project VARCHAR(64)"))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, m001_baseline),
    Migration(2, m002_subscriptions_project),
)


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """One transaction holding hpcbot's schema lock; released at commit or rollback."""
    backend = engine.dialect.name
    with engine.connect() as conn:
        if backend == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        elif backend == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # waits (busy timeout) for other writers
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()


def migrate(
    engine: Engine, metadata: MetaData, migrations: Sequence[Migration] = MIGRATIONS
) -> list[str]:
    """Create missing tables, then run pending migrations in order; returns what ran."""
    versions = [m.version for m in migrations]
    if versions != sorted(set(versions)):
        raise ValueError(f"migration versions must be unique and ascending, got {versions}")
    applied: list[str] = []
    with _locked(engine) as conn:
        _meta.create_all(conn)
        metadata.create_all(conn)
        done = set(conn.execute(select(schema_version.c.version)).scalars())
        for migration in migrations:
            if migration.version in done:
                continue
            migration.step(conn)
            conn.execute(
                insert(schema_version).values(
                    version=migration.version, name=migration.name, applied_at=datetime.now(UTC)
                )
            )
            applied.append(migration.name)
    return applied


def applied_versions(engine: Engine) -> list[int]:
    """Versions recorded in `schema_version` (empty if the database was never migrated)."""
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, "schema_version"):
            return []
        return sorted(conn.execute(select(schema_version.c.version)).scalars())


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    return max((m.version for m in migrations), default=0)
