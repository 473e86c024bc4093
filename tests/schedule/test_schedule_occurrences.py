"""When posts are due: every offset, DST days, the year end, quiet hours, cadences, downtime."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from schedworld import BRUSSELS, cutoff

from bot.schedule import QuietHours, ScheduleConfig, Subscription
from bot.schedule.occurrences import digest_occurrences, plan, reminder_occurrences

CONFIG = ScheduleConfig()
LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


def deadlines(
    *offsets: int, tz: str = "Europe/Brussels", created: datetime = LONG_AGO
) -> Subscription:
    return Subscription(
        1, "C0GENERAL", "deadlines", (), offsets, None, None, time(9, 0), tz, "U", created
    )


def digest(
    cadence: str = "daily", at: time = time(9, 0), created: datetime = LONG_AGO
) -> Subscription:
    return Subscription(
        2,
        "C0GENERAL",
        "queue",
        (),
        (),
        "LUMI",
        cadence,
        at,
        "Europe/Brussels",
        "U",
        created,  # type: ignore[arg-type]
    )


def local(occ_time: datetime) -> str:
    # Via UTC: astimezone() to the same zone object would not normalise a time in a DST gap.
    return occ_time.astimezone(UTC).astimezone(BRUSSELS).strftime("%Y-%m-%d %H:%M %Z")


@pytest.mark.parametrize("days", [0, 1, 2, 7, 14, 30, 60, 90])
def test_every_offset_is_at_nine_local_that_many_days_before(days: int) -> None:
    c = cutoff(date(2027, 3, 31))
    (occ,) = reminder_occurrences(deadlines(days), [c])
    assert occ.due_at == datetime.combine(c.day - timedelta(days=days), time(9), tzinfo=BRUSSELS)
    assert occ.expires_at == c.closes and occ.offset_days == days
    assert occ.occurrence == f"remind:large-scale:20270331T0800Z:{days}d"


def test_dst_changes_keep_nine_oclock_local() -> None:
    # 29 Mar 2026: Brussels goes from CET (+1) to CEST (+2); 25 Oct 2026 back again.
    spring = reminder_occurrences(deadlines(1, 0), [cutoff(date(2026, 3, 29))])
    assert [local(o.due_at) for o in spring] == ["2026-03-28 09:00 CET", "2026-03-29 09:00 CEST"]
    assert [o.due_at.astimezone(UTC).hour for o in spring] == [8, 7]
    autumn = reminder_occurrences(deadlines(1, 0), [cutoff(date(2026, 10, 25))])
    assert [local(o.due_at) for o in autumn] == ["2026-10-24 09:00 CEST", "2026-10-25 09:00 CET"]
    # 7 days across the change is 7 calendar days, not 168 hours.
    week = reminder_occurrences(deadlines(7), [cutoff(date(2026, 4, 2))])
    assert local(week[0].due_at) == "2026-03-26 09:00 CET"


def test_digest_times_that_dst_skips_or_repeats_post_once() -> None:
    sub = digest(at=time(2, 30))
    start = datetime(2026, 3, 28, tzinfo=BRUSSELS)
    spring = digest_occurrences(sub, start, start + timedelta(days=2), timedelta(hours=6))
    assert [o.occurrence for o in spring] == [
        "digest:2026-03-28",
        "digest:2026-03-29",
        "digest:2026-03-30",
    ]
    assert local(spring[1].due_at) == "2026-03-29 03:30 CEST"  # 02:30 does not exist that day
    start = datetime(2026, 10, 24, tzinfo=BRUSSELS)
    autumn = digest_occurrences(sub, start, start + timedelta(days=1), timedelta(hours=6))
    assert [local(o.due_at) for o in autumn] == ["2026-10-24 02:30 CEST", "2026-10-25 02:30 CEST"]


def test_year_end() -> None:
    c = cutoff(date(2027, 1, 4))
    occurrences = reminder_occurrences(deadlines(14, 7, 1), [c])
    assert [local(o.due_at) for o in occurrences] == [
        "2026-12-21 09:00 CET",
        "2026-12-28 09:00 CET",
        "2027-01-03 09:00 CET",
    ]
    start = datetime(2026, 12, 28, tzinfo=BRUSSELS)
    days = digest_occurrences(
        digest("weekly"), start, start + timedelta(days=14), timedelta(hours=6)
    )
    assert [o.occurrence for o in days] == [
        "digest:2026-12-28",
        "digest:2027-01-04",
        "digest:2027-01-11",
    ]


def test_cadences() -> None:
    monday = datetime(2026, 11, 2, tzinfo=BRUSSELS)
    week = (monday, monday + timedelta(days=6))
    grace = timedelta(hours=6)
    assert len(digest_occurrences(digest("daily"), *week, grace)) == 7
    weekdays = digest_occurrences(digest("weekdays"), *week, grace)
    assert [o.occurrence[-2:] for o in weekdays] == ["02", "03", "04", "05", "06"]
    assert [o.occurrence for o in digest_occurrences(digest("weekly"), *week, grace)] == [
        "digest:2026-11-02"
    ]


def test_a_reminder_after_the_cutoff_is_never_made() -> None:
    early = cutoff(date(2026, 12, 1), time(8, 0))  # 0 days before an 08:00 cut-off: 09:00 is late
    assert reminder_occurrences(deadlines(0), [early]) == []
    all_day = cutoff(date(2026, 12, 1), None)  # open until midnight: 09:00 that day still counts
    (occ,) = reminder_occurrences(deadlines(0), [all_day])
    assert occ.expires_at == datetime(2026, 12, 2, tzinfo=BRUSSELS)


def test_quiet_hours_delay_and_never_drop() -> None:
    quiet = QuietHours.parse("22:00-07:00")
    late = digest(at=time(23, 15))
    (occ,) = digest_occurrences(
        late,
        datetime(2026, 11, 2, 12, tzinfo=BRUSSELS),
        datetime(2026, 11, 2, 13, tzinfo=BRUSSELS),
        timedelta(hours=6),
        quiet,
    )
    assert local(occ.nominal_at) == "2026-11-02 23:15 CET"
    assert local(occ.due_at) == "2026-11-03 07:00 CET"
    assert occ.expires_at == occ.due_at + timedelta(hours=6)
    early = digest(at=time(6, 0))
    (occ,) = digest_occurrences(
        early,
        datetime(2026, 11, 2, 12, tzinfo=BRUSSELS),
        datetime(2026, 11, 2, 13, tzinfo=BRUSSELS),
        timedelta(hours=6),
        quiet,
    )
    assert local(occ.due_at) == "2026-11-02 07:00 CET"
    # A reminder is not pushed past its cut-off: at 06:00 before a 06:30 cut-off it posts anyway.
    sub = Subscription(
        1, "C", "deadlines", (), (0,), None, None, time(6, 0), "Europe/Brussels", "U", LONG_AGO
    )
    (occ,) = reminder_occurrences(sub, [cutoff(date(2026, 12, 1), time(6, 30))], quiet)
    assert local(occ.due_at) == "2026-12-01 06:00 CET"


def test_plan_after_downtime_posts_the_latest_reminder_late_and_skips_the_rest() -> None:
    c = cutoff(date(2026, 12, 15))
    sub = deadlines(14, 7, 1)
    now = datetime(2026, 12, 14, 12, tzinfo=BRUSSELS)  # down since before the 14-day reminder
    p = plan(sub, now, CONFIG, [c])
    assert [o.offset_days for o in p.due] == [1]
    assert sorted(o.offset_days or 0 for o in p.superseded) == [7, 14]
    assert p.next_due is None
    after = plan(sub, datetime(2026, 12, 15, 11, tzinfo=BRUSSELS), CONFIG, [c])
    assert after.due == [] and [o.offset_days for o in after.missed] == [
        1
    ]  # older: not even logged


def test_plan_digest_grace_window() -> None:
    sub = digest()
    p = plan(sub, datetime(2026, 11, 3, 14, 59, tzinfo=BRUSSELS), CONFIG)
    assert [o.occurrence for o in p.due] == ["digest:2026-11-03"]  # 5 h 59 late: still posted
    assert "digest:2026-11-02" in [o.occurrence for o in p.missed]
    assert p.next_due == datetime(2026, 11, 4, 9, tzinfo=BRUSSELS)
    p = plan(sub, datetime(2026, 11, 3, 15, 1, tzinfo=BRUSSELS), CONFIG)
    assert p.due == [] and "digest:2026-11-03" in [o.occurrence for o in p.missed]


def test_nothing_is_owed_from_before_the_subscription_or_the_cutoff_existed() -> None:
    c = cutoff(date(2026, 12, 15))
    created = datetime(2026, 12, 10, 12, tzinfo=BRUSSELS)
    p = plan(deadlines(14, 7, 1, created=created), created + timedelta(minutes=1), CONFIG, [c])
    assert p.due == [] and p.missed == [] and p.superseded == []
    assert p.next_due == datetime(2026, 12, 14, 9, tzinfo=BRUSSELS)
    owed = {("large-scale", "20261215T0900Z"): datetime(2026, 12, 14, 10, tzinfo=UTC)}
    p = plan(deadlines(1), datetime(2026, 12, 14, 12, tzinfo=BRUSSELS), CONFIG, [c], owed)
    assert p.due == [] and p.next_due is None
