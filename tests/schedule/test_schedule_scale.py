"""A thousand subscriptions due at the same minute all post within that minute (measured)."""

from __future__ import annotations

import statistics
from datetime import datetime, timedelta
from pathlib import Path

from fakeslack import BOT_USER, FakeSlack
from schedprocs import real_catalog_desk
from schedworld import BRUSSELS
from slack_sdk import WebClient

from bot.config import Settings, SlackSettings, StorageSettings
from bot.schedule import ScheduleConfig, ShiftedClock, scheduled_posts

DUE = datetime(2026, 12, 14, 9, 0, tzinfo=BRUSSELS)
CHANNELS = 500  # a reminder and a digest in each


def test_a_thousand_subscriptions_fire_within_a_minute(slack: FakeSlack, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    desk = real_catalog_desk(url, DUE - timedelta(hours=1))
    for n in range(CHANNELS):
        channel = f"C2{n:04d}"
        slack.ws.add_channel(channel, f"team-{n}", {BOT_USER})
        desk.subscribe(channel, "deadlines large scale --days 1", "U0ALICE")
        desk.subscribe(channel, "queue lumi daily 09:00", "U0ALICE")
    expected = 2 * CHANNELS
    # Start 5 s (simulated) before they are due, with the default one-minute sweep: it is the
    # due-time job, not the sweep, that must get them out on time.
    offset = DUE - timedelta(seconds=5) - datetime.now(BRUSSELS)
    slack.clock.advance(offset.total_seconds())
    settings = Settings(
        slack=SlackSettings(bot_token=slack.bot_token),
        storage=StorageSettings(data_dir=tmp_path, state_url=url),
    )
    client = WebClient(slack.bot_token, base_url=slack.api_url, retry_handlers=[])
    posts = scheduled_posts(
        settings,
        knowledge=desk.knowledge,
        client=client,
        config=ScheduleConfig(clock_offset=offset),
        clock=ShiftedClock(offset),
    ).start()
    try:
        slack.wait_for(lambda: len(slack.api_calls("chat.postMessage")) >= expected, 120)
        assert posts.wait_for_sweeps(1, 60)
    finally:
        posts.stop()
    calls = slack.api_calls("chat.postMessage")
    assert len(calls) == expected and all(c.ok for c in calls)
    lateness = sorted(c.at - DUE.timestamp() for c in calls)
    p50, p95 = statistics.median(lateness), lateness[int(0.95 * len(lateness)) - 1]
    print(
        f"\n{expected} posts due {DUE:%H:%M}: first after {lateness[0]:.2f}s, median {p50:.2f}s, "
        f"p95 {p95:.2f}s, last {lateness[-1]:.2f}s"
    )
    assert lateness[0] >= 0, "nothing may go out early"
    assert lateness[-1] < 60, f"the last post was {lateness[-1]:.1f}s late"
