"""Next cut-off computation from a frozen `now`, across year ends and time zones."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import knowledge
from knowledge.catalog.catalog import Catalog, load_catalog
from knowledge.catalog.facts import (
    Period,
    asked_period,
    asked_year,
    catalog_facts,
    next_cutoff_text,
)

DATA = Path(knowledge.__file__).parent / "data"
UTC = ZoneInfo("UTC")
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)


def test_next_large_scale_cutoff_crosses_the_year_end(catalog: Catalog) -> None:
    cutoff = catalog.next_cutoff("large scale", datetime(2026, 12, 20, 12, 0, tzinfo=UTC))
    assert cutoff is not None
    assert cutoff.at == datetime(2027, 1, 4, 10, 0, tzinfo=BRUSSELS)
    assert cutoff.at.isoformat() == "2027-01-04T10:00:00+01:00"


def test_cutoff_is_upcoming_half_an_hour_before_brussels_ten(catalog: Catalog) -> None:
    now = datetime(2026, 11, 30, 8, 30, tzinfo=UTC)  # 09:30 in Brussels
    cutoff = catalog.next_cutoff("large-scale", now)
    assert cutoff is not None
    assert cutoff.at == datetime(2026, 11, 30, 10, 0, tzinfo=BRUSSELS)


def test_cutoff_has_passed_one_minute_after_brussels_ten(catalog: Catalog) -> None:
    now = datetime(2026, 11, 30, 9, 1, tzinfo=UTC)  # 10:01 in Brussels
    cutoff = catalog.next_cutoff("large-scale", now)
    assert cutoff is not None
    assert cutoff.day.isoformat() == "2026-12-15"


def test_now_in_another_zone_is_compared_as_an_instant(catalog: Catalog) -> None:
    now = datetime(2026, 11, 30, 3, 59, tzinfo=ZoneInfo("America/New_York"))  # 09:59 Brussels
    cutoff = catalog.next_cutoff("large-scale", now)
    assert cutoff is not None
    assert cutoff.day.isoformat() == "2026-11-30"


def test_upcoming_cutoffs_are_soonest_first_across_calls(catalog: Catalog) -> None:
    upcoming = catalog.upcoming_cutoffs(datetime(2026, 11, 27, 12, 0, tzinfo=UTC))
    assert [(c.call_id, c.day.isoformat()) for c in upcoming] == [
        ("large-scale", "2026-11-30"),
        ("ai-for-science", "2026-12-11"),
        ("large-scale", "2026-12-15"),
        ("large-scale", "2027-01-04"),
    ]


def test_within_days_limits_the_horizon(catalog: Catalog) -> None:
    upcoming = catalog.upcoming_cutoffs(datetime(2026, 11, 27, 12, 0, tzinfo=UTC), within_days=14)
    assert [c.day.isoformat() for c in upcoming] == ["2026-11-30", "2026-12-11"]


def test_call_filter_keeps_one_call(catalog: Catalog) -> None:
    upcoming = catalog.upcoming_cutoffs(datetime(2026, 11, 27, 12, 0, tzinfo=UTC), call="AI4S")
    assert [(c.call_id, c.day.isoformat()) for c in upcoming] == [("ai-for-science", "2026-12-11")]


def test_no_future_cutoff_after_the_last_one_on_record(catalog: Catalog) -> None:
    now = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)  # 10:00 Brussels: just closed
    assert catalog.next_cutoff("large-scale", now) is None
    assert "large-scale" in [c.id for c in catalog.calls_without_future_cutoff(now)]


def test_continuous_calls_have_no_cutoff_and_are_not_flagged(catalog: Catalog) -> None:
    now = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    assert catalog.next_cutoff("playground", now) is None
    flagged = [c.id for c in catalog.calls_without_future_cutoff(now)]
    assert "playground" not in flagged
    assert "extreme-scale" in flagged


def test_cutoff_without_a_time_stays_open_until_the_end_of_its_day(catalog: Catalog) -> None:
    late = datetime(2026, 10, 26, 23, 30, tzinfo=BRUSSELS)
    after = datetime(2026, 10, 27, 0, 0, tzinfo=BRUSSELS)
    cutoff = catalog.next_cutoff("extreme scale", late)
    assert cutoff is not None and cutoff.all_day
    assert cutoff.day.isoformat() == "2026-10-26"
    assert catalog.next_cutoff("extreme scale", after) is None


def test_naive_now_is_rejected(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        catalog.upcoming_cutoffs(datetime(2026, 11, 27, 12, 0))


def test_facts_checked_more_than_ninety_days_ago_are_stale(catalog: Catalog) -> None:
    stale = catalog.stale_facts(datetime(2026, 11, 27, tzinfo=UTC), stale_after_days=90)
    assert {fact.as_of.isoformat() for _, fact in stale} == {
        "2021-01-01",  # the 2021 third-party systems table
        "2024-10-15",  # the LUMI user-guide snapshot
        "2025-11-18",
        "2026-01-01",  # undated third-party notes
        "2026-04-21",  # the third-party cut-off lists
        "2026-05-19",  # the LUMI AI Guide
        "2026-06-19",
        "2026-06-23",  # a third-party note on DAEDALUS's availability
        "2026-07-30",  # a third-party note on the AI Gigafactories call
    }


def test_nothing_is_stale_right_after_checking(catalog: Catalog) -> None:
    # The oldest check on record is the 2021 systems table (as_of 2021-01-01).
    assert catalog.stale_facts(datetime(2021, 1, 2, tzinfo=UTC), stale_after_days=90) == []


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("the first cut-off in 2027", 2027),
        ("the spring cut-off this year, which day was it?", 2026),
        ("what were the cut-offs last year", 2025),
        ("anything next year?", 2027),
        ("what were last year's cut-offs", 2025),
        # The last named is the one asked about; hours are no year.
        ("we used 2000 node hours last year, when are the cut-offs next year?", 2027),
        ("we need 2048 gpus next year", 2027),
        # Of two years named, the one beside the cut-offs asked about.
        ("for our 2027 roadmap: in 2026, which days in september were cut-offs?", 2026),
        ("when is the next cut-off", None),
        # Not a year: "the last year of the project".
        ("how long does the project's year last", None),
    ],
)
def test_a_year_is_named_or_counted_from_today(question: str, year: int | None) -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=ZoneInfo("UTC"))
    assert asked_year(question, now) == year


def test_the_cut_offs_of_this_year_are_listed_when_this_year_is_asked(catalog: Catalog) -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=ZoneInfo("UTC"))
    extreme = next(c for c in catalog.calls if c.id == "extreme-scale")
    text = next_cutoff_text(catalog, extreme, now, year=asked_year("the one this year?", now))
    assert text.startswith("**Extreme Scale Access cut-offs in 2026:** 4 May 2026, 26 Oct 2026.")


@pytest.mark.parametrize(
    ("question", "period"),
    [
        (
            "october 2026: which cut-offs fell in that month?",
            (date(2026, 10, 1), date(2026, 10, 31)),
        ),
        ("any deadlines in march?", (date(2026, 3, 1), date(2026, 3, 31))),
        (
            "how many of its 2026 cut-offs were in the second half of the year?",
            (date(2026, 7, 1), date(2026, 12, 31)),
        ),
        ("cut-offs in jul-dec 2027?", (date(2027, 7, 1), date(2027, 12, 31))),
        ("which cut-offs are in the first quarter of 2027?", (date(2027, 1, 1), date(2027, 3, 31))),
        ("any cut-offs in Q1 2027?", (date(2027, 1, 1), date(2027, 3, 31))),
        (
            "the 4 may 2026 deadline: which cut-offs fell within a week either side of it?",
            (date(2026, 4, 27), date(2026, 5, 11)),
        ),
        # Months from one to another, and from now to one.
        (
            "between august and november 2026, which cut-off days were there?",
            (date(2026, 8, 1), date(2026, 11, 30)),
        ),
        (
            "which cut-offs were there in july and august 2026?",
            (date(2026, 7, 1), date(2026, 8, 31)),
        ),
        ("how many cut-offs in jan-mar 2026?", (date(2026, 1, 1), date(2026, 3, 31))),
        (
            "which cut-offs are still coming between now and the end of january?",
            (date(2026, 11, 27), date(2027, 1, 31)),
        ),
        # Across the turn of the year, no year named: the coming one; what is still ahead
        # starts today.
        (
            "plan december and january: which deadlines are still ahead before february?",
            (date(2026, 12, 1), date(2027, 1, 31)),
        ),
        ("which deadlines are still ahead in november?", (date(2026, 11, 27), date(2026, 11, 30))),
        # A whole year, asked which cut-offs fell in it; not when the first one of it is.
        (
            "which of the deadlines on record fell in 2024?",
            (date(2024, 1, 1), date(2024, 12, 31)),
        ),
        ("when is the first cut-off in 2027?", None),
        # The end of a month points at a day near it, not at the month.
        ("we missed the end of november one. is there another before christmas?", None),
        ("it's the end of nov 2026. when's the next cut-off?", None),
        # A day is no period, nor is "may" the verb.
        ("the 30 June cut-off, when do we hear back?", None),
        ("when is the next cut-off? it may be soon", None),
    ],
)
def test_a_period_is_named_by_its_month_half_quarter_or_a_day_it_is_around(
    question: str, period: tuple[date, date] | None
) -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    assert asked_period(question, now) == (Period(*period) if period else None)


def test_a_call_s_cut_offs_in_a_period_are_counted_and_listed(catalog: Catalog) -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    ai4s = next(c for c in catalog.calls if c.id == "ai-for-science")
    text = next_cutoff_text(catalog, ai4s, now, period=Period(date(2026, 7, 1), date(2026, 12, 31)))
    assert text == (
        "**AI for Science and Collaborative EU Projects, 3 cut-offs from 1 Jul 2026 to "
        "31 Dec 2026:** 31 Aug 2026, 30 Oct 2026, 11 Dec 2026, each at 10:00 Brussels time."
    )


def test_every_call_s_cut_offs_in_a_month_are_listed_in_order(catalog: Catalog) -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    upcoming = next(f for f in catalog_facts(catalog, DATA) if f.id == "cutoffs/upcoming")
    assert upcoming.text_at(now, "which cut-offs of all calls fell in october 2026?") == (
        "**Cut-offs on record from 1 Oct 2026 to 31 Oct 2026, all calls (4):**\n"
        "• **AI Factories Large Scale**: 15 Oct 2026\n"
        "• **Extreme Scale Access**: 26 Oct 2026\n"
        "• **AI Factories Large Scale**: 30 Oct 2026\n"
        "• **AI for Science and Collaborative EU Projects**: 30 Oct 2026"
    )


def test_the_days_between_the_last_cut_off_of_a_year_and_the_first_of_the_next(
    catalog: Catalog,
) -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    cutoffs = next(f for f in catalog_facts(catalog, DATA) if f.id == "large-scale/cutoffs")
    question = "how long between the last large scale cut-off of 2026 and the first one of 2027?"
    assert cutoffs.text_at(now, question) == (
        "**AI Factories Large Scale cut-offs:** the last of 2026 on 15 Dec 2026; the first of "
        "2027 on 4 Jan 2027. From 15 Dec 2026 to 4 Jan 2027: 20 days, 2 weeks and 6 days."
    )
