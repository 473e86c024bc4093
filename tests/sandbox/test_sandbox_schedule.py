"""Scheduled posts in the sandbox: fast-forwarding lands on each post's due time, whatever the
time of day the test runs at and however far the clock was moved before."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.sandbox import Sandbox
from bot.sandbox.peer.state import Message


def _text(message: Message) -> str:
    return message.text + json.dumps(message.blocks or [])


def _subscribe_queue_digest_at(sandbox: Sandbox, at: datetime) -> None:
    """`/hpc subscribe queue lumi daily HH:MM UTC` for the minute `at` falls in."""
    delivery = sandbox.peer.slash_command(
        "/hpc", f"subscribe queue lumi daily {at.astimezone(UTC):%H:%M} UTC"
    )
    assert delivery.acked
    sandbox.peer.wait_for(
        lambda: any("Subscribed" in _text(m) for m in sandbox.peer.messages("C0GENERAL"))
    )


def _digests(sandbox: Sandbox) -> list[Message]:
    return [
        m
        for m in sandbox.peer.bot_messages("C0GENERAL")
        if "Queue digest" in _text(m) and not m.ephemeral_to
    ]


def test_a_digest_due_within_the_first_hour_of_a_fast_forward_is_posted_on_time(
    sandbox: Sandbox,
) -> None:
    due = (sandbox.clock.now() + timedelta(minutes=31)).replace(second=0, microsecond=0)
    _subscribe_queue_digest_at(sandbox, due)
    sandbox.fast_forward(3600)  # one step of an hour would pass it by half an hour
    [digest] = sandbox.peer.wait_for(lambda: _digests(sandbox) or None)
    assert "Late" not in _text(digest)
    assert abs(float(digest.ts) - due.timestamp()) < 60


def test_a_subscription_made_after_a_fast_forward_owes_nothing_from_before_it(
    sandbox: Sandbox,
) -> None:
    sandbox.fast_forward(86400)
    made = sandbox.clock.now()
    # Due an hour before it was made on the fast-forwarded clock, but 23 hours after the
    # machine's real time: only the sandbox clock says whether today's post is owed.
    _subscribe_queue_digest_at(sandbox, made - timedelta(hours=1))
    sandbox.fast_forward(3 * 3600)
    assert _digests(sandbox) == []
    sandbox.fast_forward(21 * 3600)
    [digest] = sandbox.peer.wait_for(lambda: _digests(sandbox) or None)
    assert "Late" not in _text(digest)
