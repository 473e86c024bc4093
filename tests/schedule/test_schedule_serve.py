"""`hpcbot serve` runs the scheduler next to the app (unless HPCBOT_SCHEDULER=0)."""

from __future__ import annotations

import signal
import socket
from datetime import datetime, timedelta
from pathlib import Path

import httpx
from fakeslack import FakeSlack
from schedprocs import real_catalog_desk, schedulers, wait_until
from schedworld import BRUSSELS

DUE = datetime(2026, 12, 14, 9, 0, tzinfo=BRUSSELS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_serve_posts_due_reminders_and_stops_cleanly(slack: FakeSlack, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    real_catalog_desk(url, DUE - timedelta(hours=1)).subscribe(
        "C0GENERAL", "deadlines large scale --days 1", "U0ALICE"
    )
    port = free_port()
    with schedulers(slack, url, tmp_path, DUE - timedelta(seconds=3)) as procs:
        env = {"SLACK_SIGNING_SECRET": slack.signing_secret, "HPCBOT_PORT": str(port)}
        bot = procs.start("serve", "serve", **env)
        post = slack.wait_for_message(lambda m: m.metadata is not None, timeout=90)
        assert post.text.startswith(":alarm_clock: *AI Factories Large Scale*: the cut-off is")
        wait_until(lambda: healthy(port), 30, "/health")
        bot.send_signal(signal.SIGTERM)
        assert bot.wait(30) == 0, procs.log("serve")
    assert "scheduled posts: sweeping every 0.5s" in procs.log("serve")


def test_serve_without_the_scheduler(slack: FakeSlack, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    port = free_port()
    with schedulers(slack, url, tmp_path, DUE) as procs:
        env = {"SLACK_SIGNING_SECRET": slack.signing_secret, "HPCBOT_PORT": str(port)}
        procs.start("serve", "serve", HPCBOT_SCHEDULER="0", **env)
        wait_until(lambda: healthy(port), 60, "/health")  # the scheduler would start before it
    assert "scheduled posts" not in procs.log("serve")
