""" "Remind us" under a /hpc fit answer makes a real subscription: the scheduler then posts the
call's next reminder in the channel exactly once, however often and by how many runners it
sweeps."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from fakeslack import ALICE, FakeSlack
from fakeslack.services import NOW
from schedworld import BRUSSELS, World, cutoff

from bot.app import SlackApp
from bot.schedule.parse import DEFAULT_OFFSETS
from knowledge import load_catalog
from knowledge.catalog.cutoffs import Cutoff

GOOD = {"org": "startup", "country": "DE", "task": "pretrain", "params": "7B", "tokens": "1T"}


def next_large_scale(now: datetime) -> Cutoff:
    from bot.config import bundled_knowledge_dir

    found = load_catalog(bundled_knowledge_dir()).next_cutoff("large-scale", now)
    assert found is not None, "the bundled catalogue has no future Large Scale cut-off"
    return found


def test_remind_us_then_exactly_one_reminder(
    slack: FakeSlack, world: World, bot_app: SlackApp
) -> None:
    # Slack signs requests with its own clock: keep it at the real time for the exchange.
    world.set(datetime.now(BRUSSELS))
    # The app's services answer /hpc fit, and stamp the subscription, at their fixed NOW; the
    # scheduler then starts there too, so the reminders owed do not depend on today's date.
    now = NOW.astimezone(BRUSSELS)
    real = next_large_scale(now)
    # The scheduler's knowledge has the same cut-off the bot's answer offered a reminder for.
    world.knowledge.dates["large-scale"] = [cutoff(real.day, real.at.timetz().replace(tzinfo=None))]
    slack.slash_command("/hpc", "fit")
    slack.submit_view(slack.wait_for_view(ALICE), GOOD)
    assert bot_app.wait_idle(10)
    reply = slack.wait_for_message(lambda m: "Which call fits" in m.all_text, ephemeral=True)
    slack.click(reply, "fit_remind")
    assert bot_app.wait_idle(10)
    [sub] = world.store.listed("C0GENERAL")
    assert (sub.calls, sub.offsets, sub.created_by) == (("large-scale",), DEFAULT_OFFSETS, ALICE)
    assert sub.created_at == NOW
    world.set(now)

    dues = [
        datetime.combine(real.day - timedelta(days=days), time(9, 0), tzinfo=BRUSSELS)
        for days in DEFAULT_OFFSETS
    ]
    first_due = min(d for d in dues if d > now)
    other = world.runner_for("process-b")
    world.sweep_until(first_due + timedelta(hours=1), step=timedelta(hours=6))
    other.sweep()
    world.runner.sweep()
    other.close()
    posts = world.posts()
    assert len(posts) == 1
    assert posts[0].text.startswith(":alarm_clock: *AI Factories Large Scale*: the cut-off is")
    assert all(n == 1 for n in world.delivery_keys().values())
