"""Opening the assistant with everything it needs: embedder, index, catalog router."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from knowledge.assistant import Assistant
from knowledge.embed import Embedder, SentenceTransformerEmbedder
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
    knowledge_dir: Path | None,
    *,
    stale_after_days: int = 90,
    clock: Clock = utc_now,
) -> Assistant:
    """The assistant over `index`, routing catalogue questions to the data in `knowledge_dir`."""
    router = None
    if knowledge_dir is not None:
        from knowledge.catalog import load_catalog

        try:
            from knowledge.catalog_answers import route_question
        except ImportError:  # TODO(integration): remove once catalog_answers lands
            return Assistant(index)

        catalog = load_catalog(knowledge_dir)

        def router(question: str) -> object:
            return route_question(question, catalog, clock(), stale_after_days)

    return Assistant(index, router=router)  # type: ignore[arg-type]
