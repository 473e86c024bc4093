"""Which access routes fit an applicant and a size, and why: the rules of `routes.yaml`, applied.

Each route is checked rule by rule, in a fixed order: who may apply (organisation type), where
from (country class), for what (purpose), how much (the call's own GPU-hour range from
calls.yaml, then any `gpu-hours` rule), and, when a start date was asked for, how soon compute
can start (next cut-off plus the route's access time). The first rule that fails rules the
route out and is its reason; a rule that allows the applicant only under a condition (or can't
tell, because an input was not given) adds that condition instead of guessing.

Nothing here names a call, an organisation type or a purpose: they are all data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from knowledge.catalog.chat_text import day_text
from knowledge.catalog.cutoffs import Cutoff, call_cutoffs
from knowledge.catalog.models import Call, Sourced
from knowledge.fit.data import Country, FitData
from knowledge.fit.models import Named, Route, Rule

Outcome = Literal["pass", "fail", "condition"]
SECONDS_PER_DAY = 86400


@dataclass(frozen=True)
class Applicant:
    """Who applies; None where it was not said (the rules that need it become conditions)."""

    org: Named | None = None
    country: Country | None = None
    purpose: Named | None = None


@dataclass(frozen=True)
class Check:
    outcome: Outcome
    text: str
    source: Sourced
    size: bool = False  # a GPU-hour range was checked


@dataclass(frozen=True)
class Verdict:
    call: Call
    route: Route
    fits: bool
    reason: str
    source: Sourced  # of the rule that decided
    conditions: tuple[str, ...]
    next_cutoff: Cutoff | None
    schedule: str  # "continuously open", "next cut-off ...", or why no date is known
    start_days: int | None  # days from now until compute can start, when known
    size_stated: bool  # the route's size range was checked against the GPU-hours


def _names(items: list[Named], ids: list[str]) -> str:
    by_id = {item.id: item.name for item in items}
    return " or ".join(by_id.get(i, i) for i in ids)


def _org_check(rule: Rule, data: FitData, applicant: Applicant) -> Check:
    org = applicant.org
    if org is None:
        if not rule.conditional and {o.id for o in data.org_types} <= set(rule.allow):
            return Check("pass", rule.text, rule)
        who = _names(data.org_types, [*rule.allow, *rule.conditional])
        return Check("condition", f"only for a {who}", rule)
    if org.id in rule.allow:
        return Check("pass", rule.text, rule)
    if org.id in rule.conditional:
        return Check("condition", rule.condition, rule)
    return Check("fail", f"Not for this applicant ({org.name}): {rule.text}", rule)


def _country_check(rule: Rule, data: FitData, applicant: Applicant) -> Check:
    country = applicant.country
    classes = data.routes_file.countries
    if country is None:
        allowed = " or ".join(f"an {classes[c].name}" for c in rule.allow if c in classes)
        elsewhere = f"; elsewhere {rule.condition}" if rule.conditional else ""
        return Check(
            "condition", f"only for organisations established in {allowed}{elsewhere}", rule
        )
    if country.kind in rule.allow:
        return Check("pass", rule.text, rule)
    if country.kind in rule.conditional:
        # The call's own country list is not one of ours (FFplus: the EEA and Digital Europe's
        # associated countries, not Horizon Europe's): the answer says what to check.
        return Check("condition", rule.condition, rule)
    kind = classes[country.kind].name
    return Check("fail", f"Not from {country.name} ({kind}): {rule.text}", rule)


def _purpose_check(rule: Rule, data: FitData, applicant: Applicant) -> Check | None:
    if rule.orgs and applicant.org is not None and applicant.org.id not in rule.orgs:
        return None  # the rule binds other organisation types
    purpose = applicant.purpose
    if purpose is None:
        return Check("condition", f"only for {_names(data.purposes, rule.allow)} work", rule)
    if purpose.id in rule.allow:
        return Check("pass", rule.text, rule)
    return Check("fail", f"Not for {purpose.name} work: {rule.text}", rule)


def _size_check(
    low: int | None, high: int | None, hours: float, text: str, source: Sourced
) -> Check:
    amount = f"{round(hours):,} GPU-hours"
    if low is not None and hours < low:
        return Check("fail", f"{amount} is below its minimum of {low:,}: {text}", source, True)
    if high is not None and hours > high:
        return Check("fail", f"{amount} is above its maximum of {high:,}: {text}", source, True)
    return Check("pass", f"{amount} is within its range: {text}", source, True)


def _schedule(call: Call, now: datetime) -> tuple[Cutoff | None, str]:
    if call.cutoffs.rule == "continuous":
        return None, "continuously open: apply any time"
    every = call_cutoffs(call)
    upcoming = [c for c in every if c.is_upcoming(now)]
    if upcoming:
        return upcoming[0], f"next cut-off {day_text(upcoming[0].day)}"
    if every:
        return None, f"no future cut-off on record (the last was {day_text(every[-1].day)})"
    return None, "no cut-off date on record: watch the call page"


def _start_days(route: Route, call: Call, cutoff: Cutoff | None, now: datetime) -> int | None:
    if route.access is None:
        return None
    if call.cutoffs.rule == "continuous":
        return route.access.days
    if cutoff is None:
        return None
    wait = math.ceil((cutoff.closes - now).total_seconds() / SECONDS_PER_DAY)
    return max(wait, 0) + route.access.days


def judge(
    route: Route,
    data: FitData,
    applicant: Applicant,
    hours: float | None,
    now: datetime,
    start_within_days: int | None = None,
) -> Verdict:
    """One route's verdict for this applicant and size (hours None: size not judged)."""
    call = data.call(route)
    checks: list[Check] = []
    for kind in ("org", "country", "purpose"):
        for rule in (r for r in route.rules if r.kind == kind):
            if kind == "org":
                checks.append(_org_check(rule, data, applicant))
            elif kind == "country":
                checks.append(_country_check(rule, data, applicant))
            else:
                found = _purpose_check(rule, data, applicant)
                if found is not None:
                    checks.append(found)
    sized = False
    if hours is not None:
        offer = call.offer
        if offer is not None and (offer.gpu_hours_min, offer.gpu_hours_max) != (None, None):
            checks.append(
                _size_check(offer.gpu_hours_min, offer.gpu_hours_max, hours, offer.text, offer)
            )
            sized = True
        for rule in (r for r in route.rules if r.kind == "gpu-hours"):
            checks.append(_size_check(rule.min, rule.max, hours, rule.text, rule))
            sized = True
    cutoff, schedule = _schedule(call, now)
    start = _start_days(route, call, cutoff, now)
    if start_within_days is not None:
        checks.append(_urgency_check(route, call, start, start_within_days, schedule))
    failed = next((c for c in checks if c.outcome == "fail"), None)
    conditions = tuple(dict.fromkeys(c.text for c in checks if c.outcome == "condition"))
    # The reason shown: the rule that ruled the route out, else the size range that fits it,
    # else the first rule that let the applicant in.
    passed = [c for c in checks if c.outcome == "pass"]
    decided = failed or next((c for c in passed if c.size), passed[0] if passed else None)
    if decided is None:  # only conditions: the rule behind the first one says who it is for
        first = next(c for c in checks if c.outcome == "condition")
        rule_text = first.source.text if isinstance(first.source, Rule) else call.summary.text
        decided = Check("pass", rule_text, first.source)
    return Verdict(
        call=call,
        route=route,
        fits=failed is None,
        reason=decided.text,
        source=decided.source,
        conditions=conditions if failed is None else (),
        next_cutoff=cutoff,
        schedule=schedule,
        start_days=start,
        size_stated=sized,
    )


def _urgency_check(
    route: Route, call: Call, start: int | None, within: int, schedule: str
) -> Check:
    source: Sourced = route.access if route.access is not None else call.cutoffs
    if start is None:
        return Check(
            "condition",
            f"can't tell whether compute starts within {within} days ({schedule})",
            source,
        )
    if start <= within:
        return Check("pass", f"compute can start in about {start} days", source)
    access = route.access.text if route.access is not None else ""
    return Check(
        "fail",
        f"Compute could start in about {start} days ({schedule}; {access.rstrip('.').lower()}), "
        f"later than the {within} days you have.",
        source,
    )


def rank(verdicts: list[Verdict]) -> list[Verdict]:
    """Fitting routes first: unconditional, size-checked, soonest to start; then the rest."""

    def key(v: Verdict) -> tuple[bool, bool, bool, bool, int, str]:
        return (
            not v.fits,
            bool(v.conditions),
            not v.size_stated,
            v.start_days is None,
            v.start_days or 0,
            v.call.name,
        )

    fitting = sorted((v for v in verdicts if v.fits), key=key)
    return fitting + [v for v in verdicts if not v.fits]


def find_routes(
    data: FitData,
    applicant: Applicant,
    hours: float | None,
    now: datetime,
    start_within_days: int | None = None,
) -> list[Verdict]:
    """Every route of routes.yaml judged and ranked."""
    verdicts = [judge(r, data, applicant, hours, now, start_within_days) for r in data.routes]
    return rank(verdicts)
