"""`SubscriptionDesk`: subscribe, list and unsubscribe, shared by `/hpc` and the CLI."""

from __future__ import annotations

from bot.schedule.clock import Clock
from bot.schedule.knowledge import ScheduleKnowledge
from bot.schedule.parse import SubscribeError, parse_subscribe
from bot.schedule.subscriptions import (
    DeadlineSpec,
    KnownCutoff,
    QueueSpec,
    Subscription,
    SubscriptionStore,
    TooManySubscriptions,
)
from knowledge import KnowledgeError


class SubscriptionDesk:
    def __init__(
        self,
        store: SubscriptionStore,
        knowledge: ScheduleKnowledge,
        clock: Clock,
        default_tz: str,
    ) -> None:
        self.store, self.knowledge, self.clock, self.default_tz = (
            store,
            knowledge,
            clock,
            default_tz,
        )

    def subscribe(self, channel_id: str, text: str, user: str) -> tuple[Subscription, bool]:
        """Parse `/hpc subscribe` text and add it; raises SubscribeError with the fix."""
        return self.add(channel_id, parse_subscribe(text, self.knowledge, self.default_tz), user)

    def add(
        self, channel_id: str, spec: DeadlineSpec | QueueSpec, user: str
    ) -> tuple[Subscription, bool]:
        now = self.clock.now()
        try:
            sub, created = self.store.add(channel_id, spec, user=user, now=now)
        except TooManySubscriptions as exc:
            raise SubscribeError(str(exc)) from None
        if created and sub.kind == "deadlines":
            # The cut-offs listed now are the ones this subscription was made for: reminders
            # for them are owed from now, and a later move of one is announced as a move.
            calls = sub.calls or tuple(c.id for c in self.knowledge.dated_calls())
            listed = [
                KnownCutoff.of(sub.id, c, now)
                for call in calls
                for c in self.knowledge.cutoffs(call)
                if c.is_upcoming(now)
            ]
            self.store.remember_cutoffs(listed, now)
        return sub, created

    def listed(self, channel_id: str | None = None) -> list[Subscription]:
        return self.store.listed(channel_id)

    def unsubscribe(self, id_text: str, channel_id: str | None = None) -> Subscription:
        number = id_text.strip().lstrip("#")
        if not number.isdigit():
            raise SubscribeError(
                f"`{id_text}` is not a subscription id; `/hpc subscriptions` lists them, "
                "then `/hpc unsubscribe 12`."
            )
        removed = self.store.remove(int(number), channel_id)
        if removed is None:
            where = " in this channel" if channel_id else ""
            raise SubscribeError(
                f"There is no subscription #{number}{where}; `/hpc subscriptions` lists them."
            )
        return removed

    def call_names(self) -> dict[str, str]:
        try:
            return {c.id: c.name for c in self.knowledge.dated_calls()}
        except KnowledgeError:  # names are cosmetic here; ids still identify the calls
            return {}
