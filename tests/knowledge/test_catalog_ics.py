"""The iCalendar feed, parsed back with the icalendar library."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

import knowledge
from knowledge.catalog.catalog import Catalog, load_catalog
from knowledge.catalog.ical import catalog_to_ics

DATA = Path(knowledge.__file__).parent / "data"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("UTC"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)


def _events(text: str) -> list[Any]:
    # icalendar's property types are a wide union; the tests only read known properties.
    return list(Calendar.from_ical(text).walk("VEVENT"))


def test_one_event_per_cutoff(catalog: Catalog) -> None:
    cutoffs = catalog.upcoming_cutoffs(NOW)
    assert len(_events(catalog_to_ics(cutoffs))) == len(cutoffs) == 4


def test_uids_derive_from_call_and_day_and_are_stable(catalog: Catalog) -> None:
    first = [str(e["UID"]) for e in _events(catalog_to_ics(catalog.upcoming_cutoffs(NOW)))]
    again = [str(e["UID"]) for e in _events(catalog_to_ics(catalog.upcoming_cutoffs(NOW)))]
    assert (
        first
        == again
        == [
            "large-scale-20261130@hpcbot",
            "ai-for-science-20261211@hpcbot",
            "large-scale-20261215@hpcbot",
            "large-scale-20270104@hpcbot",
        ]
    )


def test_rendering_twice_gives_identical_text(catalog: Catalog) -> None:
    cutoffs = catalog.cutoffs()
    assert catalog_to_ics(cutoffs) == catalog_to_ics(cutoffs)


def test_timed_cutoff_keeps_its_brussels_tzid(catalog: Catalog) -> None:
    event = _events(catalog_to_ics(catalog.upcoming_cutoffs(NOW)))[0]
    start = event["DTSTART"]
    assert start.params["TZID"] == "Europe/Brussels"
    assert start.dt == datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    assert str(event["SUMMARY"]) == "Cut-off: AI Factories Large Scale"
    assert (
        str(event["URL"]) == "https://www.eurohpc-ju.europa.eu/large-scale-access-ai-factories_en"
    )
    assert "as of 2026-04-21" in str(event["DESCRIPTION"])
    assert "confirm on the official page" in str(event["DESCRIPTION"])


def test_cutoff_without_time_is_an_all_day_event(catalog: Catalog) -> None:
    event = _events(catalog_to_ics(catalog.cutoffs("extreme-scale")))[0]
    assert event["DTSTART"].dt == date(2026, 5, 4)


def test_feed_defines_the_time_zone_it_uses(catalog: Catalog) -> None:
    cal = Calendar.from_ical(catalog_to_ics(catalog.upcoming_cutoffs(NOW)))
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
