"""`hpcbot ingest`, `ask`, `chat` and `eval`: the knowledge side of the command line."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from bot.config import Settings
    from ingest.pipeline import IngestReport
    from ingest.web import CrawlProgress, CrawlReport, SiteSource, SourceReport
    from knowledge import Answer, Assistant, Index

console = Console(stderr=True)
out = Console()


def _settings() -> Settings:
    from bot.config import Settings

    return Settings.from_env()


def _open(settings: Settings) -> Index:
    from knowledge import open_index

    location: Path | str = settings.index_location
    return open_index(location, settings.index.embedding_model)


def _run_ingest(
    settings: Settings,
    index: Index,
    paths: list[Path],
    *,
    rebuild: bool = False,
    quiet: bool = False,
    max_file_size: int | None = None,
) -> IngestReport:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from ingest.bundled import bundled_roots
    from ingest.pipeline import ingest
    from ingest.sources import FileLimits, SourceNotFound, local_documents

    limits = FileLimits.of(max_file_size)
    try:
        roots = (
            [local_documents(p, limits=limits) for p in paths]
            if paths
            else bundled_roots(settings.knowledge.knowledge_dir)
        )
    except SourceNotFound as exc:
        raise typer.BadParameter(str(exc)) from None
    if quiet or not console.is_terminal:
        return ingest(index, roots, rebuild=rebuild)
    with Progress(
        TextColumn("[bold]Ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)
        return ingest(
            index,
            roots,
            rebuild=rebuild,
            on_start=lambda total: progress.update(task, total=total),
            on_document=lambda url: progress.update(
                task, advance=1, description=url.rsplit("/", 1)[-1][:40]
            ),
        )


class _CrawlBars:
    """Crawl progress as one rich bar per source (called from crawl threads)."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._tasks: dict[str, TaskID] = {}

    def source_started(self, source: str, planned: int) -> None:
        self._tasks[source] = self._progress.add_task(source, total=None, url="")

    def page_done(self, source: str, url: str, outcome: str) -> None:
        short = url.rstrip("/").rsplit("/", 1)[-1][:40]
        self._progress.update(self._tasks[source], advance=1, url=f"{short}: {outcome[:40]}")

    def source_finished(self, report: SourceReport) -> None:
        task = self._tasks[report.name]
        done = self._progress.tasks[task].completed
        self._progress.update(task, total=done, url=report.summary().split(": ", 1)[-1])


def _run_crawl(
    settings: Settings,
    index: Index,
    sources: list[SiteSource],
    *,
    rebuild: bool = False,
    quiet: bool = False,
) -> CrawlReport:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ingest.web import crawl_sources

    def crawl(progress: CrawlProgress | None) -> CrawlReport:
        return crawl_sources(
            index,
            sources,
            data_dir=settings.storage.data_dir,
            allow_private=settings.crawl.allow_private_urls,
            rebuild=rebuild,
            progress=progress,
        )

    if quiet or not console.is_terminal:
        return crawl(None)
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:>4.0f} pages"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[url]}"),
        console=console,
    ) as progress:
        return crawl(_CrawlBars(progress))


def _crawl_targets(
    targets: list[str], use_sources: bool, rate: float | None = None
) -> tuple[list[SiteSource], list[Path]]:
    """Split arguments into sites to crawl and local paths.

    An argument starting with http:// or https:// is a URL; with --sources, a .yaml/.yml
    argument is the sources file; anything else is a local path, as before.
    """
    from ingest.web import adhoc_source, load_sources

    urls = [t for t in targets if t.startswith(("http://", "https://"))]
    files = [t for t in targets if use_sources and t.endswith((".yaml", ".yml"))]
    paths = [Path(t) for t in targets if t not in urls and t not in files]
    if len(files) > 1:
        raise typer.BadParameter("give at most one sources file")
    sources = load_sources(Path(files[0]) if files else None) if use_sources else []
    for url in urls:
        try:
            sources.append(adhoc_source(url, **({"rate": rate} if rate else {})))
        except ValueError as exc:
            raise typer.BadParameter(f"{url}: {exc}") from None
    return sources, paths


def _print_crawl(report: CrawlReport) -> None:
    for source in report.sources:
        console.print(source.summary(), markup=False, highlight=False)
        for url, reason in source.failed:
            console.print(f"  [red]failed[/] {url}: {reason}", highlight=False)
        for url, reason in source.skipped:
            console.print(f"  [yellow]skipped[/] {url}: {reason}", highlight=False)
        for url in source.changed:
            console.print(f"  [cyan]changed[/] {url}", highlight=False)
    for notice in report.notices:
        calls = ", ".join(notice.calls)
        console.print(f"[bold]{notice.message}[/] ({calls}): {notice.what} {notice.url}")
    console.print(report.summary())


def ingest_command(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or folders (Markdown, text, HTML, PDF), or http(s) URLs to crawl "
            "(staying under each URL's folder); default: the bundled knowledge base.",
            show_default=False,
        ),
    ] = None,
    sources: Annotated[
        bool,
        typer.Option(
            "--sources",
            help="Crawl the sites in the sources file (knowledge/sources.yaml, or a .yaml "
            "file given as an argument).",
        ),
    ] = False,
    rate: Annotated[
        float | None,
        typer.Option(
            "--rate",
            min=0.01,
            help="Requests per second per host for URL arguments (default 1; raise it only "
            "for your own mirrors).",
        ),
    ] = None,
    max_file_size: Annotated[
        str | None,
        typer.Option(
            "--max-file-size",
            metavar="SIZE",
            help="Skip local files larger than this, e.g. 100MB (default 20MB, PDFs 50MB).",
            show_default=False,
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Drop the index and re-embed everything.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Build or update the search index, incrementally, from files or live web pages.

    hpcbot ingest docs/ · hpcbot ingest https://docs.lxp.lu/ · hpcbot ingest --sources
    """
    from ingest.sizes import parse_size
    from ingest.web import SourcesError
    from knowledge import KnowledgeError

    try:
        file_limit = parse_size(max_file_size) if max_file_size is not None else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-file-size") from None
    settings = _settings()
    started = time.monotonic()
    try:
        site_sources, paths = _crawl_targets(list(targets or []), sources, rate)
        index = _open(settings)
        crawl = None
        if site_sources:
            crawl = _run_crawl(settings, index, site_sources, rebuild=rebuild, quiet=as_json)
        local = None
        if paths or not site_sources:
            local = _run_ingest(
                settings,
                index,
                paths,
                rebuild=rebuild and crawl is None,
                max_file_size=file_limit,
            )
    except (KnowledgeError, SourcesError) as exc:
        _record_run(settings, ok=False, detail=str(exc))
        raise typer.BadParameter(str(exc)) from None
    _record_run(settings, ok=True, chunks=index.count(), seconds=time.monotonic() - started)
    if as_json:
        if crawl is not None and local is not None:
            payload: dict[str, object] = {"local": local.to_dict(), "web": crawl.to_dict()}
        else:
            payload = crawl.to_dict() if crawl is not None else local.to_dict() if local else {}
        out.print_json(json.dumps(payload))
        return
    if local is not None:
        for url, reason in local.skipped:
            console.print(f"[yellow]skipped[/] {url}: {reason}")
        console.print(local.summary())
        if not paths and not index.count():
            # An empty index after a run without arguments reads like a failure; it is not.
            console.print(
                "The bundled knowledge base (calls, machines, AI Factories, FAQ) is answered "
                "from curated facts and needs no index. To index documentation: "
                "hpcbot ingest PATH (files or folders), hpcbot ingest URL, or hpcbot ingest "
                "--sources."
            )
    if crawl is not None:
        _print_crawl(crawl)


def _record_run(settings: Settings, **run: Any) -> None:
    """Note the run in the state database (for /metrics and doctor); never fails the ingest."""
    from bot.ingest_runs import record_ingest_run
    from bot.state import StateStore

    try:
        store = StateStore.open(settings.state_database_url)
        try:
            record_ingest_run(store, **run)
        finally:
            store.close()
    except Exception as exc:
        console.print(f"[yellow]could not record the run in the state database:[/] {exc}")


def _assistant(settings: Settings) -> Assistant:
    from knowledge import open_assistant

    index = _open(settings)
    index.check_model()
    if not index.count():
        console.print("The index is empty: building it from the bundled knowledge base first.")
        _run_ingest(settings, index, [], quiet=not console.is_terminal)
    assistant = open_assistant(
        index,
        settings.knowledge.knowledge_dir,
        stale_after_days=settings.knowledge.stale_after_days,
        languages=settings.knowledge.languages,
    )
    assistant.warm_up()
    return assistant


def render_answer(answer: Answer) -> str:
    lines = [answer.text]
    if answer.citations:
        lines.append("")
        lines.append("Sources:")
        for number, citation in enumerate(answer.citations, start=1):
            where = f" — {citation.section}" if citation.section else ""
            as_of = f" (as of {citation.as_of.isoformat()})" if citation.as_of else ""
            flag = " [unconfirmed]" if not citation.confirmed else ""
            lines.append(f"  [{number}] {citation.title}{where}{as_of}{flag}\n      {citation.url}")
    if not answer.abstained and answer.confidence < 0.6:
        lines.append(f"\n(low confidence: {answer.confidence:.2f})")
    return "\n".join(lines)


def ask_command(
    question: Annotated[
        str, typer.Argument(help="The question, or '-' to read one per line from stdin.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON output (JSON Lines with '-').")
    ] = False,
) -> None:
    """Answer a question from the knowledge base, with sources."""
    from knowledge import KnowledgeError

    settings = _settings()
    try:
        assistant = _assistant(settings)
        questions = (line.strip() for line in sys.stdin) if question == "-" else iter([question])
        for text in questions:
            if not text:
                continue
            answer = assistant.ask(text)
            if as_json:
                sys.stdout.write(json.dumps(answer.to_dict(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                out.print(render_answer(answer), markup=False, highlight=False)
    except KnowledgeError as exc:
        raise typer.BadParameter(str(exc)) from None


def chat_command() -> None:
    """Interactive questions and answers in the terminal (empty line or Ctrl-D quits)."""
    from knowledge import KnowledgeError, open_assistant

    settings = _settings()
    try:
        index = _open(settings)
        index.check_model()
        _run_ingest(settings, index, [])  # incremental: seconds when nothing changed

        assistant = open_assistant(
            index,
            settings.knowledge.knowledge_dir,
            stale_after_days=settings.knowledge.stale_after_days,
            languages=settings.knowledge.languages,
        )
        assistant.warm_up()
    except KnowledgeError as exc:
        raise typer.BadParameter(str(exc)) from None
    out.print(
        "[bold]hpcbot[/] — ask about EuroHPC access, machines and how to use them. "
        "Empty line to quit."
    )
    while True:
        try:
            text = out.input("[bold cyan]you>[/] ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not text:
            break
        answer = assistant.ask(text)
        out.print(render_answer(answer), markup=False, highlight=False)
        out.print()


def eval_command(
    questions: Annotated[
        Path, typer.Argument(help="A question set (YAML).", exists=True, dir_okay=False)
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print metrics and per-question results as JSON.")
    ] = False,
) -> None:
    """Score the assistant on a question set: hit@1, hit@5, correctness, abstention, latency."""
    from knowledge import KnowledgeError, evaluate, load_questions

    settings = _settings()
    try:
        assistant = _assistant(settings)
    except KnowledgeError as exc:
        raise typer.BadParameter(str(exc)) from None
    knowledge_prefix = settings.knowledge.knowledge_dir.resolve().as_uri()

    def is_knowledge(url: str) -> bool:
        return url.startswith(knowledge_prefix)

    report = evaluate(assistant.ask, load_questions(questions), is_knowledge)
    metrics = report.metrics()
    if as_json:
        details = [
            {
                "id": r.item.id,
                "hit_at_1": r.hit_at_1,
                "hit_at_5": r.hit_at_5,
                "correct": r.correct,
                "abstained": r.answer.abstained,
                "route": r.answer.route,
                "confidence": round(r.answer.confidence, 3),
            }
            for r in report.results
        ]
        out.print_json(json.dumps({"metrics": metrics, "results": details}))
        return
    for r in report.results:
        mark = "ok " if r.correct else "BAD"
        hit = {True: "hit", False: "miss", None: "-"}[r.hit_at_1]
        out.print(
            f"{mark} {r.item.id:>5} {hit:>4} {r.answer.route:9} {r.item.question[:70]}",
            markup=False,
        )
    out.print_json(json.dumps(metrics))


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("ask")(ask_command)
    app.command("chat")(chat_command)
    app.command("eval")(eval_command)
