"""`hpcbot doctor`: check a deployment's settings and servers, and say what to fix.

Checks, in order: configuration, Slack tokens (`auth.test` against SLACK_API_URL), the index
(reachable, chunk count, model, layout), the state database (connect, migrations, last
ingest), queue providers (config loads; `--live` asks each machine). Exit code 1 on any problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from bot.config import Settings

Status = Literal["ok", "warn", "fail"]
MARK = {"ok": "✓", "warn": "!", "fail": "✗"}


@dataclass(frozen=True)
class Finding:
    check: str
    status: Status
    detail: str
    fix: str = ""


class _ModelName:
    """Stands in for the embedder: reading index metadata needs the model's name, not weights."""

    def __init__(self, name: str) -> None:
        self.name = name

    def embed_documents(self, texts: object) -> npt.NDArray[np.float32]:
        raise RuntimeError("doctor never embeds")

    def embed_query(self, text: str) -> npt.NDArray[np.float32]:
        raise RuntimeError("doctor never embeds")


def check_slack(settings: Settings) -> Iterator[Finding]:
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    from bot.app import WHERE, check_settings
    from bot.config import ConfigError

    try:
        mode = check_settings(settings)
    except ConfigError as exc:
        yield Finding("slack settings", "fail", "Slack settings are incomplete", str(exc))
        return
    yield Finding("slack settings", "ok", f"{mode} mode, Web API at {settings.slack.api_url}")
    tokens = [("SLACK_BOT_TOKEN", settings.slack.bot_token, "auth.test")]
    if mode == "socket":
        tokens.append(("SLACK_APP_TOKEN", settings.slack.app_token, "apps.connections.open"))
    for name, token, method in tokens:
        client = WebClient(token=token, base_url=settings.slack.api_url, timeout=10)
        try:
            response = client.api_call(method)
            who = response.get("user") or response.get("team") or "accepted"
            yield Finding(name, "ok", f"{method}: {who}")
        except SlackApiError as exc:
            error = exc.response.get("error", "error")
            yield Finding(name, "fail", f"{method} failed: {error}", f"Use {WHERE[name]}.")
        except OSError as exc:
            yield Finding(
                name,
                "fail",
                f"{method}: Slack unreachable at {settings.slack.api_url} ({exc})",
                "Check network access to Slack, or SLACK_API_URL.",
            )


def check_index(settings: Settings) -> Iterator[Finding]:
    from knowledge import SCHEMA_VERSION, Index, KnowledgeError, resolve_model_path

    try:
        path = resolve_model_path(settings.index.embedding_model)
        yield Finding("embedding model", "ok", f"{settings.index.embedding_model} at {path}")
    except KnowledgeError as exc:
        yield Finding("embedding model", "fail", str(exc), "Set HPCBOT_EMBEDDING_MODEL.")
    location = settings.index_location
    try:
        index = Index(location, _ModelName(settings.index.embedding_model))
        count = index.count()
    except Exception as exc:
        yield Finding(
            "index",
            "fail",
            f"cannot open the index at {location}: {exc}",
            "Start the Chroma server / fix HPCBOT_CHROMA_URL, or check HPCBOT_DATA_DIR.",
        )
        return
    where = f"{count} chunks at {location}"
    if not count:
        yield Finding("index", "fail", f"the index is empty ({location})", "Run `hpcbot ingest`.")
    elif index.needs_rebuild:
        yield Finding(
            "index",
            "fail",
            f"{where}, built with {index.recorded_model!r} or an older layout "
            f"(want {settings.index.embedding_model!r}, layout {SCHEMA_VERSION})",
            "Run `hpcbot ingest --rebuild`.",
        )
    else:
        yield Finding("index", "ok", f"{where}, model {index.recorded_model}")


def check_state(settings: Settings) -> Iterator[Finding]:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from bot.ingest_runs import ingest_summary
    from bot.migrations import applied_versions, latest_version
    from bot.state import StateStore

    url = make_url(settings.state_database_url).render_as_string(hide_password=True)
    store = StateStore(settings.state_database_url)  # no create_tables: doctor only looks
    try:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        yield Finding(
            "state database",
            "fail",
            f"cannot connect to {url}: {str(exc).splitlines()[0]}",
            "Check HPCBOT_STATE_URL and that the database server is up.",
        )
        store.close()
        return
    try:
        applied, latest = applied_versions(store.engine), latest_version()
        if not applied or max(applied) < latest:
            yield Finding(
                "state database",
                "warn",
                f"{url}: schema at version {max(applied, default=0)} of {latest}",
                "Nothing to do: `hpcbot serve` applies migrations at start.",
            )
        else:
            yield Finding("state database", "ok", f"{url}: schema version {max(applied)}")
            summary = ingest_summary(store)
            if summary.last_ok is None:
                yield Finding("last ingest", "warn", "no ingest run recorded", "hpcbot ingest")
            else:
                days = (datetime.now(UTC) - summary.last_ok).total_seconds() / 86400
                status: Status = "ok" if days <= settings.knowledge.stale_after_days else "warn"
                fix = "" if status == "ok" else "Run `hpcbot ingest` to refresh the index."
                yield Finding("last ingest", status, f"{days:.1f} days ago", fix)
    finally:
        store.close()


def check_queues(settings: Settings, live: bool) -> Iterator[Finding]:
    from bot.queues import build_service
    from knowledge import KnowledgeError

    path = settings.queue_config_path
    try:
        service = build_service(settings)
    except KnowledgeError as exc:
        yield Finding("queue config", "fail", str(exc), f"Fix {path} (or HPCBOT_QUEUE_CONFIG).")
        return
    machines = service.machines()
    if not machines:
        yield Finding("queue config", "warn", f"no machines in {path}", "/queue will say so.")
        return
    yield Finding("queue config", "ok", f"{', '.join(machines)} from {path}")
    try:
        for machine in machines if live else []:
            try:
                status = service.status(machine)
                yield Finding(f"queue {machine}", "ok", f"{len(status.partitions)} partitions")
            except Exception as exc:
                detail = getattr(exc, "detail", None)
                problem = f"{exc} ({detail})" if detail else str(exc)
                yield Finding(
                    f"queue {machine}", "fail", problem, f"Check {machine}'s entry in {path}."
                )
    finally:
        service.close()


def diagnose(settings: Settings, *, live: bool = False) -> list[Finding]:
    checks: list[Callable[[], Iterator[Finding]]] = [
        lambda: check_slack(settings),
        lambda: check_index(settings),
        lambda: check_state(settings),
        lambda: check_queues(settings, live),
    ]
    findings: list[Finding] = []
    for check in checks:
        try:
            findings.extend(check())
        except Exception as exc:  # a broken check is a finding, not a crash
            findings.append(Finding("doctor", "fail", f"{type(exc).__name__}: {exc}"))
    return findings


def doctor(
    live: Annotated[
        bool, typer.Option("--live", help="Also ask every configured queue provider.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
) -> None:
    """Check the configuration, Slack tokens, index, state database and queue providers.

    Prints what to fix; exits 1 if anything is broken. hpcbot doctor · hpcbot doctor --live
    """
    from bot.config import ConfigError, Settings

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        findings = [Finding("configuration", "fail", str(exc))]
    else:
        findings = [Finding("configuration", "ok", f"data dir {Path(settings.storage.data_dir)}")]
        findings += diagnose(settings, live=live)
    if as_json:
        typer.echo(json.dumps([asdict(f) for f in findings], indent=2))
    else:
        for f in findings:
            typer.echo(f"{MARK[f.status]} {f.check}: {f.detail}")
            if f.fix and f.status != "ok":
                typer.echo("    fix: " + f.fix.replace("\n", "\n         "))
    if any(f.status == "fail" for f in findings):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
