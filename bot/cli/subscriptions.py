"""`hpcbot subscriptions ...` (admins manage scheduled posts) and `hpcbot scheduler`."""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from bot.schedule import SubscriptionDesk

group = typer.Typer(
    name="subscriptions",
    help=(
        "Scheduled posts: cut-off reminders and queue digests, per Slack channel.\n\n"
        "Examples:\n\n"
        "  hpcbot subscriptions add-deadlines C0123ABC 'large scale' --days 30,7,1\n\n"
        "  hpcbot subscriptions add-queue C0123ABC lumi weekdays 08:30 Europe/Helsinki\n\n"
        "  hpcbot subscriptions add-usage C0123ABC alpha 09:00"
    ),
    no_args_is_help=True,
)


@contextmanager
def _desk() -> Iterator[SubscriptionDesk]:
    from bot.config import Settings
    from bot.queues import build_service
    from bot.schedule import CatalogKnowledge, subscription_desk
    from bot.state import StateStore
    from bot.usage.wiring import usage_desk
    from knowledge import CatalogSource

    settings = Settings.from_env()
    store = StateStore.open(settings.state_database_url)
    queue = build_service(settings)
    catalog = CatalogSource(settings.knowledge.knowledge_dir)
    knowledge = CatalogKnowledge(catalog, queue.status, queue.machines)
    usage = usage_desk(settings, store, catalog)
    try:
        yield subscription_desk(settings, store, knowledge, usage)
    finally:
        if usage is not None:
            usage.close()
        queue.close()
        store.close()


def _plain(mrkdwn: str) -> str:
    return mrkdwn.replace("`", "").replace("*", "").replace("&amp;", "&")


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"Error: {exc}", err=True)
    return typer.Exit(2)


@group.command("list")
def list_(
    channel: Annotated[
        str | None, typer.Option("--channel", "-c", help="Only this channel")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """List subscriptions (all channels, or one) with their ids."""
    from bot.views.scheduled import describe

    with _desk() as desk:
        subs, names = desk.listed(channel), desk.call_names()
    if as_json:
        rows = [
            {
                "id": s.id,
                "channel": s.channel_id,
                "kind": s.kind,
                "calls": list(s.calls),
                "days": list(s.offsets),
                "machine": s.machine,
                "cadence": s.cadence,
                "project": s.project,
                "at": f"{s.at:%H:%M}",
                "tz": s.tz_name,
                "status": s.status,
                "reason": s.status_reason,
            }
            for s in subs
        ]
        typer.echo(json.dumps(rows, indent=1))
        return
    if not subs:
        typer.echo("No subscriptions.")
    for sub in subs:
        typer.echo(f"{sub.channel_id}\t{_plain(describe(sub, names))}")


@group.command("add-deadlines")
def add_deadlines(
    channel: Annotated[str, typer.Argument(help="Slack channel id, e.g. C0123ABC")],
    calls: Annotated[
        list[str] | None, typer.Argument(help="Calls (default: every dated call)")
    ] = None,
    days: Annotated[str, typer.Option("--days", "-d", help="Days before each cut-off")] = "14,7,1",
    tz: Annotated[
        str | None, typer.Option("--tz", help="Time zone (default HPCBOT_TIMEZONE)")
    ] = None,
) -> None:
    """Remind a channel of call cut-offs at 09:00, DAYS days before each."""
    words = [*(calls or []), "--days", days, *(["--tz", tz] if tz else [])]
    _add(channel, "deadlines", words)


@group.command("add-queue")
def add_queue(
    channel: Annotated[str, typer.Argument(help="Slack channel id, e.g. C0123ABC")],
    words: Annotated[
        list[str], typer.Argument(help="MACHINE [daily|weekdays|weekly] [HH:MM] [ZONE]")
    ],
) -> None:
    """Post a machine's queue status to a channel daily, on weekdays or weekly."""
    _add(channel, "queue", words)


@group.command("add-usage")
def add_usage(
    channel: Annotated[str, typer.Argument(help="Slack channel id, e.g. C0123ABC")],
    words: Annotated[list[str], typer.Argument(help="PROJECT [HH:MM] [ZONE]")],
) -> None:
    """Usage alerts (50/80/90/100 %, run-out and unused forecasts) and a Monday summary of a
    project, in a channel it is linked to (`hpcbot usage-link`)."""
    _add(channel, "usage", words)


def _add(channel: str, kind: str, words: list[str]) -> None:
    from bot.schedule import SubscribeError
    from bot.schedule.parse import parse_deadlines, parse_queue, parse_usage
    from bot.schedule.subscriptions import Spec
    from bot.views.scheduled import describe

    with _desk() as desk:
        try:
            spec: Spec
            if kind == "usage":
                spec = parse_usage(words, desk.usage, desk.default_tz)
            else:
                parse = parse_deadlines if kind == "deadlines" else parse_queue
                spec = parse(words, desk.knowledge, desk.default_tz)
            sub, created = desk.add(channel, spec, "cli")
        except SubscribeError as exc:
            raise _fail(exc) from None
        line = _plain(describe(sub, desk.call_names()))
    typer.echo(f"{'Added' if created else 'Already there'}: {line}")


@group.command("remove")
def remove(id_: Annotated[str, typer.Argument(metavar="ID", help="Subscription id")]) -> None:
    """Stop a subscription."""
    from bot.schedule import SubscribeError
    from bot.views.scheduled import describe

    with _desk() as desk:
        try:
            removed = desk.unsubscribe(id_)
        except SubscribeError as exc:
            raise _fail(exc) from None
        typer.echo(f"Removed: {_plain(describe(removed, desk.call_names()))}")


def scheduler() -> None:
    """Run scheduled posts (cut-off reminders, queue digests) until interrupted.

    Needs SLACK_BOT_TOKEN (and SLACK_API_URL for a non-default Slack). Any number of these
    may run against one state database (HPCBOT_STATE_URL): each post still goes out once.
    Run `hpcbot serve` with HPCBOT_SCHEDULER=0 when this runs as its own process.
    """
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    from bot.app import WHERE
    from bot.config import ConfigError, Settings
    from bot.logs import install as install_logging
    from bot.schedule import scheduled_posts

    try:
        settings = Settings.from_env()
        if not (settings.slack.bot_token or "").startswith("xoxb-"):
            raise ConfigError(f"Set SLACK_BOT_TOKEN: {WHERE['SLACK_BOT_TOKEN']}.")
        install_logging(settings.logs.level, settings.logs.format)
        try:
            WebClient(settings.slack.bot_token, base_url=settings.slack.api_url).auth_test()
        except (SlackApiError, OSError) as exc:
            raise ConfigError(f"Slack did not accept SLACK_BOT_TOKEN: {exc}") from None
        posts = scheduled_posts(settings).start()
    except ConfigError as exc:
        typer.echo(f"hpcbot: {exc}", err=True)
        raise typer.Exit(2) from None
    stopped = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopped.set())
    stopped.wait()
    posts.stop()


def register(app: typer.Typer) -> None:
    app.add_typer(group)
    app.command("scheduler")(scheduler)
