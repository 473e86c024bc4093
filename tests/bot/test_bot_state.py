"""The state database: dedup across replicas, answered threads, replies and feedback.

Every test runs on SQLite and, via `state_url`, on PostgreSQL.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect

from bot.config import ConfigError, Settings
from bot.state import StateStore, new_reply_id

PRAGMAS = ("journal_mode", "synchronous")


def test_tables_are_created(state_url: str) -> None:
    store = StateStore.open(state_url)
    assert set(inspect(store.engine).get_table_names()) >= {
        "processed_events",
        "answered_threads",
        "replies",
        "feedback",
    }


def test_an_event_is_claimed_once_even_across_replicas(state_url: str) -> None:
    replicas = [StateStore.open(state_url) for _ in range(4)]
    wins: list[bool] = []
    lock = threading.Lock()

    def claim(store: StateStore) -> None:
        won = store.claim_event("Ev1")
        with lock:
            wins.append(won)

    threads = [threading.Thread(target=claim, args=(s,)) for s in replicas for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 19 + [True]
    assert replicas[0].claim_event("Ev2")


def test_threads_keep_their_first_question(state_url: str) -> None:
    store = StateStore.open(state_url)
    assert store.thread_question("C1", "1.1") is None
    store.remember_thread("C1", "1.1", "first?")
    store.remember_thread("C1", "1.1", "second?")
    assert store.thread_question("C1", "1.1") == "first?"


def test_feedback_is_stored_with_the_reply_and_can_change(state_url: str) -> None:
    store = StateStore.open(state_url)
    reply_id = store.save_reply(
        kind="answer",
        user_id="U1",
        channel_id="C1",
        question="q?",
        answer="a.",
        sources=[{"title": "T", "url": "https://x"}],
    )
    assert store.record_feedback(reply_id, "U2", True)
    assert store.record_feedback(reply_id, "U2", False)
    assert store.record_feedback(reply_id, "U3", True)
    assert not store.record_feedback("missing", "U2", True)
    records = store.feedback(reply_id)
    assert [(r.user_id, r.helpful) for r in records] == [("U2", False), ("U3", True)]
    assert records[0].question == "q?" and records[0].sources == [
        {"title": "T", "url": "https://x"}
    ]


def test_reply_content_round_trips_under_the_id_made_before_rendering(state_url: str) -> None:
    store = StateStore.open(state_url)
    reply_id = new_reply_id()
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}]
    saved_id = store.save_reply(
        kind="specs", user_id="U1", channel_id="C1", text="x", blocks=blocks, reply_id=reply_id
    )
    saved = store.reply(reply_id)
    assert saved_id == reply_id
    assert saved is not None and saved.blocks == blocks and saved.text == "x"
    assert store.reply("nope") is None


def test_a_sqlite_file_store_writes_ahead_and_syncs_at_checkpoints(tmp_path: Path) -> None:
    store = StateStore.open(f"sqlite:///{tmp_path / 'state.db'}")
    with store.engine.connect() as connection:
        modes = [connection.exec_driver_sql(f"PRAGMA {p}").scalar() for p in PRAGMAS]
    assert modes == ["wal", 1]  # synchronous=NORMAL is 1


def test_questions_older_than_the_retention_are_pruned(state_url: str) -> None:
    store = StateStore.open(state_url, question_retention=timedelta(days=30))
    blocks = [{"type": "context", "elements": [{"type": "mrkdwn", "text": "> my question?"}]}]
    reply_id = store.save_reply(
        kind="answer",
        user_id="U1",
        channel_id="C1",
        question="my question?",
        answer="a.",
        text="a.",
        blocks=blocks,
    )
    store.remember_thread("C1", "1.1", "my question?")
    assert store.record_feedback(reply_id, "U2", True)

    store.prune_questions(now=datetime.now(UTC) + timedelta(days=29))
    kept = store.reply(reply_id)
    assert kept is not None and kept.question == "my question?" and kept.blocks == blocks
    assert store.thread_question("C1", "1.1") == "my question?"

    store.prune_questions(now=datetime.now(UTC) + timedelta(days=31))
    pruned = store.reply(reply_id)
    assert pruned is not None
    assert (pruned.question, pruned.text, pruned.blocks) == ("", "", [])
    assert pruned.answer == "a."  # the bot's own words, kept with the feedback
    assert store.thread_question("C1", "1.1") is None
    assert [(f.helpful, f.question) for f in store.feedback(reply_id)] == [(True, "")]


def test_the_retention_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HPCBOT_QUESTION_RETENTION_DAYS", raising=False)
    assert Settings.from_env().storage.question_retention_days == 30
    monkeypatch.setenv("HPCBOT_QUESTION_RETENTION_DAYS", "7")
    assert Settings.from_env().storage.question_retention_days == 7
    monkeypatch.setenv("HPCBOT_QUESTION_RETENTION_DAYS", "0")
    with pytest.raises(ConfigError, match="HPCBOT_QUESTION_RETENTION_DAYS='0' must be at least 1"):
        Settings.from_env()
