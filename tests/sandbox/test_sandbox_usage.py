"""/usage in the sandbox page, in a real browser: with no usage config, the demo project that
ships with the sandbox (bot/sandbox/demo-usage-snapshot.json, linked to #general) shows its
figures, marked as demo data, and the burn-down chart the bot uploaded with files.upload_v2,
drawn as an image the page loads from the sandbox.

The demo snapshot, taken 2 Mar 2026 00:00 UTC, of the period 1 Jan to 30 Jun 2026, billed by
LUMI's rule (a standard-g node-hour is 4 GPU-hours, a small-g GCD-hour 0.5); the sandbox moves
every date by whole days so that it was taken today:

    anna  pretrain-1b         standard-g  8 nodes  10-14 Jan   96 h   3,072
    ben   sft-sweep           small-g    16 GCDs   20-25 Jan  120 h     960
    anna  pretrain-1b-resume  standard-g  4 nodes   1-6 Feb   120 h   1,920
    chen  eval-harness        small-g     4 GCDs   10-12 Feb   48 h      96
    ben   dpo                 standard-g  2 nodes  16-20 Feb   96 h     768
    anna  pretrain-3b         standard-g  4 nodes  23 Feb-1 Mar 144 h  2,304

granted 2,400,000 GCD-minutes = 20,000 GPU-hours; used 9,120 (45.6 %), left 10,880. Last 7
days (23 Feb-2 Mar): 2,304 / 7 = 329/day; last 30 days (31 Jan-2 Mar): 5,088 / 30 = 170/day.
At 2,304/7 a day the 10,880 left last 33.06 days: gone on 4 Apr 01:20, 87 whole days before
the period ends (1 Jul 00:00).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sandboxpage import By, Shot, click, find, lines, open_page, send, wait

from bot.sandbox import Sandbox

SNAPSHOT_DAY = date(2026, 3, 2)


def shifted(day: date, sandbox: Sandbox) -> str:
    """`day` of the demo snapshot, moved as the sandbox moves it (taken today, UTC)."""
    today = datetime.fromtimestamp(sandbox.peer.clock.now(), UTC).date()
    return f"{day + (today - SNAPSHOT_DAY):%Y-%m-%d}"


def taken_today(sandbox: Sandbox) -> str:
    """00:00 UTC today, when the sandbox's demo snapshot counts as taken, in hpcbot's zone."""
    today = datetime.fromtimestamp(sandbox.peer.clock.now(), UTC).date()
    taken = datetime.combine(today, time(), UTC).astimezone(
        ZoneInfo(sandbox.settings.knowledge.timezone)
    )
    return f"{taken:%Y-%m-%d %H:%M %Z}"


def test_usage_shows_the_demo_figures_and_the_burn_down_chart(
    browser: Any, sandbox: Sandbox, shot: Shot
) -> None:
    open_page(browser, sandbox)

    send(browser, "/usage demo")

    # The chart's reply redraws the report, so its text is read once the reply is there.
    find(browser, "#messages .message.from-bot", "demo: GPU-hours on lumi", 30)
    find(browser, "#messages .thread-summary", "1 reply")
    report = lines(browser, "#messages .message.from-bot", "demo: GPU-hours", ".msg-body > .block")
    assert report == [
        "demo: GPU-hours on lumi",
        "Granted 20,000 GPU-hours Used 9,120 (45.6 %) Left 10,880",
        f"Period {shifted(date(2026, 1, 1), sandbox)} to {shifted(date(2026, 6, 30), sandbox)}",
        "Burn 329 GPU-hours/day over 7 days, 170/day over 30 days",
        "Forecast At the last 7 days' rate (329 GPU-hours/day) it runs out on "
        f"{shifted(date(2026, 4, 4), sandbox)}, 87 days before the end.",
        "Top users anna 7,296, ben 1,728, chen 96.0",
        "Slurm account project_demo · from sandbox demo data (invented jobs; set "
        f"HPCBOT_USAGE_CONFIG for real projects) at {taken_today(sandbox)} · Billing: GPU-hours "
        "as the site's billing page says (checked 2024-10-15)",
    ]
    click(browser, "#messages .thread-summary", "1 reply")

    chart = find(browser, "#thread-messages .message.from-bot figure.msg-file img")
    size = wait(browser).until(
        lambda d: d.execute_script(
            "const i = arguments[0];"
            "return i.complete && i.naturalWidth > 0 ? [i.naturalWidth, i.naturalHeight] : null;",
            chart,
        ),
        "the chart image never loaded",
    )

    [shared] = [f for m in sandbox.peer.messages() for f in m.files]  # what the bot uploaded
    assert size == [800, 400]  # 8 x 4 inches at 100 dpi (knowledge/usage/chart.py)
    assert chart.get_attribute("src") == f"{sandbox.url}/files/{shared['id']}/demo-burn-down.png"
    caption = chart.find_element(By.XPATH, "following-sibling::figcaption")
    assert caption.text == "demo: burn-down"
    assert chart.get_attribute("alt") == (
        "GPU-hours left for demo per day, with the projection at the current rate"
    )
    shot("usage-chart")
