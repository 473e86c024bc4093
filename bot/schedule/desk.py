"""`SubscriptionDesk`: subscribe, list and unsubscribe, shared by `/hpc` and the CLI."""

from __future__ import annotations

from collections.abc import Callable

from bot.schedule.knowledge import ScheduleKnowledge
from bot.schedule.parse import SubscribeError, parse_subscribe
from bot.schedule.subscriptions import (
    KnownCutoff,
    Spec,
    Subscription,
    SubscriptionStore,
    TooManySubscriptions,
    UsageSpec,
)
from bot.schedule.usage_alerts import UsageAccess
from knowledge import Clock as KnowledgeClock, KnowledgeError


class NotAllowed(SubscribeError):
    """Someone other than its creator (and not a workspace admin) tried to remove it."""

    def __init__(self, subscription: Subscription) -> None:
        super().__init__(
            f"Only whoever set up subscription #{subscription.id}, or a workspace admin, "
            "can stop it."
        )
        self.subscription = subscription


class SubscriptionDesk:
    def __init__(
        self,
        store: SubscriptionStore,
        knowledge: ScheduleKnowledge,
        now: KnowledgeClock,
        default_tz: str,
        usage: UsageAccess | None = None,
    ) -> None:
        # `now` must be the scheduler's time (also when fast-forwarded or offset): a
        # subscription made at 09:00 on it owes nothing due at 08:30.
        self.store, self.knowledge, self.now, self.default_tz = (
            store,
            knowledge,
            now,
            default_tz,
        )
        self.usage = usage  # usage alerts; None: no usage config

    def subscribe(self, channel_id: str, text: str, user: str) -> tuple[Subscription, bool]:
        """Parse `/hpc subscribe` text and add it; raises SubscribeError with the fix."""
        spec = parse_subscribe(text, self.knowledge, self.default_tz, self.usage)
        return self.add(channel_id, spec, user)

    def add(self, channel_id: str, spec: Spec, user: str) -> tuple[Subscription, bool]:
        """Add a subscription; a usage one only where the project is linked to the channel."""
        if isinstance(spec, UsageSpec) and (
            self.usage is None or not self.usage.linked(channel_id, spec.project)
        ):
            raise SubscribeError(
                f"This channel cannot see the usage of {spec.project}: a workspace admin has "
                f"to link the project here first with `/hpc link {spec.project}`."
            )
        now = self.now()
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

    def unsubscribe(
        self,
        id_text: str,
        channel_id: str | None = None,
        *,
        by: str | None = None,
        by_admin: Callable[[], bool] = lambda: False,
    ) -> Subscription:
        """Remove a subscription (only from `channel_id`, when given).

        With `by` (a Slack user), only the person who made it may, or a workspace admin
        (`by_admin`, asked only when needed: it costs a Slack call). Without `by`: the CLI,
        whose user runs the deployment.
        """
        number = id_text.strip().lstrip("#")
        if not number.isdigit():
            raise SubscribeError(
                f"`{id_text}` is not a subscription id; `/hpc subscriptions` lists them, "
                "then `/hpc unsubscribe 12`."
            )
        where = " in this channel" if channel_id else ""
        missing = SubscribeError(
            f"There is no subscription #{number}{where}; `/hpc subscriptions` lists them."
        )
        found = self.store.get(int(number))
        if found is None or (channel_id is not None and found.channel_id != channel_id):
            raise missing
        if by is not None and found.created_by != by and not by_admin():
            raise NotAllowed(found)
        removed = self.store.remove(int(number), channel_id)
        if removed is None:  # removed meanwhile
            raise missing
        return removed

    def call_names(self) -> dict[str, str]:
        try:
            return {c.id: c.name for c in self.knowledge.dated_calls()}
        except KnowledgeError:  # names are cosmetic here; ids still identify the calls
            return {}
