"""Building the scheduler and the subscription desk from `Settings` (the two entry points:
`hpcbot serve` runs the scheduler next to the app, `hpcbot scheduler` runs it alone)."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from slack_sdk import WebClient

from bot.config import Settings
from bot.schedule.clock import Clock, ShiftedClock, SystemClock
from bot.schedule.config import ScheduleConfig
from bot.schedule.delivery import SlackPoster
from bot.schedule.desk import SubscriptionDesk
from bot.schedule.knowledge import CatalogKnowledge, ScheduleKnowledge
from bot.schedule.ledger import Ledger
from bot.schedule.runner import Runner
from bot.schedule.subscriptions import SubscriptionStore
from bot.state import StateStore
from knowledge import CatalogSource, Clock as KnowledgeClock

if TYPE_CHECKING:
    from bot.schedule.scheduler import ScheduledPosts
    from bot.schedule.usage_alerts import UsageAccess
    from bot.services import Services


def worker_id() -> str:
    """Who holds a claim, in the ledger: host, pid and a per-start nonce."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def schedule_clock(config: ScheduleConfig) -> Clock:
    return ShiftedClock(config.clock_offset) if config.clock_offset else SystemClock()


def knowledge_from_services(settings: Settings, services: Services) -> CatalogKnowledge:
    """The catalog (re-read when its files change) and the app's live queue service."""
    catalog = services.catalog or CatalogSource(settings.knowledge.knowledge_dir)
    return CatalogKnowledge(catalog, services.queue, services.machines)


def subscription_desk(
    settings: Settings,
    store: StateStore,
    knowledge: ScheduleKnowledge,
    usage: UsageAccess | None = None,
    now: KnowledgeClock | None = None,
) -> SubscriptionDesk:
    """The desk behind `/hpc subscribe`, on the scheduler's time: `now` (the services' clock,
    which the sandbox fast-forwards) or the configured one (`schedule_clock`)."""
    return SubscriptionDesk(
        SubscriptionStore.open(store.engine),
        knowledge,
        now or schedule_clock(ScheduleConfig.from_settings(settings)).now,
        settings.knowledge.timezone,
        usage,
    )


def scheduled_posts(
    settings: Settings,
    *,
    knowledge: ScheduleKnowledge | None = None,
    store: StateStore | None = None,
    client: WebClient | None = None,
    config: ScheduleConfig | None = None,
    clock: Clock | None = None,
    usage: UsageAccess | None = None,
    checkpoint: Callable[[str], None] | None = None,
) -> ScheduledPosts:
    """A scheduler ready to `start()`; it closes what it opened itself on `stop()`.
    `checkpoint` is called at each risky step of a delivery (`Runner`): restart tests."""
    from bot.schedule.scheduler import ScheduledPosts

    config = config or ScheduleConfig.from_settings(settings)
    clock = clock or schedule_clock(config)
    own_store = store is None
    store = store or StateStore.open(settings.state_database_url)
    subscriptions = SubscriptionStore.open(store.engine)
    # Our own retries: the SDK's connection-error retry could post twice (see delivery.py).
    client = client or WebClient(
        token=settings.slack.bot_token, base_url=settings.slack.api_url, retry_handlers=[]
    )
    closers = [store.close] if own_store else []
    if knowledge is None:
        from bot.queues import build_service

        queue = build_service(settings)
        closers.append(queue.close)
        knowledge = CatalogKnowledge(
            CatalogSource(settings.knowledge.knowledge_dir), queue.status, queue.machines
        )
    if usage is None:
        from bot.usage.wiring import usage_desk

        desk = usage_desk(settings, store)
        if desk is not None:
            closers.append(desk.close)
        usage = desk
    runner = Runner(
        subscriptions=subscriptions,
        ledger=Ledger(store.engine, worker_id(), config.lease),
        knowledge=knowledge,
        poster=SlackPoster(
            client, clock, attempts=config.send_attempts, backoff=config.backoff_seconds
        ),
        clock=clock,
        config=config,
        checkpoint=checkpoint,
        usage=usage,
    )
    posts = ScheduledPosts(
        runner,
        store.engine,
        sweep_seconds=config.sweep_seconds,
        clock_offset=config.clock_offset,
    )
    posts.closers += closers
    return posts
