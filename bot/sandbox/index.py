"""Building the index on the sandbox's first start, in the background, with progress.

The page is served at once; `IndexBuild.ask` answers questions the curated catalogue answers
exactly (dates, specs, calls) while the index is still being built, and waits for the index for
everything else.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from knowledge import Answer

if TYPE_CHECKING:
    from bot.config import Settings
    from knowledge import Assistant

Phase = Literal["starting", "loading", "indexing", "ready", "failed"]
log = logging.getLogger(__name__)
WAIT_FOR_INDEX = 600.0


@dataclass(frozen=True)
class BuildStatus:
    """What the page's banner and the console show."""

    phase: Phase
    done: int = 0
    total: int = 0
    current: str = ""
    chunks: int = 0
    seconds: float = 0.0
    error: str = ""

    @property
    def ready(self) -> bool:
        return self.phase == "ready"

    def describe(self) -> str:
        if self.phase == "ready":
            return f"index ready: {self.chunks} chunks in {self.seconds:.0f} s"
        if self.phase == "failed":
            return f"the index could not be built: {self.error}"
        if self.phase == "indexing" and self.total:
            return (
                f"building the index from the bundled knowledge: {self.done}/{self.total} "
                f"documents ({self.seconds:.0f} s)"
            )
        return f"loading the embedding model ({self.seconds:.0f} s)"

    def to_dict(self) -> dict[str, object]:
        return {
            "phase": self.phase,
            "done": self.done,
            "total": self.total,
            "current": self.current,
            "chunks": self.chunks,
            "seconds": round(self.seconds, 1),
            "error": self.error,
            "text": self.describe(),
        }


class IndexBuild:
    """Bring the index up to date with the bundled knowledge, then open the assistant.

    Incremental: on later starts nothing changed, and this takes as long as loading the model.
    `on_change` is called (from the build thread) whenever the status moves.
    """

    def __init__(self, settings: Settings, on_change: Callable[[BuildStatus], None]) -> None:
        self._settings = settings
        self._on_change = on_change
        self._status = BuildStatus("starting")
        self._started = time.monotonic()
        self._ready = threading.Event()
        self._assistant: Assistant | None = None
        self._early: Assistant | None = None
        self._thread = threading.Thread(target=self._run, name="hpcbot-index", daemon=True)

    @property
    def status(self) -> BuildStatus:
        return self._status

    def start(self) -> None:
        self._thread.start()

    def wait(self, timeout: float) -> bool:
        return self._ready.wait(timeout)

    def _set(self, phase: Phase, **changes: object) -> None:
        fields = {**self._status.__dict__, **changes, "phase": phase}
        fields["seconds"] = time.monotonic() - self._started
        self._status = BuildStatus(**fields)
        self._on_change(self._status)

    def _run(self) -> None:
        try:
            self._build()
        except Exception as exc:  # shown on the page and to whoever asks
            log.exception("building the index failed")
            self._set("failed", error=str(exc) or type(exc).__name__)
        finally:
            self._ready.set()

    def _build(self) -> None:
        from ingest.bundled import bundled_roots
        from ingest.pipeline import ingest
        from knowledge import open_assistant, open_index

        settings = self._settings
        self._set("loading")
        index = open_index(settings.index_location, settings.index.embedding_model)
        index.check_model()
        # Curated facts need only the model: they answer while the documents are indexed.
        early = open_assistant(
            index,
            settings.knowledge.knowledge_dir,
            stale_after_days=settings.knowledge.stale_after_days,
            languages=settings.knowledge.languages,
        )
        if early.curated is not None:
            early.curated.warm_up()
        self._early = early
        self._set("indexing")
        report = ingest(
            index,
            bundled_roots(settings.knowledge.knowledge_dir),
            on_start=lambda total: self._set("indexing", total=total),
            on_document=lambda url: self._set(
                "indexing", done=self._status.done + 1, current=url.rsplit("/", 1)[-1]
            ),
        )
        for url, reason in report.skipped:
            log.warning("skipped %s: %s", url, reason)
        assistant = open_assistant(
            index,
            settings.knowledge.knowledge_dir,
            stale_after_days=settings.knowledge.stale_after_days,
            languages=settings.knowledge.languages,
        )
        assistant.warm_up()
        self._assistant = assistant
        self._set("ready", chunks=index.count(), current="")

    def ask(self, question: str, context: str | None = None, /) -> Answer:
        """Answer now if the index is ready or the catalogue knows; else wait for the index."""
        if not self._ready.is_set():
            early = self._catalog_answer(question)
            if early is not None:
                return early
            self._ready.wait(WAIT_FOR_INDEX)
        if self._assistant is None:
            from knowledge import KnowledgeError

            raise KnowledgeError(f"The search index is not available: {self._status.describe()}")
        return self._assistant.ask(question, context=context)

    def _catalog_answer(self, question: str) -> Answer | None:
        early = self._early
        return early.curated_only(question) if early is not None else None
