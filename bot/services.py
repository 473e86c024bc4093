"""The narrow interfaces the Slack listeners use, and their wiring to the knowledge layer.

Listeners only see `Services`: plain callables, so tests pass fakes with the same shape (fixed
`Answer` objects, canned text) and never load a model. `Services.from_settings` builds the real
ones lazily: nothing heavy is imported until `hpcbot serve` starts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from knowledge import Answer, Clock

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from bot.config import Settings
    from knowledge import Assistant, Catalog
    from knowledge.queue import QueueStatus


class Ask(Protocol):
    def __call__(self, question: str, context: str | None = None, /) -> Answer: ...


class Specs(Protocol):
    """Markdown-ish text describing a machine; raises UnknownName with suggestions."""

    def __call__(self, machine: str, /) -> str: ...


class Deadlines(Protocol):
    """Markdown-ish text listing upcoming cut-offs, optionally for one call."""

    def __call__(self, call: str | None, /) -> str: ...


class Queue(Protocol):
    def __call__(self, machine: str, partition: str | None, /) -> QueueStatus: ...


def _nothing() -> None:
    return None


def _no_problem() -> str | None:
    return None


@dataclass(frozen=True)
class Services:
    ask: Ask
    specs: Specs
    deadlines: Deadlines
    queue: Queue
    machines: Callable[[], list[str]] = list
    close: Callable[[], None] = field(default=_nothing)
    # None when answering can start (index loaded), else why not: the readiness check.
    readiness: Callable[[], str | None] = field(default=_no_problem)
    # The live catalogue everything above reads (None: the services do not use one).
    catalog: Callable[[], Catalog] | None = None
    # What "now" is for answers that depend on the day (the next cut-off in /hpc fit); None:
    # the machine's clock.
    clock: Clock | None = None

    @classmethod
    def from_settings(cls, settings: Settings, *, ask: Ask | None = None) -> Services:
        """The real services: curated catalog, live queue, and the answering assistant.

        The catalog loads now (it is small and its errors should stop start-up); the assistant
        (embedding model, index) loads in the background. `ask` replaces the assistant (the
        sandbox passes one that builds the index first).
        """
        from bot.queues import build_service
        from knowledge import CatalogSource, format_cutoffs, format_machine_card

        # One live catalogue for answers, cards, deadlines, reminders and queue names: an edit
        # of the YAML reaches all of them without a restart.
        catalog = CatalogSource(settings.knowledge.knowledge_dir)
        queue_service = build_service(settings, catalog)
        readiness: Callable[[], str | None] = _no_problem
        if ask is None:
            assistant = LazyAssistant(settings, catalog)
            ask, readiness = assistant.ask, assistant.problem

        def specs(machine: str) -> str:
            return format_machine_card(
                catalog().machine(machine), datetime.now(UTC), settings.knowledge.stale_after_days
            )

        def deadlines(call: str | None) -> str:
            now = datetime.now(UTC)
            current = catalog()
            upcoming = current.upcoming_cutoffs(now, call=call)
            missing = current.calls_without_future_cutoff(now) if call is None else []
            return format_cutoffs(upcoming, settings.tz, missing)

        def machines() -> list[str]:
            return sorted({m.name for m in catalog().machine_names().values()})

        return cls(
            ask=ask,
            specs=specs,
            deadlines=deadlines,
            queue=queue_service.status,
            machines=machines,
            close=queue_service.close,
            readiness=readiness,
            catalog=catalog,
        )


class LazyAssistant:
    """Opens the knowledge assistant in the background (loading the model takes seconds).

    `opener` replaces the real opening (tests). Why loading failed is logged (redacted), not
    put in the readiness answer: it can name a server URL with credentials, and /ready is
    served to anyone who can reach the port.
    """

    def __init__(
        self,
        settings: Settings,
        catalog: Callable[[], Catalog] | None = None,
        opener: Callable[[], Assistant] | None = None,
    ) -> None:
        self._settings = settings
        self._catalog = catalog
        self._open = opener or self._open_real
        self._assistant: Assistant | None = None
        self._error: Exception | None = None
        self._lock = threading.Lock()
        threading.Thread(target=self._warm_up, name="hpcbot-warm-up", daemon=True).start()

    def _warm_up(self) -> None:
        try:
            self._load()
        except Exception as exc:  # the first question retries and reports it to the asker
            self._error = exc
            log.warning("the assistant did not load at start: %s", exc)

    def problem(self) -> str | None:
        """None once loaded; else "loading" or why loading failed (readiness)."""
        if self._assistant is not None:
            return None
        if self._error is not None:
            return f"the index did not load ({type(self._error).__name__}; the log says why)"
        return "the assistant and its index are still loading"

    def _load(self) -> Assistant:
        with self._lock:
            if self._assistant is None:
                self._assistant = self._open()
            return self._assistant

    def _open_real(self) -> Assistant:
        from knowledge import open_assistant, open_index

        settings = self._settings
        index = open_index(settings.index_location, settings.index.embedding_model)
        index.check_model()  # IndexModelMismatch is a KnowledgeError: logged, the asker told
        assistant = open_assistant(
            index,
            settings.knowledge.knowledge_dir,
            catalog=self._catalog,
            stale_after_days=settings.knowledge.stale_after_days,
            languages=settings.knowledge.languages,
        )
        assistant.warm_up()
        return assistant

    def ask(self, question: str, context: str | None = None, /) -> Answer:
        return self._load().ask(question, context=context)
