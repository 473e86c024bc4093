"""Cut-offs as an iCalendar feed that calendar clients can subscribe to.

UIDs depend only on the call and the day, and DTSTAMP on the fact's as-of date, so rendering
the same data twice gives the same bytes and clients update events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time

from icalendar import Calendar, Event

from knowledge.catalog.chat_text import CONFIRM
from knowledge.catalog.cutoffs import Cutoff

PRODID = "-//hpcbot//EuroHPC cut-offs//EN"


def cutoff_uid(cutoff: Cutoff) -> str:
    return f"{cutoff.call_id}-{cutoff.day:%Y%m%d}@hpcbot"


def catalog_to_ics(cutoffs: Iterable[Cutoff]) -> str:
    """One VEVENT per cut-off; timed cut-offs keep their TZID, undated times become all-day."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "EuroHPC cut-offs (hpcbot)")
    for cutoff in cutoffs:
        event = Event()
        event.add("uid", cutoff_uid(cutoff))
        event.add("dtstamp", datetime.combine(cutoff.as_of, time(0), tzinfo=UTC))
        event.add("dtstart", cutoff.day if cutoff.all_day else cutoff.at)
        event.add("summary", f"Cut-off: {cutoff.call_name}")
        event.add("url", cutoff.source)
        description = f"Source: {cutoff.source} (as of {cutoff.as_of.isoformat()})."
        if cutoff.note:
            description = f"{cutoff.note[0].upper()}{cutoff.note[1:]}. {description}"
        if not cutoff.confirmed:
            description += f" Taken from a secondary source: {CONFIRM}."
        event.add("description", description)
        cal.add_component(event)
    # Clients need VTIMEZONE definitions for the TZIDs used above.
    cal.add_missing_timezones()
    text: str = cal.to_ical().decode("utf-8")
    return text
