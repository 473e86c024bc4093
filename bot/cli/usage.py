"""`hpcbot usage PROJECT` (a project's GPU-hours), `hpcbot usage-link` (which channel sees it)
and `hpcbot usage-snapshot` (run on the cluster by cron, for sites without REST or ssh)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.output import with_detail, write_output


def usage(
    project: Annotated[str, typer.Argument(help="Project name from HPCBOT_USAGE_CONFIG")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text")] = False,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also write the burn-down chart (PNG) here")
    ] = None,
) -> None:
    """A project's GPU-hours: granted, used, left, burn over 7 and 30 days, forecast, top users.

    Example: hpcbot usage alpha --chart alpha.png
    """
    from bot.config import Settings
    from bot.usage.wiring import usage_service
    from knowledge import KnowledgeError
    from knowledge.usage import render_text, to_dict

    settings = Settings.from_env()
    service = usage_service(settings)
    if service is None:
        typer.echo(f"No projects are configured ({settings.usage_config_path}).", err=True)
        raise typer.Exit(1)
    try:
        report = service.report(project)
    except KnowledgeError as exc:
        if as_json:
            typer.echo(json.dumps({"error": str(exc)}, indent=1))
        else:
            typer.echo(with_detail(exc), err=True)
        raise typer.Exit(1) from None
    finally:
        service.close()
    if chart is not None:
        from knowledge.usage import burn_down_png

        chart.write_bytes(burn_down_png(report))
    if as_json:
        typer.echo(json.dumps(to_dict(report), indent=1))
    else:
        typer.echo(render_text(report, settings.tz))


def usage_link(
    project: Annotated[str, typer.Argument(help="Project name from HPCBOT_USAGE_CONFIG")],
    channel: Annotated[str, typer.Argument(help="Slack channel id, e.g. C0123ABCD")],
    unlink: Annotated[bool, typer.Option("--unlink", help="Remove the link instead")] = False,
) -> None:
    """Let a channel see a project's usage (as `/hpc link` does for workspace admins)."""
    from bot.config import Settings
    from bot.state import StateStore
    from bot.usage.links import ProjectLinks
    from bot.usage.wiring import usage_service

    settings = Settings.from_env()
    service = usage_service(settings)
    found = service.config.project(project) if service else None
    if found is None:
        typer.echo(f"No project {project} in {settings.usage_config_path}.", err=True)
        raise typer.Exit(1)
    store = StateStore.open(settings.state_database_url)
    try:
        links = ProjectLinks(store.engine)
        if unlink:
            changed = links.unlink(channel, found.name)
            typer.echo(
                f"{found.name} {'unlinked from' if changed else 'was not linked to'} {channel}"
            )
        else:
            changed = links.link(channel, found.name, "cli")
            typer.echo(f"{found.name} {'linked to' if changed else 'already linked to'} {channel}")
    finally:
        store.close()


def usage_snapshot(
    accounts: Annotated[list[str], typer.Argument(help="Slurm accounts to include")],
    since: Annotated[
        str, typer.Option("--since", help="First day of the allocation period, YYYY-MM-DD")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout"),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for Slurm")] = 60.0,
) -> None:
    """Run on a cluster login node: each account's limit (sshare) and jobs (sacct) as JSON.

    Example crontab line:
    */15 * * * * hpcbot usage-snapshot project_465000001 --since 2026-11-01 -o /srv/usage.json
    """
    from knowledge.queue import FetchError, SlurmCliSource
    from knowledge.usage import CliUsageProvider, write_snapshot

    try:
        start = datetime.fromisoformat(since).replace(tzinfo=UTC)
    except ValueError:
        typer.echo(f"--since {since!r} is not a date (YYYY-MM-DD)", err=True)
        raise typer.Exit(2) from None
    provider = CliUsageProvider(SlurmCliSource(provider="slurm-cli"), environ=os.environ)
    try:
        document = provider.snapshot(accounts, start, timeout)
    except FetchError as exc:
        typer.echo(f"usage-snapshot failed: {with_detail(exc)}", err=True)
        raise typer.Exit(1) from None
    write_output(write_snapshot(document), output)
    if output is not None:
        typer.echo(f"usage snapshot of {len(accounts)} account(s) written to {output}")


def register(app: typer.Typer) -> None:
    app.command("usage")(usage)
    app.command("usage-link")(usage_link)
    app.command("usage-snapshot")(usage_snapshot)
