"""The sweep: from subscriptions, the clock and the ledger, post whatever is due, once.

`Runner.sweep()` is the whole delivery logic and is safe to run anywhere, any number of times,
in any number of processes at once: APScheduler only decides *when* it runs. Each sweep

1. takes over claims whose lease ran out (their process died) and settles them: if the
   channel history has the post (metadata key), mark it sent; otherwise send it;
2. plans every active subscription around `now` (`occurrences.plan`), records missed and
   superseded occurrences as skipped, and delivers the due ones not yet in the ledger.

Delivering = claim (ledger INSERT) -> build the message from what the knowledge base says
*now* -> post with the key in metadata -> mark sent. A reminder whose cut-off is no longer
listed becomes a "cut-off moved / no longer listed" notice instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.schedule.clock import Clock
from bot.schedule.config import ScheduleConfig
from bot.schedule.delivery import (
    ChannelUnavailable,
    LostClaim,
    MessageRejected,
    SlackMessage,
    SlackPoster,
    Unsettled,
)
from bot.schedule.knowledge import ScheduleKnowledge
from bot.schedule.ledger import MAX_ATTEMPTS, Claim, Ledger
from bot.schedule.occurrences import Occurrence, Plan, cutoff_stamp, plan
from bot.schedule.subscriptions import KnownCutoff, Subscription, SubscriptionStore
from bot.schedule.usage_alerts import (
    UsageAccess,
    UsageAlert,
    parse_occurrence,
    still_holds,
    usage_plan,
)
from bot.views import scheduled as views, usage as usage_views
from knowledge import Cutoff, KnowledgeError
from knowledge.queue import QueueUnavailable
from knowledge.usage import Project, UsageError, UsageReport

log = logging.getLogger(__name__)
CHANGED = "cut-off changed"


@dataclass
class SweepResult:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    taken: int = 0  # due, but another process had claimed it
    recovered: int = 0  # found in the channel history after a crash
    next_due: dict[int, datetime] = field(default_factory=dict)


def _no_checkpoint(step: str) -> None:
    return None


class Runner:
    def __init__(
        self,
        *,
        subscriptions: SubscriptionStore,
        ledger: Ledger,
        knowledge: ScheduleKnowledge,
        poster: SlackPoster,
        clock: Clock,
        config: ScheduleConfig,
        checkpoint: Callable[[str], None] | None = None,
        usage: UsageAccess | None = None,
    ) -> None:
        self.subscriptions, self.ledger, self.knowledge = subscriptions, ledger, knowledge
        self.poster, self.clock, self.config = poster, clock, config
        self.usage = usage
        # Called with "before_claim", "after_claim" (claimed, nothing sent) and "after_send"
        # (Slack has it, the ledger doesn't): where a crash is riskiest. Restart tests pass
        # one that kills the process there.
        self.checkpoint = checkpoint or _no_checkpoint
        self._pool = ThreadPoolExecutor(config.workers, thread_name_prefix="hpcbot-post")

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    # ------------------------------------------------------------------ the sweep
    def sweep(self, ids: Collection[int] | None = None) -> SweepResult:
        """Deliver what is due (for `ids`, or every subscription and every stale claim)."""
        result = SweepResult()
        now = self.clock.now()
        if ids is None:
            self._recover(now, result)
            self.subscriptions.forget_cutoffs_before(now - self.config.lookback - timedelta(days=1))
        subs = self.subscriptions.active(ids)
        if not subs:
            return result
        plans = self._plans(subs, now, result)
        candidates = [o for p in plans for o in (*p.due, *p.missed, *p.superseded)]
        since = min((o.due_at for o in candidates), default=now)
        in_ledger = self.ledger.known([s.id for s in subs], since)
        work = []
        for p in plans:
            for occ in p.missed:
                if occ.key not in in_ledger and self.ledger.record(occ, now, "skipped", "missed"):
                    result.skipped += 1
                    log.warning(
                        "skipped %s for %s: missed (due %s, expired %s)",
                        occ.occurrence,
                        _where(occ.subscription),
                        occ.due_at.isoformat(),
                        occ.expires_at.isoformat(),
                    )
            for occ in p.superseded:
                if occ.key not in in_ledger:
                    if self.ledger.record(occ, now, "skipped", "superseded by a later reminder"):
                        result.skipped += 1
            work += [o for o in p.due if o.key not in in_ledger]
        for outcome in self._pool.map(self._deliver, work):
            setattr(result, outcome, getattr(result, outcome) + 1)
        return result

    def _plans(self, subs: list[Subscription], now: datetime, result: SweepResult) -> list[Plan]:
        known = self.subscriptions.known_cutoffs([s.id for s in subs if s.kind == "deadlines"])
        on_record: dict[str, list[Cutoff]] = {}  # read once per sweep per call
        dated: list[str] | None = None
        plans, new = [], []
        for sub in subs:
            if sub.kind == "usage":
                p = self._usage_plan(sub, now)
            elif sub.kind != "deadlines":
                p = plan(sub, now, self.config)
            else:
                if not sub.calls and dated is None:
                    dated = [c.id for c in self.knowledge.dated_calls()]
                calls = sub.calls or tuple(dated or ())
                for call in calls:
                    if call not in on_record:
                        on_record[call] = self.knowledge.cutoffs(call)
                upcoming = [c for call in calls for c in on_record[call] if c.is_upcoming(now)]
                remembered = known.get(sub.id, [])
                fresh = [
                    KnownCutoff.of(sub.id, c, now)
                    for c in upcoming
                    if not any(k.matches(c) for k in remembered)
                ]
                new += fresh
                # Reminders are owed from when the cut-off was first seen: a cut-off added to
                # the catalog 5 days ahead gets no "late" 7-day reminder.
                owed = {
                    (k.call_id, cutoff_stamp(k.at)): k.first_seen or now
                    for k in [*remembered, *fresh]
                }
                # Cut-offs it knows that are no longer listed as upcoming (moved, cancelled,
                # or passed): their reminders become change notices (`_message`) or are missed.
                gone = [
                    k.as_cutoff()
                    for k in remembered
                    if k.call_id in calls and not any(k.matches(c) for c in upcoming)
                ]
                p = plan(sub, now, self.config, [*upcoming, *gone], owed)
            if p.next_due is not None:
                result.next_due[sub.id] = p.next_due
            plans.append(p)
        self.subscriptions.remember_cutoffs(new, now)
        return plans

    def _usage_plan(self, sub: Subscription, now: datetime) -> Plan:
        """Plan a usage subscription; stop it when its project or link is gone."""
        project = self._project(sub)
        if project is None:
            return Plan()
        report: UsageReport | None = None
        try:
            report = self.usage.report_for(sub.channel_id, project.name)  # type: ignore[union-attr]
        except UsageError as exc:
            log.warning("usage alerts for %s wait: %s", _where(sub), exc)
        return usage_plan(sub, now, self.config, project, report)

    def _project(self, sub: Subscription) -> Project | None:
        """The subscription's project, if it may still post; else disable it, saying why."""
        name = sub.project or ""
        if self.usage is None:  # a deployment problem, not the channel's: keep it for the fix
            log.error("subscription %d needs usage reports; set HPCBOT_USAGE_CONFIG", sub.id)
            return None
        reason = None
        project = self.usage.project(name)
        if project is None:
            reason = f"there is no project {name} in the usage config any more"
        elif not self.usage.linked(sub.channel_id, project.name):
            reason = f"{name} is no longer linked to this channel (`/hpc link {name}`)"
        if reason is not None:
            self.subscriptions.disable(sub.id, reason)
            log.warning("disabled subscription %d: %s", sub.id, reason)
            return None
        return project

    # ------------------------------------------------------------------ one delivery
    def _deliver(self, occ: Occurrence) -> str:
        self.checkpoint("before_claim")
        if not self.ledger.claim(occ, self.clock.now()):
            return "taken"
        self.checkpoint("after_claim")
        return self._send(occ)

    def _send(self, occ: Occurrence) -> str:
        """Post an occurrence this process has claimed; returns the SweepResult counter."""
        sub, now = occ.subscription, self.clock.now()
        try:
            message, note = self._message(occ, now)
            if message is None:
                self.ledger.finish(occ.key, now, "skipped", note)
                return "skipped"
            ts = self.poster.post(
                sub.channel_id,
                message,
                occ.delivery_key,
                still_mine=lambda: self.ledger.renew(occ.key, self.clock.now()),
            )
            self.checkpoint("after_send")
            if not self.ledger.mark_sent(occ.key, self.clock.now(), ts, note):
                # Our lease ran out mid-send; the taker finds this post in the history.
                log.warning("%s posted after its claim was taken over", occ.delivery_key)
            log.info("posted %s to %s (ts %s)", occ.delivery_key, sub.channel_id, ts)
            return "sent"
        except ChannelUnavailable as exc:
            reason = f"Slack said `{exc.error}` when posting to <#{sub.channel_id}>"
            self.ledger.finish(occ.key, self.clock.now(), "failed", f"channel: {exc.error}")
            self.subscriptions.disable(sub.id, reason)
            log.error("disabled subscription %d: %s", sub.id, reason)
            return "failed"
        except MessageRejected as exc:
            self.ledger.finish(occ.key, self.clock.now(), "failed", f"rejected: {exc}")
            log.error("Slack rejected %s: %s", occ.delivery_key, exc)
            return "failed"
        except LostClaim:
            log.warning("%s: claim taken over by another process; not sending", occ.delivery_key)
            return "taken"
        except Unsettled as exc:
            self.ledger.release(occ.key, self.clock.now(), f"retry: {exc}")
            log.warning("%s not delivered yet, will retry: %s", occ.delivery_key, exc)
            return "failed"
        except Exception as exc:  # one bad subscription must not stop the others
            self.ledger.release(occ.key, self.clock.now(), f"retry: {type(exc).__name__}")
            log.exception("%s failed unexpectedly; will retry", occ.delivery_key)
            return "failed"

    def _message(self, occ: Occurrence, now: datetime) -> tuple[SlackMessage | None, str]:
        """What to post, read from the knowledge base now; (None, why) to post nothing."""
        sub = occ.subscription
        if occ.kind in ("usage_alert", "usage_summary"):
            return self._usage_message(occ, now)
        late = occ.due_at if now - occ.due_at > self.config.late_after else None
        if occ.kind == "digest":
            return self._digest(sub, now, late), "late" if late else ""
        assert occ.cutoff is not None
        scheduled = KnownCutoff.of(sub.id, occ.cutoff)
        listed = self.knowledge.cutoffs(scheduled.call_id)
        current = next((c for c in listed if scheduled.matches(c)), None)
        if current is not None:
            text, blocks = views.reminder(current, now, sub.tz, late)
            return SlackMessage(text, blocks), "late" if late else ""
        # The cut-off this reminder was scheduled for is gone: announce that, once.
        prefix = occ.occurrence.rsplit(":", 1)[0] + ":"
        if self.ledger.has_note(sub.id, prefix, CHANGED):
            return None, "cut-off change already announced"
        upcoming = [c for c in listed if c.is_upcoming(now)]
        moved_to = self._moved_to(scheduled, upcoming, sub.id)
        text, blocks = views.cutoff_changed(
            occ.cutoff, moved_to, upcoming[0] if upcoming else None, sub.tz
        )
        return SlackMessage(text, blocks), CHANGED

    def _moved_to(self, old: KnownCutoff, upcoming: list[Cutoff], sub_id: int) -> Cutoff | None:
        """The listed cut-off that replaced `old`: the nearest one that appeared after it."""
        known = self.subscriptions.known_cutoffs([sub_id]).get(sub_id, [])
        seen = {(k.call_id, k.at, k.all_day): k.first_seen for k in known}
        old_seen = seen.get((old.call_id, old.at, old.all_day))
        newer = []
        for c in upcoming:
            first = seen.get((c.call_id, c.at, c.all_day))
            if first is None or (old_seen is not None and first > old_seen):
                newer.append(c)
        return min(newer, key=lambda c: abs(c.at - old.at), default=None)

    def _digest(self, sub: Subscription, now: datetime, late: datetime | None) -> SlackMessage:
        machine = sub.machine or ""
        try:
            status = self.knowledge.queue(machine)
            warning = None
        except QueueUnavailable as exc:
            if exc.last_known is None:
                return SlackMessage(*views.digest_unavailable(machine, str(exc), sub))
            status, warning = exc.last_known, str(exc)
        except KnowledgeError as exc:
            return SlackMessage(*views.digest_unavailable(machine, str(exc), sub))
        return SlackMessage(*views.digest(status, sub, now, late, warning))

    def _usage_message(self, occ: Occurrence, now: datetime) -> tuple[SlackMessage | None, str]:
        """A usage alert or summary from the figures now; an alert no longer true is skipped."""
        sub = occ.subscription
        project = self._project(sub)
        if project is None:
            return None, "project gone or unlinked"
        try:
            report = self.usage.report_for(sub.channel_id, project.name)  # type: ignore[union-attr]
        except UsageError as exc:
            if occ.kind == "usage_alert":  # owed, but the figures are missing: a later sweep
                raise Unsettled(f"usage of {project.name} unavailable") from None
            return SlackMessage(*usage_views.summary_unavailable(project.name, str(exc), sub)), ""
        if occ.kind == "usage_summary":
            late = occ.due_at if now - occ.due_at > self.config.late_after else None
            return SlackMessage(*usage_views.weekly_summary(report, sub, late)), (
                "late" if late else ""
            )
        parsed = parse_occurrence(occ.occurrence, project)
        alert = UsageAlert(parsed[1]) if parsed is not None else None
        if alert is None or not still_holds(alert, report, now):
            return None, "no longer holds"
        return SlackMessage(*usage_views.usage_alert(report, alert.name, sub)), ""

    # ------------------------------------------------------------------ crash recovery
    def _recover(self, now: datetime, result: SweepResult) -> None:
        for claim in self.ledger.expired_claims(now):
            if not self.ledger.take_over(claim, now):
                continue  # another process is settling it
            outcome = self._settle(claim, now)
            setattr(result, outcome, getattr(result, outcome) + 1)

    def _settle(self, claim: Claim, now: datetime) -> str:
        """A claim whose process died or gave up: find the post, or send it now."""
        key = (claim.subscription_id, claim.occurrence)
        sub = self.subscriptions.get(claim.subscription_id)
        if sub is None or not sub.active:
            self.ledger.finish(key, now, "skipped", "subscription removed or stopped")
            return "skipped"
        try:
            ts = self.poster.find_posted(sub.channel_id, claim.delivery_key, claim.claimed_at)
        except ChannelUnavailable as exc:
            self.ledger.finish(key, now, "failed", f"channel: {exc.error}")
            self.subscriptions.disable(sub.id, f"Slack said `{exc.error}`")
            return "failed"
        except Unsettled as exc:
            self.ledger.release(key, now, f"retry: {exc}")
            return "failed"
        if ts is not None:
            self.ledger.mark_sent(key, now, ts, "found in the channel history on recovery")
            log.info("%s was already posted (ts %s); marked sent", claim.delivery_key, ts)
            return "recovered"
        occ = self._rebuild(claim, sub)
        if claim.attempts + 1 > MAX_ATTEMPTS:
            self.ledger.finish(key, now, "failed", f"gave up after {MAX_ATTEMPTS} attempts")
            log.error("gave up on %s after %d attempts", claim.delivery_key, MAX_ATTEMPTS)
            return "failed"
        if occ is None or now >= occ.expires_at:
            self.ledger.finish(key, now, "skipped", "missed")
            return "skipped"
        return self._send(occ)

    def _rebuild(self, claim: Claim, sub: Subscription) -> Occurrence | None:
        grace = self.config.digest_grace
        if claim.occurrence.startswith("usage:"):
            project = self.usage.project(sub.project or "") if self.usage else None
            parsed = parse_occurrence(claim.occurrence, project) if project else None
            if project is None or parsed is None:
                return None
            due = claim.due_at
            if parsed[0] == "week":
                return Occurrence(sub, claim.occurrence, "usage_summary", due, due, due + grace)
            return Occurrence(sub, claim.occurrence, "usage_alert", due, due, project.end)
        if claim.occurrence.startswith("digest:"):
            due = claim.due_at
            return Occurrence(sub, claim.occurrence, "digest", due, due, due + grace)
        try:
            _, call_id, _stamp, days = claim.occurrence.split(":")
        except ValueError:
            return None
        if claim.cutoff_at is None:
            return None
        known = self.subscriptions.known_cutoffs([sub.id]).get(sub.id, [])
        pool = [*self.knowledge.cutoffs(call_id), *(k.as_cutoff() for k in known)]
        for cutoff in pool:
            if cutoff.call_id == call_id and cutoff.at == claim.cutoff_at:
                offset = int(days.rstrip("d"))
                return Occurrence(
                    sub,
                    claim.occurrence,
                    "reminder",
                    claim.due_at,
                    claim.due_at,
                    cutoff.closes,
                    cutoff,
                    offset,
                )
        return None


def _where(sub: Subscription) -> str:
    return f"subscription {sub.id} in {sub.channel_id}"
