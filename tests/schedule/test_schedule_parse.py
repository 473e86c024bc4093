"""`/hpc subscribe ...` input: what it means, and the message for each kind of mistake."""

from __future__ import annotations

from collections import Counter
from datetime import time

import pytest
from fakeslack.services import FakeServices
from schedworld import FakeKnowledge

from bot.config import bundled_knowledge_dir
from bot.schedule import (
    CallInfo,
    CallNames,
    CatalogKnowledge,
    DeadlineSpec,
    QueueSpec,
    SubscribeError,
    parse_subscribe,
)
from bot.schedule.config import QuietHours, parse_clock_time
from bot.schedule.parse import (
    MAX_CALLS_NAMED,
    MAX_SUBSCRIBE_CHARS,
    MAX_SUBSCRIBE_WORDS,
    parse_offsets,
)
from knowledge import CatalogSource

KB = FakeKnowledge()


def parse(text: str) -> DeadlineSpec | QueueSpec:
    return parse_subscribe(text, KB, "Europe/Brussels")


@pytest.mark.parametrize(
    "text, calls, offsets, tz",
    [
        ("deadlines", (), (14, 7, 1), "Europe/Brussels"),
        ("deadlines large scale", ("large-scale",), (14, 7, 1), "Europe/Brussels"),
        ("deadlines large scale --days 30,7,1", ("large-scale",), (30, 7, 1), "Europe/Brussels"),
        ("deadlines --days=1,30 large-scale", ("large-scale",), (30, 1), "Europe/Brussels"),
        ("deadlines large scale ai for science", ("large-scale", "ai4s"), (14, 7, 1), None),
        ("deadlines large scale, ai4s --days 0", ("large-scale", "ai4s"), (0,), None),
        ('deadlines "AI for Science" “large scale”', ("ai4s", "large-scale"), (14, 7, 1), None),
        ("Deadlines ai4s ai4s --tz europe/helsinki", ("ai4s",), (14, 7, 1), "Europe/Helsinki"),
    ],
)
def test_deadlines(text: str, calls: tuple[str, ...], offsets: tuple[int, ...], tz: str) -> None:
    spec = parse(text)
    assert isinstance(spec, DeadlineSpec)
    assert (spec.calls, spec.offsets, spec.at) == (calls, offsets, time(9, 0))
    assert spec.tz == (tz or "Europe/Brussels")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("queue lumi", QueueSpec("LUMI", "daily", time(9, 0), "Europe/Brussels")),
        ("queue LUMI weekdays", QueueSpec("LUMI", "weekdays", time(9, 0), "Europe/Brussels")),
        ("queue lumi weekly 7:05", QueueSpec("LUMI", "weekly", time(7, 5), "Europe/Brussels")),
        (
            "queue marenostrum 5 weekdays 08:30 Europe/Madrid",
            QueueSpec("MareNostrum 5", "weekdays", time(8, 30), "Europe/Madrid"),
        ),
        ("queue leonardo 23:59 UTC", QueueSpec("LEONARDO", "daily", time(23, 59), "UTC")),
        ("queue leonardo 18h00", QueueSpec("LEONARDO", "daily", time(18, 0), "Europe/Brussels")),
    ],
)
def test_queue(text: str, expected: QueueSpec) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Subscribe to what?"),
        ("newsletter", "Subscribe to what?"),
        ("deadlines larg scale", "Unknown call 'larg scale'. Did you mean AI Factories Large"),
        ("deadlines fast lane", "takes applications continuously"),
        ("deadlines --days 100", "between 0 and 90"),
        ("deadlines --days -1", "between 0 and 90"),
        ("deadlines --days 7,x", "whole numbers"),
        ("deadlines --days 1,2,3,4,5,6,7", "up to 6"),
        ("deadlines --days", "needs a value"),
        ("deadlines --every 3", "Unknown option `--every`"),
        ("deadlines --tz Mars/Olympus", "not a time zone"),
        ('deadlines "large scale', "quote is not closed"),
        ("queue", "Which machine?"),
        ("queue lumy", "Unknown machine 'lumy'. Did you mean LUMI"),
        ("queue lumi daily 25:00", "`25:00` is not a time of day"),
        ("queue lumi 9:7", "`9:7` is not a time of day"),
        ("queue lumi daily 09:00 Europe/Atlantis", "`Europe/Atlantis` is not a time zone"),
        ("queue lumi daily 09:00 UTC extra", "I don't understand `extra`"),
    ],
)
def test_errors_say_how_to_fix_them(text: str, message: str) -> None:
    with pytest.raises(SubscribeError) as caught:
        parse(text)
    assert message in str(caught.value)


def test_offsets_and_times() -> None:
    assert parse_offsets("7, 30 1") == (30, 7, 1)
    assert parse_clock_time("9:00") == time(9, 0)
    assert parse_clock_time("24:00") is None
    quiet = QuietHours.parse("22:00-07:00")
    assert quiet.contains(time(23, 0)) and quiet.contains(time(6, 59))
    assert not quiet.contains(time(7, 0)) and not quiet.contains(time(21, 59))
    assert QuietHours.parse("12:00-13:30").contains(time(12, 45))


# --------------------------------------------------------------------------- size and cost
class CountingKnowledge(FakeKnowledge):
    """FakeKnowledge that counts how often the parser asks it for names."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: Counter[str] = Counter()

    def call_names(self) -> CallNames:
        self.asked["call_names"] += 1
        return super().call_names()

    def resolve_call(self, name: str) -> CallInfo:
        self.asked["resolve_call"] += 1
        return super().resolve_call(name)


def test_naming_calls_reads_the_name_table_once_and_never_resolves_word_spans() -> None:
    kb = CountingKnowledge()
    text = "deadlines " + " ".join(["ai for science"] * MAX_CALLS_NAMED)
    spec = parse_subscribe(text, kb, "Europe/Brussels")
    assert isinstance(spec, DeadlineSpec) and spec.calls == ("ai4s",)
    assert kb.asked == Counter({"call_names": 1})


def test_an_unknown_name_asks_the_catalogue_once_for_suggestions() -> None:
    kb = CountingKnowledge()
    with pytest.raises(SubscribeError, match="Unknown call 'larg scale'. Did you mean"):
        parse_subscribe("deadlines ai4s ai4s ai4s larg scale", kb, "Europe/Brussels")
    assert kb.asked == Counter({"call_names": 1, "resolve_call": 1})


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "deadlines " + " ".join(["ai4s"] * MAX_SUBSCRIBE_WORDS),
            f"under {MAX_SUBSCRIBE_CHARS} characters and {MAX_SUBSCRIBE_WORDS} words",
        ),
        (
            "deadlines " + "x" * MAX_SUBSCRIBE_CHARS,
            f"under {MAX_SUBSCRIBE_CHARS} characters and {MAX_SUBSCRIBE_WORDS} words",
        ),
        (
            "deadlines " + " ".join(["ai4s"] * (MAX_CALLS_NAMED + 1)),
            f"Name up to {MAX_CALLS_NAMED} calls, or none",
        ),
    ],
)
def test_subscribe_text_is_bounded(text: str, message: str) -> None:
    kb = CountingKnowledge()
    with pytest.raises(SubscribeError, match=message):
        parse_subscribe(text, kb, "Europe/Brussels")
    assert kb.asked["resolve_call"] == 0


def test_the_longest_allowed_subscribe_names_calls_of_the_bundled_catalogue() -> None:
    catalog = CatalogKnowledge(CatalogSource(bundled_knowledge_dir()), FakeServices().queue)
    names = ["AI for Science and Collaborative EU Projects access"] * 5 + ["large scale"] * 5
    text = "deadlines " + ", ".join(names) + " --days 30,14,7,3,1,0 --tz europe/helsinki"
    assert len(text.split()) <= MAX_SUBSCRIBE_WORDS and len(text) <= MAX_SUBSCRIBE_CHARS
    spec = parse_subscribe(text, catalog, "Europe/Brussels")
    assert spec == DeadlineSpec(
        ("ai-for-science", "large-scale"), (30, 14, 7, 3, 1, 0), "Europe/Helsinki"
    )
