"""Schema migrations on SQLite and PostgreSQL: versioned, idempotent, safe with racing replicas."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from bot.ingest_runs import ingest_summary, record_ingest_run
from bot.migrations import MIGRATIONS, Migration, applied_versions, latest_version, migrate
from bot.state import Base, StateStore

RACE = """
import sys
from bot.state import StateStore
StateStore.open(sys.argv[1]).close()
"""


def test_a_new_database_is_at_the_latest_version(state_url: str) -> None:
    store = StateStore.open(state_url)
    assert applied_versions(store.engine) == [m.version for m in MIGRATIONS]
    assert max(applied_versions(store.engine)) == latest_version()
    assert {"schema_version", "processed_events", "ingest_runs"} <= set(
        inspect(store.engine).get_table_names()
    )


def test_opening_again_applies_nothing(state_url: str) -> None:
    StateStore.open(state_url).close()
    engine = create_engine(state_url)
    assert migrate(engine, Base.metadata) == []
    assert applied_versions(engine) == [m.version for m in MIGRATIONS]


def test_replicas_starting_at_once_migrate_exactly_once(state_url: str) -> None:
    starts = [
        subprocess.Popen([sys.executable, "-c", RACE, state_url], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    errors = [p.communicate(timeout=120)[1].decode() for p in starts]
    assert [p.returncode for p in starts] == [0, 0, 0, 0], errors
    with create_engine(state_url).connect() as conn:
        rows = conn.execute(text("SELECT version FROM schema_version")).scalars().all()
    assert sorted(rows) == [m.version for m in MIGRATIONS]


def test_a_start_waits_for_a_replica_writing_to_a_new_sqlite_database(tmp_path: Path) -> None:
    # SQLite refuses the switch to WAL at once, without its busy timeout, while another
    # connection writes: the race of replicas starting together on a new database.
    path = tmp_path / "state.db"
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("CREATE TABLE other_replica (x INTEGER)")
    writer.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, writer.execute, ("COMMIT",)).start()
    store = StateStore.open(f"sqlite:///{path}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert max(applied_versions(store.engine)) == latest_version()
    store.close()
    writer.close()


def test_a_new_step_runs_once_on_an_existing_database(state_url: str) -> None:
    StateStore.open(state_url).close()
    ran: list[str] = []

    def m002_replies_channel_index(conn: object) -> None:
        ran.append("m002")
        assert hasattr(conn, "execute")
        conn.execute(  # type: ignore[attr-defined]
            text("CREATE INDEX IF NOT EXISTS ix_replies_channel ON replies (channel_id)")
        )

    steps = (*MIGRATIONS, Migration(latest_version() + 1, m002_replies_channel_index))
    engine = create_engine(state_url)
    assert migrate(engine, Base.metadata, steps) == ["m002_replies_channel_index"]
    assert migrate(engine, Base.metadata, steps) == []
    assert ran == ["m002"]
    assert "ix_replies_channel" in {i["name"] for i in inspect(engine).get_indexes("replies")}


def test_a_database_from_before_migrations_is_adopted(state_url: str) -> None:
    engine = StateStore(state_url).engine  # no migration yet
    Base.metadata.create_all(engine)  # what StateStore did before schema_version existed
    StateStore.open(state_url).close()
    assert applied_versions(engine) == [m.version for m in MIGRATIONS]


def test_ingest_runs_are_summarised(state_url: str) -> None:
    store = StateStore.open(state_url)
    assert ingest_summary(store).last_ok is None
    record_ingest_run(store, ok=True, chunks=10, seconds=1.5)
    record_ingest_run(store, ok=False, detail="Chroma unreachable")
    summary = ingest_summary(store)
    assert (summary.ok, summary.failed) == (1, 1)
    assert summary.last_ok is not None
    assert datetime.now(UTC) - summary.last_ok < timedelta(minutes=1)


def test_apscheduler_job_store_lives_in_the_state_database(state_url: str) -> None:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    StateStore.open(state_url).close()  # the bot opens its state first
    scheduler = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(url=state_url)})
    scheduler.start(paused=True)
    try:
        scheduler.add_job(print, "interval", hours=1, id="digest", replace_existing=True)
    finally:
        scheduler.shutdown(wait=False)
    again = SQLAlchemyJobStore(url=state_url)
    again.start(BackgroundScheduler(), "default")
    assert [job.id for job in again.get_all_jobs()] == ["digest"]
    again.shutdown()


def test_a_subscriptions_table_from_before_usage_alerts_gains_its_project_column(
    state_url: str,
) -> None:
    engine = StateStore(state_url).engine  # no migration yet
    with engine.begin() as conn:  # the table as the first scheduler release made it
        conn.execute(text("CREATE TABLE subscriptions (id INTEGER PRIMARY KEY, kind VARCHAR(16))"))
    migrate(engine, Base.metadata, MIGRATIONS[:1])

    assert migrate(engine, Base.metadata) == ["m002_subscriptions_project"]

    columns = {c["name"] for c in inspect(engine).get_columns("subscriptions")}
    assert columns == {"id", "kind", "project"}
