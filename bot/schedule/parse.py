"""Parsing `/hpc subscribe ...` (and the CLI's equivalents) into subscription specs.

    deadlines [CALL ...] [--days 30,7,1] [--tz ZONE]
    queue MACHINE [daily|weekdays|weekly] [HH:MM] [ZONE]
    usage PROJECT [HH:MM] [ZONE]

Call and machine names may have spaces ("large scale", "MareNostrum 5"): several calls are
separated by commas or quoted, or matched longest-first ("large scale ai for science").
Every error is a `SubscribeError` whose message says what to type instead.

Any channel member can send this text, so its size is bounded (`check_subscribe_size`, before
any parsing) and the work is linear in it: word spans are at most as long as the longest call
name and are looked up in one table (`CallNames`), not resolved against the catalogue each.
"""

from __future__ import annotations

import functools
import re
import shlex
import zoneinfo
from typing import TYPE_CHECKING

from bot.errors import UsageError
from bot.schedule.config import parse_clock_time
from bot.schedule.knowledge import CallInfo, CallNames, ScheduleKnowledge
from bot.schedule.subscriptions import CADENCES, Cadence, DeadlineSpec, QueueSpec, Spec, UsageSpec
from knowledge import KnowledgeError, UnknownName

if TYPE_CHECKING:
    from bot.schedule.usage_alerts import UsageAccess

DEFAULT_OFFSETS = (14, 7, 1)
MAX_OFFSET_DAYS = 90
MAX_OFFSETS = 6
# Naming every dated call by its full name takes under 300 characters and 50 words.
MAX_SUBSCRIBE_CHARS = 500
MAX_SUBSCRIBE_WORDS = 60
MAX_CALLS_NAMED = 10
# Names are compared without spaces and punctuation ("FF plus" == "FFplus"), so a name may be
# typed with a few more words than it is written with.
_EXTRA_SPAN_WORDS = 2
SUBSCRIBE_USAGE = (
    "• `/hpc subscribe deadlines [call …] [--days 14,7,1]`: cut-off reminders here at 09:00, "
    "e.g. `/hpc subscribe deadlines large scale --days 30,7,1`\n"
    "• `/hpc subscribe queue <machine> [daily|weekdays|weekly] [HH:MM] [time zone]`: a queue "
    "digest, e.g. `/hpc subscribe queue lumi weekdays 08:30 Europe/Helsinki`\n"
    "• `/hpc subscribe usage <project> [HH:MM] [time zone]`: alerts at 50/80/90/100 % used "
    "and when the forecast says it runs out early or leaves hours unused, plus a summary every "
    "Monday (the project must be linked here)\n"
    "• `/hpc subscriptions`: this channel's subscriptions · `/hpc unsubscribe <id>`: stop one"
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})  # Slack clients send these
_TIMEISH = re.compile(r"^\d{1,2}[:h.]\d{2}$|:")


class SubscribeError(UsageError):
    """`/hpc subscribe` input that can't be used; the message says how to fix it."""


def check_subscribe_size(text: str) -> None:
    """Refuse text longer than anyone needs, before spending any work on it."""
    if len(text) > MAX_SUBSCRIBE_CHARS or len(text.split()) > MAX_SUBSCRIBE_WORDS:
        raise SubscribeError(
            f"That is more than I read: keep `/hpc subscribe` under {MAX_SUBSCRIBE_CHARS} "
            f"characters and {MAX_SUBSCRIBE_WORDS} words. Name up to {MAX_CALLS_NAMED} calls "
            "(`/deadlines` lists them), or none to be reminded of every call."
        )


def parse_subscribe(
    text: str, knowledge: ScheduleKnowledge, default_tz: str, usage: UsageAccess | None = None
) -> Spec:
    check_subscribe_size(text)
    words = _words(text)
    kind = words[0].lower() if words else ""
    if kind in ("deadlines", "deadline", "cutoffs", "reminders"):
        return parse_deadlines(words[1:], knowledge, default_tz)
    if kind in ("queue", "digest"):
        return parse_queue(words[1:], knowledge, default_tz)
    if kind in ("usage", "allocation"):
        return parse_usage(words[1:], usage, default_tz)
    raise SubscribeError(f"Subscribe to what? Use one of:\n{SUBSCRIBE_USAGE}")


def parse_deadlines(
    words: list[str], knowledge: ScheduleKnowledge, default_tz: str
) -> DeadlineSpec:
    words, options = _options(words, {"--days", "--tz"})
    offsets = parse_offsets(options["--days"]) if "--days" in options else DEFAULT_OFFSETS
    tz = parse_zone(options["--tz"]) if "--tz" in options else default_tz
    calls = resolve_calls(words, knowledge)
    return DeadlineSpec(tuple(dict.fromkeys(c.id for c in calls)), offsets, tz)


def parse_queue(words: list[str], knowledge: ScheduleKnowledge, default_tz: str) -> QueueSpec:
    split = next(
        (i for i, w in enumerate(words) if w.lower() in CADENCES or _TIMEISH.search(w) or "/" in w),
        len(words),
    )
    name, tail = " ".join(words[:split]), words[split:]
    if not name:
        raise SubscribeError(f"Which machine? For example:\n{SUBSCRIBE_USAGE}")
    try:
        machine = knowledge.resolve_machine(name)
    except UnknownName as exc:
        raise SubscribeError(str(exc)) from None
    cadence: Cadence = "daily"
    if tail and tail[0].lower() in CADENCES:
        cadence = _cadence(tail.pop(0).lower())
    at = parse_clock_time("09:00")
    if tail and _TIMEISH.search(tail[0]):
        at = parse_clock_time(tail[0].replace("h", ":").replace(".", ":"))
        if at is None:
            raise SubscribeError(
                f"`{tail[0]}` is not a time of day; use 24-hour HH:MM, e.g. 08:30."
            )
        tail.pop(0)
    tz = parse_zone(tail.pop(0)) if tail else default_tz
    if tail:
        raise SubscribeError(
            f"I don't understand `{' '.join(tail)}`. The order is: machine, "
            "daily|weekdays|weekly, HH:MM, time zone."
        )
    assert at is not None
    return QueueSpec(machine, cadence, at, tz)


def parse_usage(words: list[str], usage: UsageAccess | None, default_tz: str) -> UsageSpec:
    """`PROJECT [HH:MM] [ZONE]`: the project as the usage config names it."""
    if usage is None:
        raise SubscribeError(
            "Usage reports are not set up here: the people who run hpcbot list projects in "
            "HPCBOT_USAGE_CONFIG (README: Your project on the machine)."
        )
    if not words:
        raise SubscribeError(f"Which project? For example:\n{SUBSCRIBE_USAGE}")
    try:
        project = usage.canonical(words[0])
    except KnowledgeError as exc:
        raise SubscribeError(str(exc)) from None
    tail = words[1:]
    at = parse_clock_time("09:00")
    if tail and _TIMEISH.search(tail[0]):
        at = parse_clock_time(tail.pop(0).replace("h", ":").replace(".", ":"))
        if at is None:
            raise SubscribeError("The summary time is not a time of day; use 24-hour HH:MM.")
    tz = parse_zone(tail.pop(0)) if tail else default_tz
    if tail:
        raise SubscribeError(
            f"I don't understand `{' '.join(tail)}`. The order is: project, HH:MM, time zone."
        )
    assert at is not None
    return UsageSpec(project, at, tz)


def parse_offsets(text: str) -> tuple[int, ...]:
    """'30,7,1' -> (30, 7, 1): distinct whole days 0..90, largest first."""
    try:
        days = {int(part) for part in re.split(r"[,\s]+", text.strip()) if part}
    except ValueError:
        days = set()
    if not days or any(not 0 <= d <= MAX_OFFSET_DAYS for d in days) or len(days) > MAX_OFFSETS:
        raise SubscribeError(
            f"`--days {text}`: give up to {MAX_OFFSETS} whole numbers of days between 0 and "
            f"{MAX_OFFSET_DAYS}, separated by commas, e.g. `--days 30,7,1`."
        )
    return tuple(sorted(days, reverse=True))


def parse_zone(text: str) -> str:
    """An IANA zone name, any letter case ('europe/helsinki' -> 'Europe/Helsinki')."""
    name = _zones().get(text.strip().lower())
    if name is None:
        raise SubscribeError(
            f"`{text}` is not a time zone I know; use an IANA name such as Europe/Brussels, "
            "Europe/Helsinki or UTC."
        )
    return name


def resolve_calls(words: list[str], knowledge: ScheduleKnowledge) -> list[CallInfo]:
    """The calls named by `words` ([] for every call); longest names first."""
    if not words:
        return []
    joined = " ".join(words)
    if "," in joined:
        groups = [g.split() for g in joined.split(",") if g.strip()]
    else:
        groups = [words]
    names = knowledge.call_names()
    calls: list[CallInfo] = []
    for group in groups:
        calls += _longest_matches(group, names, knowledge)
        if len(calls) > MAX_CALLS_NAMED:
            raise SubscribeError(
                f"Name up to {MAX_CALLS_NAMED} calls, or none to be reminded of every call; "
                "`/deadlines` lists them."
            )
    continuous = [c.name for c in calls if not c.dated]
    if continuous:
        raise SubscribeError(
            f"{' and '.join(continuous)} take{'s' if len(continuous) == 1 else ''} applications "
            "continuously, so there are no cut-offs to remind you of."
        )
    return calls


def _longest_matches(
    words: list[str], names: CallNames, knowledge: ScheduleKnowledge
) -> list[CallInfo]:
    """Greedy longest match: at each word, the longest span (up to the longest name) that is
    a call name. Linear in the number of words; the catalogue is asked once, for the error."""
    found: list[CallInfo] = []
    span = names.max_words + _EXTRA_SPAN_WORDS
    start = 0
    while start < len(words):
        for end in range(min(len(words), start + span), start, -1):
            call = names.get(" ".join(words[start:end]))
            if call is not None:
                found.append(call)
                start = end
                break
        else:
            rest = " ".join(words[start:])
            try:  # for its suggestions ("Did you mean ...?")
                found.append(knowledge.resolve_call(rest))
            except UnknownName as exc:
                raise SubscribeError(
                    f"{exc} Separate several calls with commas; `/deadlines` lists them."
                ) from None
            break  # a name longer than any span, spelt unusually: it is the whole rest
    return found


def _words(text: str) -> list[str]:
    try:
        return shlex.split(text.translate(_QUOTES))
    except ValueError:
        raise SubscribeError('A quote is not closed; check the `"` marks.') from None


def _options(words: list[str], names: set[str]) -> tuple[list[str], dict[str, str]]:
    rest: list[str] = []
    options: dict[str, str] = {}
    it = iter(words)
    for word in it:
        name, eq, value = word.partition("=")
        if name.lower() in names:
            value = value if eq else next(it, "")
            if not value:
                raise SubscribeError(f"`{name}` needs a value, e.g. `--days 14,7,1`.")
            options[name.lower()] = value
        elif word.startswith("--"):
            raise SubscribeError(f"Unknown option `{word}`; use {', '.join(sorted(names))}.")
        else:
            rest.append(word)
    return rest, options


def _cadence(word: str) -> Cadence:
    for cadence in CADENCES:
        if cadence == word:
            return cadence
    raise SubscribeError(f"`{word}`: use daily, weekdays or weekly.")


@functools.lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}
