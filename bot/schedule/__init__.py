"""Scheduled posts: deadline reminders and queue digests, each posted exactly once.

    subscriptions.py   what channels asked for (SubscriptionStore)
    parse.py           `/hpc subscribe ...` text -> DeadlineSpec | QueueSpec
    occurrences.py     when each post is due (pure; quiet hours, DST, grace windows)
    ledger.py          who posts which occurrence (a unique key, claimed before sending)
    delivery.py        posting with the key in message metadata; finding it again
    runner.py          the sweep that ties them together
    scheduler.py       APScheduler: when sweeps run (persistent job store)
    wiring.py          building all of it from Settings

Importing this package does not import APScheduler; `scheduled_posts()` does.
"""

from __future__ import annotations

from bot.schedule.clock import Clock, ManualClock, ShiftedClock, SystemClock
from bot.schedule.config import QuietHours, ScheduleConfig
from bot.schedule.desk import SubscriptionDesk
from bot.schedule.knowledge import (
    CallInfo,
    CallNames,
    CatalogKnowledge,
    ScheduleKnowledge,
)
from bot.schedule.parse import SubscribeError, parse_subscribe
from bot.schedule.runner import Runner, SweepResult
from bot.schedule.subscriptions import DeadlineSpec, QueueSpec, Subscription, SubscriptionStore
from bot.schedule.wiring import knowledge_from_services, scheduled_posts, subscription_desk

__all__ = [
    "CallInfo",
    "CallNames",
    "CatalogKnowledge",
    "Clock",
    "DeadlineSpec",
    "ManualClock",
    "QueueSpec",
    "QuietHours",
    "Runner",
    "ScheduleConfig",
    "ScheduleKnowledge",
    "ShiftedClock",
    "SubscribeError",
    "Subscription",
    "SubscriptionDesk",
    "SubscriptionStore",
    "SweepResult",
    "SystemClock",
    "knowledge_from_services",
    "parse_subscribe",
    "scheduled_posts",
    "subscription_desk",
]
