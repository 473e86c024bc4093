"""Two scheduler processes on one database never post the same occurrence twice (SQLite, and
PostgreSQL when HPCBOT_TEST_POSTGRES_URL is set; in CI it must be)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fakeslack import BOT_USER, FakeSlack
from schedprocs import real_catalog_desk, records, schedulers, wait_until
from schedworld import BRUSSELS
from sqlalchemy import create_engine, text

DUE = datetime(2026, 12, 14, 9, 0, tzinfo=BRUSSELS)
CHANNELS = 150  # two subscriptions each: a reminder and a digest, all due at the same minute
OURS = ("deliveries", "known_cutoffs", "subscriptions", "apscheduler_jobs")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def state_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'state.db'}"
        return
    url = os.environ.get("HPCBOT_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(
                "CI=true but HPCBOT_TEST_POSTGRES_URL is unset: scripts/ci-services.sh should "
                "start PostgreSQL (scripts/ci-postgres.sh) and export it"
            )
        pytest.skip(
            "HPCBOT_TEST_POSTGRES_URL is not set; run scripts/ci-postgres.sh (as root) and "
            "source /tmp/hpcbot-pg/env.sh to include PostgreSQL"
        )
    _drop_ours(url)
    yield url
    _drop_ours(url)


def _drop_ours(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for table in OURS:
            conn.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()


def test_two_processes_post_every_occurrence_once(
    slack: FakeSlack, tmp_path: Path, state_url: str
) -> None:
    desk = real_catalog_desk(state_url, DUE - timedelta(hours=1))
    for n in range(CHANNELS):
        channel = f"C1{n:04d}"
        slack.ws.add_channel(channel, f"team-{n}", {BOT_USER})
        desk.subscribe(channel, "deadlines large scale --days 1", "U0ALICE")
        desk.subscribe(channel, "queue lumi daily 09:00", "U0ALICE")
    desk.store.engine.dispose()
    expected = 2 * CHANNELS
    with schedulers(slack, state_url, tmp_path, DUE - timedelta(seconds=5)) as procs:
        procs.start("a")
        procs.start("b")
        wait_until(
            lambda: Counter(r.state for r in records(state_url)) == {"sent": expected},
            120,
            f"{expected} posts marked sent",
        )
        logs = procs.log("a") + procs.log("b")
    keys = Counter(str(m.metadata["event_payload"]["key"]) for m in slack.messages() if m.metadata)
    assert len(keys) == expected and set(keys.values()) == {1}
    owners = Counter(r.owner.rsplit(":", 2)[1] for r in records(state_url))
    print(f"\n{state_url.split(':')[0]}: posts per process {dict(owners)}")
    assert "Traceback" not in logs, logs
