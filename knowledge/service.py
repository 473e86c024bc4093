"""Opening the assistant with everything it needs: embedder, index, catalog router."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from knowledge.assistant import Assistant
from knowledge.catalog.catalog import Catalog, load_catalog
from knowledge.catalog.router import route_question
from knowledge.embed import Embedder, SentenceTransformerEmbedder
from knowledge.models import Answer
from knowledge.store import Index

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def open_index(
    location: Path | str, embedding_model: str, embedder: Embedder | None = None
) -> Index:
    return Index(location, embedder or SentenceTransformerEmbedder(embedding_model))


def open_assistant(
    index: Index,
    knowledge: Path | Catalog | None,
    *,
    stale_after_days: int = 90,
    clock: Clock = utc_now,
) -> Assistant:
    """The assistant over `index`, routing catalogue questions to the curated data.

    `knowledge` is the curated data directory, or a catalog the caller has already loaded.
    """
    if knowledge is None:
        return Assistant(index)
    catalog = knowledge if isinstance(knowledge, Catalog) else load_catalog(knowledge)

    def router(question: str) -> Answer | None:
        return route_question(question, catalog, clock(), stale_after_days)

    return Assistant(index, router=router)
