"""`hpcbot specs` and `hpcbot deadlines`: the curated catalog on the command line."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from bot.config import Settings
    from knowledge import Catalog, Cutoff, UnknownName


# Hidden: tests and rehearsals ask as if it were another time.
NowOption = Annotated[
    str | None, typer.Option("--now", hidden=True, help="Pretend it is this ISO 8601 time.")
]


def _catalog(settings: Settings) -> Catalog:
    from knowledge import CatalogError, load_catalog

    try:
        return load_catalog(settings.knowledge.knowledge_dir)
    except CatalogError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None


def _now(settings: Settings, at: str | None) -> datetime:
    if at is None:
        return datetime.now(settings.tz)
    try:
        parsed = datetime.fromisoformat(at)
    except ValueError:
        typer.echo(f"Error: --now {at!r} is not an ISO 8601 date-time.", err=True)
        raise typer.Exit(2) from None
    # A bare local time is read in the configured zone, as a person typing it would mean it.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=settings.tz)


def _settings_catalog_now(at: str | None) -> tuple[Settings, Catalog, datetime]:
    from bot.config import Settings

    settings = Settings.from_env()
    return settings, _catalog(settings), _now(settings, at)


def _unknown(exc: UnknownName) -> typer.Exit:
    typer.echo(f"Error: {exc}", err=True)
    return typer.Exit(2)


def specs(
    machine: Annotated[
        str, typer.Argument(help="Machine name or alias, e.g. lumi-g, leonardo, mn5.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the machine record as JSON.")
    ] = False,
) -> None:
    """Show a machine's hardware, partitions, scheduler and access details."""
    from bot.config import Settings
    from knowledge import UnknownName, format_machine_card

    settings = Settings.from_env()
    catalog = _catalog(settings)
    try:
        found = catalog.machine(machine)
    except UnknownName as exc:
        raise _unknown(exc) from None
    if as_json:
        typer.echo(json.dumps(found.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    now = datetime.now(settings.tz)
    typer.echo(
        format_machine_card(found, now=now, stale_after_days=settings.knowledge.stale_after_days)
    )


def _cutoff_json(cutoff: Cutoff) -> dict[str, Any]:
    return {
        "call": cutoff.call_id,
        "name": cutoff.call_name,
        "cutoff": cutoff.at.isoformat(),
        "all_day": cutoff.all_day,
        "note": cutoff.note,
        "source": cutoff.source,
        "as_of": cutoff.as_of.isoformat(),
        "confirmed": cutoff.confirmed,
    }


def deadlines(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the cut-offs as a JSON list.")
    ] = False,
    within: Annotated[
        int | None,
        typer.Option(
            "--within", min=0, help="Only cut-offs in the next DAYS days.", metavar="DAYS"
        ),
    ] = None,
    call: Annotated[
        str | None, typer.Option("--call", help="Only this call (id or name).", metavar="ID")
    ] = None,
    ics: Annotated[bool, typer.Option("--ics", help="Print an iCalendar feed instead.")] = False,
    at: NowOption = None,
) -> None:
    """List upcoming call cut-offs, soonest first (continuous calls have none)."""
    from knowledge import UnknownName, catalog_to_ics, format_cutoffs

    settings, catalog, now = _settings_catalog_now(at)
    try:
        call_id = catalog.call(call).id if call is not None else None
    except UnknownName as exc:
        raise _unknown(exc) from None
    upcoming = catalog.upcoming_cutoffs(now, within_days=within, call=call_id)
    if ics:
        typer.echo(catalog_to_ics(upcoming), nl=False)
    elif as_json:
        typer.echo(json.dumps([_cutoff_json(c) for c in upcoming], indent=2, ensure_ascii=False))
    else:
        missing = [c for c in catalog.calls_without_future_cutoff(now) if call_id in (None, c.id)]
        typer.echo(format_cutoffs(upcoming, settings.tz, missing))


def facts(
    stale: Annotated[
        bool,
        typer.Option(
            "--stale", help="Only facts last checked more than HPCBOT_STALE_AFTER_DAYS days ago."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the facts as JSON.")] = False,
    at: NowOption = None,
) -> None:
    """List the curated facts with their source, check date and trust (for whoever keeps them)."""
    settings, catalog, now = _settings_catalog_now(at)
    if stale:
        rows = catalog.stale_facts(now, settings.knowledge.stale_after_days)
    else:
        rows = catalog.all_facts()
    records = [
        {
            "entity": name,
            "fact": type(fact).__name__.lower(),
            "as_of": fact.as_of.isoformat(),
            "age_days": (now.date() - fact.as_of).days,
            "confirmed": fact.confirmed,
            "source": fact.source,
        }
        for name, fact in sorted(rows, key=lambda row: (row[1].as_of, row[0]))
    ]
    if as_json:
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    if not records:
        typer.echo(f"No fact is older than {settings.knowledge.stale_after_days} days.")
        return
    for r in records:
        trust = "" if r["confirmed"] else " [unconfirmed]"
        typer.echo(
            f"{r['as_of']} ({r['age_days']} days) {r['entity']}: {r['fact']}{trust}\n    {r['source']}"
        )
    if stale:
        typer.echo(
            f"{len(records)} facts last checked more than {settings.knowledge.stale_after_days} days ago: "
            "check each source and update `as_of` (and the fact) in knowledge/data."
        )


def register(app: typer.Typer) -> None:
    app.command("specs")(specs)
    app.command("deadlines")(deadlines)
    app.command("facts")(facts)
