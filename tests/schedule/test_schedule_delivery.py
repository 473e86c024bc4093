"""Delivery against the Slack peer with a controlled clock: each post once, at its time, with
what the knowledge base says when it is sent."""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from schedworld import BRUSSELS, World, cutoff, make_world

from bot.schedule import QuietHours
from bot.schedule.delivery import metadata
from bot.schedule.occurrences import reminder_occurrences
from knowledge.catalog.cutoffs import Cutoff

DEC_15 = cutoff(date(2026, 12, 15))


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS)


def texts(world: World) -> list[str]:
    return [m.text for m in world.posts()]


def test_every_offset_once_at_nine_in_the_channel_zone(world: World) -> None:
    world.knowledge.dates["large-scale"] = [DEC_15, cutoff(date(2027, 1, 4))]
    sub, created = world.desk.subscribe(
        "C0GENERAL", "deadlines large scale --days 30,14,7,1,0", "U0ALICE"
    )
    assert created
    other = world.runner_for("process-b")  # a second process sweeping the same database
    end = at(date(2027, 1, 5))
    while world.clock.now() < end:
        world.advance(timedelta(hours=1))
        world.runner.sweep()
        other.sweep()
    other.close()
    posts = world.posts()
    assert all(n == 1 for n in world.delivery_keys().values())
    days = [datetime.fromtimestamp(float(m.ts), BRUSSELS) for m in posts]
    assert [(d.date().isoformat(), d.hour) for d in days] == [
        ("2026-11-15", 9),
        ("2026-12-01", 9),
        ("2026-12-05", 9),
        ("2026-12-08", 9),
        ("2026-12-14", 9),
        ("2026-12-15", 9),
        ("2026-12-21", 9),
        ("2026-12-28", 9),
        ("2027-01-03", 9),
        ("2027-01-04", 9),
    ]
    assert texts(world)[0] == (
        ":alarm_clock: *AI Factories Large Scale*: the cut-off is in 30 days, "
        "Tue 15 Dec 2026, 10:00 CET."
    )
    assert "is tomorrow, Tue 15 Dec 2026" in texts(world)[4]
    assert "is today, Tue 15 Dec 2026" in texts(world)[5]
    assert "Late" not in " ".join(m.all_text for m in posts)
    assert posts[0].metadata == metadata(f"{sub.id}/remind:large-scale:20261215T0900Z:30d")


def test_a_moved_cutoff_is_announced_never_reminded_with_the_old_date(world: World) -> None:
    world.knowledge.dates["large-scale"] = [DEC_15]
    world.desk.subscribe("C0GENERAL", "deadlines large scale", "U0ALICE")
    world.sweep_until(at(date(2026, 12, 2)))
    assert len(world.posts()) == 1 and "in 14 days, Tue 15 Dec" in texts(world)[0]
    world.knowledge.dates["large-scale"] = [cutoff(date(2027, 1, 4))]  # moved after scheduling
    world.sweep_until(at(date(2027, 1, 5)))
    assert texts(world)[1:] == [
        ":warning: *AI Factories Large Scale*: the cut-off moved from Tue 15 Dec 2026, 10:00 CET "
        "to Mon 4 Jan 2027, 10:00 CET. Reminders follow the new date.",
        ":alarm_clock: *AI Factories Large Scale*: the cut-off is in 14 days, "
        "Mon 4 Jan 2027, 10:00 CET.",
        ":alarm_clock: *AI Factories Large Scale*: the cut-off is in 7 days, "
        "Mon 4 Jan 2027, 10:00 CET.",
        ":alarm_clock: *AI Factories Large Scale*: the cut-off is tomorrow, "
        "Mon 4 Jan 2027, 10:00 CET.",
    ]
    states = {
        r.occurrence.rsplit(":", 1)[-1]: (r.state, r.note)
        for r in world.ledger_for("x").records()
        if "20261215" in r.occurrence
    }
    assert states == {
        "14d": ("sent", ""),
        "7d": ("sent", "cut-off changed"),
        "1d": ("skipped", "cut-off change already announced"),
    }


def test_a_cancelled_cutoff_says_so_and_names_the_next_one(world: World) -> None:
    world.knowledge.dates["large-scale"] = [DEC_15, cutoff(date(2027, 1, 4))]
    world.desk.subscribe("C0GENERAL", "deadlines large scale --days 7", "U0ALICE")
    world.knowledge.dates["large-scale"] = [cutoff(date(2027, 1, 4))]
    world.sweep_until(at(date(2026, 12, 9)))
    assert texts(world) == [
        ":warning: *AI Factories Large Scale*: the cut-off of Tue 15 Dec 2026, 10:00 CET is no "
        "longer listed. The next listed cut-off is Mon 4 Jan 2027, 10:00 CET."
    ]


def test_a_cutoff_changed_between_planning_and_sending(world: World) -> None:
    """The sweep plans with the old date; the knowledge base changes before the post is built."""
    world.knowledge.dates["large-scale"] = [DEC_15]
    world.desk.subscribe("C0GENERAL", "deadlines large scale --days 7", "U0ALICE")
    world.set(at(date(2026, 12, 8), 8, 59))
    world.runner.sweep()
    reads = 0
    read = world.knowledge.cutoffs

    def moving(call_id: str) -> list[Cutoff]:
        nonlocal reads
        reads += 1
        if reads > 1:  # the first read plans; by the second (at send time) it has moved
            world.knowledge.dates["large-scale"] = [cutoff(date(2026, 12, 18))]
        return read(call_id)

    world.knowledge.cutoffs = moving  # type: ignore[method-assign]
    world.advance(timedelta(minutes=2))
    world.runner.sweep()
    assert texts(world) == [
        ":warning: *AI Factories Large Scale*: the cut-off moved from Tue 15 Dec 2026, 10:00 CET "
        "to Fri 18 Dec 2026, 10:00 CET. Reminders follow the new date."
    ]


def test_missed_posts_are_caught_up_late_and_older_ones_skipped_and_logged(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    world.desk.subscribe("C0GENERAL", "queue lumi daily 09:00", "U0ALICE")
    world.runner.sweep()
    world.set(at(date(2026, 11, 4), 13, 30))  # down from Monday 08:00 until Wednesday 13:30
    with caplog.at_level(logging.WARNING, "bot.schedule"):
        world.runner.sweep()
    (late,) = world.posts()
    assert late.text == "LUMI queue digest"
    assert ":hourglass: Late: this was due Wed 4 Nov, 09:00 CET" in late.all_text
    assert "Queue digest, every day at 09:00" in late.all_text and "standard-g" in late.all_text
    skipped = [r for r in world.ledger_for("x").records() if r.state == "skipped"]
    assert [(r.occurrence, r.note) for r in skipped] == [
        ("digest:2026-11-02", "missed"),
        ("digest:2026-11-03", "missed"),
    ]
    assert "skipped digest:2026-11-02" in caplog.text
    world.set(at(date(2026, 11, 5), 8, 58))
    world.sweep_until(at(date(2026, 11, 5), 9, 2), timedelta(minutes=1))
    assert len(world.posts()) == 2 and "Late" not in world.posts()[1].all_text


def test_quiet_hours_delay_a_post(slack: FakeSlack, tmp_path: Path) -> None:
    world = make_world(
        slack, tmp_path, at(date(2026, 11, 2), 12), quiet_hours=QuietHours.parse("22:00-07:00")
    )  # type: ignore[arg-type]
    world.desk.subscribe("C0GENERAL", "queue lumi daily 23:30", "U0ALICE")
    world.sweep_until(at(date(2026, 11, 3), 6, 59), timedelta(minutes=15))
    assert world.posts() == []
    world.sweep_until(at(date(2026, 11, 3), 7, 2), timedelta(minutes=1))
    (post,) = world.posts()
    assert datetime.fromtimestamp(float(post.ts), BRUSSELS).strftime("%H:%M") == "07:00"
    assert "Late" not in post.all_text
    world.runner.close()


def test_rate_limits_and_server_errors_are_retried_without_double_posts(world: World) -> None:
    for channel in ("C0GENERAL", "G0PRIVATE", "D0ALICE"):
        world.desk.subscribe(channel, "queue lumi daily 09:00", "U0ALICE")
    world.slack.inject_fault("chat.postMessage", status=429, retry_after=1, times=1)
    # Slack posts the message but the answer is lost: must not post it again.
    world.slack.inject_fault(
        "chat.postMessage",
        status=500,
        error="internal_error",
        retry_after=None,
        after_success=True,
        times=1,
    )
    world.slack.inject_fault("chat.postMessage", status=503, retry_after=None, times=1)
    world.set(at(date(2026, 11, 2), 9, 0))
    result = world.runner.sweep()
    assert result.sent == 3
    keys = world.delivery_keys()
    assert len(keys) == 3 and set(keys.values()) == {1}
    # Retry-After (1 s) for the 429; exponential backoff from 0.5 s for the 5xx.
    assert len(world.sleeps) == 3 and 1.0 in world.sleeps and 0.5 in world.sleeps
    assert len(world.slack.api_calls("conversations.history")) == 2  # looked before resending


def test_channel_errors_disable_only_that_subscription(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    gone, _ = world.desk.subscribe("C0GONE", "queue lumi", "U0ALICE")
    outside, _ = world.desk.subscribe("C0RANDOM", "queue lumi", "U0ALICE")  # bot not invited
    fine, _ = world.desk.subscribe("C0GENERAL", "queue lumi", "U0ALICE")
    world.set(at(date(2026, 11, 2), 9, 1))
    with caplog.at_level(logging.ERROR, "bot.schedule"):
        world.runner.sweep()
    assert len(world.posts()) == 1
    status = {s.id: (s.status, s.status_reason) for s in world.store.listed()}
    assert status[fine.id] == ("active", "")
    assert status[gone.id] == (
        "disabled",
        "Slack said `channel_not_found` when posting to <#C0GONE>",
    )
    assert status[outside.id][1].startswith("Slack said `not_in_channel`")
    assert f"disabled subscription {outside.id}" in caplog.text
    world.sweep_until(at(date(2026, 11, 3), 10))
    assert len(world.posts()) == 2  # the others keep going, the stopped ones stay quiet


def test_claimed_but_never_sent_is_sent_once_after_the_lease(world: World) -> None:
    sub, _ = world.desk.subscribe("C0GENERAL", "deadlines large scale --days 7", "U0ALICE")
    world.knowledge.dates["large-scale"] = [DEC_15]
    world.set(at(date(2026, 12, 8), 9, 0))
    (occ,) = [o for o in reminder_occurrences(world.store.get(sub.id), [DEC_15])]  # type: ignore[arg-type]
    assert world.ledger_for("crashed").claim(occ, world.clock.now())  # ...and then it died
    survivor = world.runner_for("process-b")
    assert survivor.sweep().sent == 0 and world.posts() == []  # the lease still holds
    world.advance(timedelta(seconds=31))
    result = survivor.sweep()
    assert (result.sent, len(world.posts())) == (1, 1)
    survivor.close()


def test_sent_but_never_marked_is_found_in_history_not_sent_again(world: World) -> None:
    sub, _ = world.desk.subscribe("C0GENERAL", "deadlines large scale --days 7", "U0ALICE")
    world.knowledge.dates["large-scale"] = [DEC_15]
    world.set(at(date(2026, 12, 8), 9, 0))
    (occ,) = reminder_occurrences(world.store.get(sub.id), [DEC_15])  # type: ignore[arg-type]
    crashed = world.ledger_for("crashed")
    assert crashed.claim(occ, world.clock.now())
    world.poster().post("C0GENERAL", *_message(), occ.delivery_key, still_mine=lambda: True)
    world.advance(timedelta(seconds=31))  # ...it died before marking the post as sent
    result = world.runner.sweep()
    assert (result.recovered, result.sent) == (1, 0)
    assert list(world.delivery_keys().values()) == [1]
    (record,) = world.ledger_for("x").records()
    assert (record.state, record.note) == ("sent", "found in the channel history on recovery")


def test_runners_racing_in_threads_post_each_occurrence_once(world: World) -> None:
    for n in range(40):
        channel = f"C0TEAM{n:02d}"
        world.slack.ws.add_channel(channel, f"team-{n}", {"U0BOT", "U0ALICE"})
        world.desk.subscribe(channel, "queue lumi weekdays 09:00", "U0ALICE")
    runners = [world.runner_for(f"process-{i}") for i in range(4)]
    world.set(at(date(2026, 11, 2), 9, 0))
    barrier = threading.Barrier(len(runners))

    def race(runner: object) -> None:
        barrier.wait()
        runner.sweep()  # type: ignore[attr-defined]

    threads = [threading.Thread(target=race, args=(r,)) for r in runners]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    keys = world.delivery_keys()
    assert len(keys) == 40 and set(keys.values()) == {1}
    for r in runners:
        r.close()


def _message() -> tuple[object]:
    from bot.schedule.delivery import SlackMessage

    return (SlackMessage("reminder"),)
