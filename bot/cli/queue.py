"""`hpcbot queue` (live queue status) and `hpcbot queue-snapshot` (run on the cluster)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.output import error_detail, with_detail, write_output


def queue(
    machine: Annotated[str, typer.Argument(help="Machine name, e.g. lumi")],
    partition: Annotated[str | None, typer.Argument(help="Only this partition")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text")] = False,
) -> None:
    """Live queue status: nodes, GPUs, jobs and waits per partition, with how fresh it is.

    Example: hpcbot queue lumi small-g
    """
    from bot.config import Settings
    from bot.queues import build_service
    from knowledge import KnowledgeError
    from knowledge.queue import QueueUnavailable, render_text

    settings = Settings.from_env()
    service = build_service(settings)
    try:
        status = service.status(machine, partition)
    except QueueUnavailable as exc:
        # Still useful: the last good status, clearly labelled as old.
        if as_json:
            last = exc.last_known.to_dict() if exc.last_known else None
            report = {"error": str(exc), "detail": error_detail(exc), "last_known": last}
            typer.echo(json.dumps(report, indent=1))
        else:
            typer.echo(with_detail(exc), err=True)
            if exc.last_known is not None:
                typer.echo(render_text(exc.last_known, settings.tz))
        raise typer.Exit(1) from None
    except KnowledgeError as exc:
        if as_json:
            typer.echo(json.dumps({"error": str(exc), "detail": error_detail(exc)}, indent=1))
        else:
            typer.echo(with_detail(exc), err=True)
        raise typer.Exit(1) from None
    finally:
        service.close()
    if as_json:
        typer.echo(json.dumps(status.to_dict(), indent=1))
    else:
        typer.echo(render_text(status, settings.tz))


def queue_snapshot(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout"),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for Slurm")] = 30.0,
) -> None:
    """Run on a cluster login node: bundle sinfo/squeue/scontrol output into one JSON snapshot.

    Example crontab line: */2 * * * * hpcbot queue-snapshot -o /var/www/hpcbot/queue.json
    """
    from knowledge.queue import FetchError, SlurmCliProvider, SlurmCliSource

    provider = SlurmCliProvider(SlurmCliSource(provider="slurm-cli"), environ=os.environ)
    try:
        bundle = provider.fetch(timeout)
    except FetchError as exc:
        typer.echo(f"queue-snapshot failed: {with_detail(exc)}", err=True)
        raise typer.Exit(1) from None
    text = bundle.dumps()
    write_output(text, output)
    if output is not None:
        taken = bundle.taken_at or datetime.now(UTC)
        typer.echo(f"snapshot written to {output} ({len(text)} bytes, taken {taken:%H:%M:%S} UTC)")


def register(app: typer.Typer) -> None:
    app.command("queue")(queue)
    app.command("queue-snapshot")(queue_snapshot)
