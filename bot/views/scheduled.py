"""Scheduled posts (deadline reminders, cut-off changes, queue digests) and subscription lists.

Pure functions: plain values in, `(fallback text, blocks)` out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from bot.logs import redact
from bot.schedule.subscriptions import Subscription
from bot.views.blocks import Block, context, fit, section
from bot.views.mrkdwn import escape
from bot.views.queue_status import build_queue_blocks
from knowledge import Cutoff, when_text
from knowledge.queue import QueueStatus

Rendered = tuple[str, list[Block]]
CADENCE_TEXT = {"daily": "every day", "weekdays": "on weekdays", "weekly": "every Monday"}


def _in_days(cutoff: Cutoff, now: datetime, tz: tzinfo) -> str:
    days = (cutoff.at.date() - now.astimezone(tz).date()).days
    if days <= 0:
        return "today"
    return "tomorrow" if days == 1 else f"in {days} days"


def late_note(due: datetime, tz: tzinfo) -> str:
    local = due.astimezone(tz)
    return (
        f":hourglass: Late: this was due {local:%a} {local.day} {local:%b}, {local:%H:%M %Z}; "
        "hpcbot was not running then."
    )


def reminder(cutoff: Cutoff, now: datetime, tz: tzinfo, late_due: datetime | None) -> Rendered:
    name = escape(cutoff.call_name)
    when = when_text(cutoff, tz)
    text = f":alarm_clock: *{name}*: the cut-off is {_in_days(cutoff, now, tz)}, {when}."
    if cutoff.note:
        text += f" ({escape(cutoff.note)})"
    notes = []
    if late_due is not None:
        notes.append(late_note(late_due, tz))
    if cutoff.source:
        trust = "" if cutoff.confirmed else ", confirm on the official page"
        notes.append(
            f"Source: {escape(cutoff.source)} (as of {cutoff.as_of.isoformat()}{trust}) · "
            "`/deadlines` lists every cut-off"
        )
    blocks = [section(text)] + ([context(*notes)] if notes else [])
    return text, blocks


def cutoff_changed(
    old: Cutoff, new: Cutoff | None, next_listed: Cutoff | None, tz: tzinfo
) -> Rendered:
    """A cut-off someone was to be reminded of moved (`new`) or is no longer listed."""
    name = escape(old.call_name)
    if new is not None:
        text = (
            f":warning: *{name}*: the cut-off moved from {when_text(old, tz)} "
            f"to {when_text(new, tz)}. Reminders follow the new date."
        )
    else:
        text = f":warning: *{name}*: the cut-off of {when_text(old, tz)} is no longer listed."
        if next_listed is not None:
            text += f" The next listed cut-off is {when_text(next_listed, tz)}."
        else:
            text += " No later cut-off is listed; check the call page."
    return text, [section(text)]


def digest(
    status: QueueStatus,
    sub: Subscription,
    now: datetime,
    late_due: datetime | None,
    warning: str | None = None,
) -> Rendered:
    cadence = CADENCE_TEXT.get(sub.cadence or "", "")
    notes = [f":calendar: Queue digest, {cadence} at {sub.at:%H:%M} (subscription #{sub.id})"]
    if late_due is not None:
        notes.append(late_note(late_due, sub.tz))
    blocks = build_queue_blocks(status, tz=sub.tz, now=now)
    extra = [context(*notes)] + (
        [context(f":warning: {escape(redact(warning))}")] if warning else []
    )
    return escape(f"{status.machine} queue digest"), fit(blocks[:1] + extra + blocks[1:])


def digest_unavailable(machine: str, reason: str, sub: Subscription) -> Rendered:
    text = (
        f":warning: The {escape(machine)} queue digest (subscription #{sub.id}) has no data "
        f"today: {escape(redact(reason))}"
    )
    return text, [section(text)]


# --------------------------------------------------------------------------- subscriptions
def describe(sub: Subscription, call_names: Mapping[str, str]) -> str:
    """One line of mrkdwn: `#12` what, when, and (if stopped) why."""
    zone = escape(sub.tz_name)
    if sub.kind == "deadlines":
        calls = ", ".join(escape(call_names.get(c, c)) for c in sub.calls) or "every call"
        days = "/".join(str(d) for d in sub.offsets)
        what = f"cut-off reminders for {calls}, {days} days before, at {sub.at:%H:%M} {zone}"
    elif sub.kind == "usage":
        project = escape(sub.project or "?")
        what = (
            f"usage alerts for {project} (50/80/90/100 % used, run-out and unused forecasts) "
            f"and its summary every Monday at {sub.at:%H:%M} {zone}"
        )
    else:
        cadence = CADENCE_TEXT.get(sub.cadence or "", "")
        what = f"{escape(sub.machine or '?')} queue digest {cadence} at {sub.at:%H:%M} {zone}"
    line = f"`#{sub.id}` {what}"
    if sub.status == "disabled":
        line += f" — *stopped*: {escape(sub.status_reason)}"
    return line


def subscription_list(subs: list[Subscription], call_names: Mapping[str, str]) -> str:
    if not subs:
        return (
            "This channel has no subscriptions. Try `/hpc subscribe deadlines` or "
            "`/hpc subscribe queue lumi weekdays 09:00`."
        )
    lines = [f"• {describe(s, call_names)}" for s in subs]
    return (
        "*Subscriptions in this channel*\n"
        + "\n".join(lines)
        + ("\nRemove one with `/hpc unsubscribe ID`.")
    )


def subscribed(sub: Subscription, call_names: Mapping[str, str], created: bool) -> str:
    if not created:
        return f"Already subscribed: {describe(sub, call_names)}."
    return (
        f":white_check_mark: Subscribed: {describe(sub, call_names)}. "
        f"`/hpc unsubscribe {sub.id}` stops it."
    )
