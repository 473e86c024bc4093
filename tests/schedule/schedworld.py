"""A world for scheduled-post tests: the Slack peer, a controlled clock, a real state database,
and a knowledge base whose cut-offs a test can move."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fakeslack import BOT_ID, FakeSlack, Message
from fakeslack.services import FakeServices
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from bot.schedule import (
    CallInfo,
    CallNames,
    ManualClock,
    Runner,
    ScheduleConfig,
    SubscriptionDesk,
    SubscriptionStore,
)
from bot.schedule.delivery import SlackPoster
from bot.schedule.ledger import Ledger
from bot.schedule.usage_alerts import UsageAccess
from bot.state import StateStore
from knowledge.catalog.cutoffs import Cutoff
from knowledge.errors import UnknownName
from knowledge.queue.model import QueueStatus

BRUSSELS = ZoneInfo("Europe/Brussels")
CALL_PAGE = "https://example.eu/calls/large-scale"


def cutoff(day: date, at: time | None = time(10, 0), call: str = "large-scale") -> Cutoff:
    """A cut-off of one of the FakeKnowledge calls, at `at` Brussels time (None: all day)."""
    name = FakeKnowledge.NAMES[call]
    when = datetime.combine(day, at or time(0), tzinfo=BRUSSELS)
    return Cutoff(call, name, when, at is None, CALL_PAGE, date(2026, 11, 1), False)


class FakeKnowledge:
    """Calls with cut-offs a test can change, and the fake queue of `FakeServices`."""

    NAMES = {
        "large-scale": "AI Factories Large Scale",
        "ai4s": "AI for Science",
        "extreme-scale": "Extreme Scale Access",
        "fast-lane": "AI Factories Fast Lane",
    }
    ALIASES = {"large scale": "large-scale", "ai for science": "ai4s", "fast lane": "fast-lane"}

    def __init__(self) -> None:
        self.dates: dict[str, list[Cutoff]] = {c: [] for c in self.NAMES if c != "fast-lane"}
        self.services = FakeServices()

    def _index(self) -> dict[str, str]:
        index = {**{k: k for k in self.NAMES}, **{v.lower(): k for k, v in self.NAMES.items()}}
        index.update(self.ALIASES)
        return index

    def call_names(self) -> CallNames:
        names = {name: self._info(ident) for name, ident in self._index().items()}
        return CallNames.build(names, lambda words: " ".join(words.lower().split()))

    def _info(self, ident: str) -> CallInfo:
        return CallInfo(ident, self.NAMES[ident], ident in self.dates)

    def resolve_call(self, name: str) -> CallInfo:
        key = name.strip().lower()
        index = self._index()
        if key not in index:
            close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
            raise UnknownName("call", name, [self.NAMES[index[c]] for c in close])
        return self._info(index[key])

    def dated_calls(self) -> list[CallInfo]:
        return [CallInfo(c, self.NAMES[c], True) for c in self.dates]

    def cutoffs(self, call_id: str) -> list[Cutoff]:
        return sorted(self.dates.get(call_id, []), key=lambda c: c.closes)

    def resolve_machine(self, name: str) -> str:
        return FakeServices._machine(name)

    def queue(self, machine: str) -> QueueStatus:
        return self.services.queue(machine, None)


@dataclass
class World:
    slack: FakeSlack
    clock: ManualClock
    engine: Engine
    knowledge: FakeKnowledge
    config: ScheduleConfig
    sleeps: list[float] = field(default_factory=list)
    usage: UsageAccess | None = None

    def __post_init__(self) -> None:
        self.store = SubscriptionStore.open(self.engine)
        self.desk = SubscriptionDesk(self.store, self.knowledge, self.clock.now, "Europe/Brussels")
        self.runner = self.runner_for("process-a")

    def attach_usage(self, usage: UsageAccess) -> None:
        """Offer usage subscriptions: the desk and every runner made from now on use `usage`."""
        self.usage = self.desk.usage = self.runner.usage = usage

    def runner_for(self, owner: str) -> Runner:
        """A runner as another process would have it: same database, its own ledger owner."""
        return Runner(
            subscriptions=self.store,
            ledger=self.ledger_for(owner),
            knowledge=self.knowledge,
            poster=self.poster(),
            clock=self.clock,
            config=self.config,
            usage=self.usage,
        )

    def ledger_for(self, owner: str) -> Ledger:
        return Ledger(self.engine, owner, self.config.lease)

    def poster(self) -> SlackPoster:
        from slack_sdk import WebClient

        client = WebClient(self.slack.bot_token, base_url=self.slack.api_url, retry_handlers=[])
        return SlackPoster(client, self.clock, attempts=4, backoff=0.5, sleep=self.sleeps.append)

    # --- time -------------------------------------------------------------------------------
    def set(self, when: datetime) -> None:
        """Move our clock and Slack's together (message ts follow the simulated time)."""
        self.clock.set(when)
        self.slack.clock.advance(when.timestamp() - self.slack.clock.now())

    def advance(self, delta: timedelta) -> None:
        self.set(self.clock.now() + delta)

    def sweep_until(self, end: datetime, step: timedelta = timedelta(hours=1)) -> None:
        """Sweep every `step` from now to `end`, as the scheduler would (but faster)."""
        while self.clock.now() < end:
            self.advance(min(step, end - self.clock.now()))
            self.runner.sweep()

    # --- what Slack got ---------------------------------------------------------------------
    def posts(self, channel: str = "C0GENERAL") -> list[Message]:
        return [m for m in self.slack.messages(channel) if m.bot_id == BOT_ID and m.metadata]

    def delivery_keys(self) -> Counter[str]:
        return Counter(
            str((m.metadata or {})["event_payload"]["key"])
            for m in self.slack.messages()
            if m.metadata
        )


def make_world(slack: FakeSlack, tmp_path: Path, start: datetime, **config: object) -> World:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    StateStore.open(url).close()
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    settings: dict[str, object] = {"lease": timedelta(seconds=30), "workers": 4, **config}
    world = World(
        slack,
        ManualClock(start),
        engine,
        FakeKnowledge(),
        ScheduleConfig(**settings),  # type: ignore[arg-type]
    )
    world.set(start)
    return world
