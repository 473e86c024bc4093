"""Real processes, killed with SIGKILL at each risky point and restarted: every post lands
exactly once."""

from __future__ import annotations

import signal
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from schedprocs import real_catalog_desk, records, schedulers, wait_until
from schedworld import BRUSSELS

DUE = datetime(2026, 12, 14, 9, 0, tzinfo=BRUSSELS)  # the day before a Large Scale cut-off
CHANNELS = ("C0GENERAL", "G0PRIVATE", "D0ALICE")


def posted_keys(slack: FakeSlack) -> Counter[str]:
    return Counter(str(m.metadata["event_payload"]["key"]) for m in slack.messages() if m.metadata)


@pytest.mark.parametrize("point", ["before_claim:1", "after_claim:1", "after_send:2"])
def test_killed_and_restarted_posts_each_once(slack: FakeSlack, tmp_path: Path, point: str) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    desk = real_catalog_desk(url, DUE - timedelta(hours=1))
    for channel in CHANNELS:
        desk.subscribe(channel, "deadlines large scale --days 1", "U0ALICE")
    desk.subscribe("C0GENERAL", "queue lumi daily 09:00", "U0ALICE")
    with schedulers(slack, url, tmp_path, DUE - timedelta(seconds=4)) as procs:
        first = procs.start_crashing("first", point)
        assert first.wait(60) == -signal.SIGKILL, procs.log("first")
        assert f"crash point {point.split(':')[0]} reached" in procs.log("first")
        before = len(posted_keys(slack))
        assert before < 4  # it died before posting everything
        procs.start("second")
        wait_until(
            lambda: [r.state for r in records(url)] == ["sent"] * 4, 60, "four posts marked sent"
        )
    keys = posted_keys(slack)
    assert len(keys) == 4 and set(keys.values()) == {1}, keys
    texts = sorted(m.text for m in slack.messages() if m.metadata)
    assert texts[0].startswith(":alarm_clock: *AI Factories Large Scale*: the cut-off is tomorrow")
    if point.startswith("after_send"):
        assert any(r.note == "found in the channel history on recovery" for r in records(url))
