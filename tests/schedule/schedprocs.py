"""Run `hpcbot scheduler` as real processes against the Slack peer, on a shifted clock."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from fakeslack import FakeSlack
from fakeslack.services import FakeServices
from sqlalchemy import create_engine

from bot.config import bundled_knowledge_dir
from bot.schedule import (
    CatalogKnowledge,
    ManualClock,
    SubscriptionDesk,
    SubscriptionStore,
)
from bot.schedule.ledger import Ledger, Record
from bot.schedule.usage_alerts import UsageAccess
from bot.state import StateStore
from knowledge import CatalogSource

REPO = Path(__file__).resolve().parents[2]


def real_catalog_desk(
    url: str, created: datetime, usage: UsageAccess | None = None
) -> SubscriptionDesk:
    """Subscriptions made at `created` (simulated), checked against the bundled catalog (and
    `usage`'s projects and links)."""
    StateStore.open(url).close()
    services = FakeServices()
    knowledge = CatalogKnowledge(
        CatalogSource(bundled_knowledge_dir()), services.queue, services.machines
    )
    store = SubscriptionStore.open(create_engine(url))
    return SubscriptionDesk(store, knowledge, ManualClock(created).now, "Europe/Brussels", usage)


def records(url: str) -> list[Record]:
    engine = create_engine(url)
    try:
        return Ledger(engine, "test", timedelta(0)).records()
    finally:
        engine.dispose()


def wait_until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll a condition another process makes true (the database has no notifications)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


class Schedulers:
    """Start `hpcbot scheduler` processes that all live `offset` away from real time."""

    def __init__(self, slack: FakeSlack, state_url: str, data_dir: Path, offset: timedelta) -> None:
        self.slack, self.state_url, self.data_dir, self.offset = slack, state_url, data_dir, offset
        self.procs: list[subprocess.Popen[bytes]] = []

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HPCBOT_"))}
        env.update(
            SLACK_BOT_TOKEN=self.slack.bot_token,
            SLACK_API_URL=self.slack.api_url,
            HPCBOT_STATE_URL=self.state_url,
            HPCBOT_DATA_DIR=str(self.data_dir),
            HPCBOT_CLOCK_OFFSET_SECONDS=f"{self.offset.total_seconds():.6f}",
            HPCBOT_SCHEDULE_SWEEP_SECONDS="0.5",
            HPCBOT_SCHEDULE_LEASE_SECONDS="1",
            HPCBOT_LOG_LEVEL="INFO",
            PYTHONPATH=str(REPO),
        )
        env.update(extra)
        return env

    def start(self, name: str, command: str = "scheduler", **extra: str) -> subprocess.Popen[bytes]:
        """`hpcbot <command>` with our environment plus `extra`; output goes to <name>.log."""
        return self._run(name, ["-c", "from bot.cli import main; main()", command], extra)

    def start_crashing(self, name: str, step: str, **extra: str) -> subprocess.Popen[bytes]:
        """A scheduler that kills itself at `step` (crashing_scheduler.py)."""
        script = str(Path(__file__).with_name("crashing_scheduler.py"))
        return self._run(name, [script, step], extra)

    def _run(self, name: str, args: list[str], extra: dict[str, str]) -> subprocess.Popen[bytes]:
        log = open(self.data_dir / f"{name}.log", "ab")
        proc = subprocess.Popen(
            [sys.executable, *args],
            env=self.env(**extra),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
        log.close()
        self.procs.append(proc)
        return proc

    def log(self, name: str) -> str:
        return (self.data_dir / f"{name}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


@contextmanager
def schedulers(
    slack: FakeSlack, state_url: str, data_dir: Path, sim_start: datetime
) -> Iterator[Schedulers]:
    """Processes (and the peer's clock) shifted so that it is `sim_start` now."""
    offset = sim_start - datetime.now(sim_start.tzinfo)
    slack.clock.advance(sim_start.timestamp() - slack.clock.now())
    group = Schedulers(slack, state_url, data_dir, offset)
    try:
        yield group
    finally:
        group.stop_all()
