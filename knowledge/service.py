"""Opening the assistant with everything it needs: embedder, index, curated facts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from knowledge.assistant import Assistant, Calibration
from knowledge.catalog.answerer import CuratedAnswerer
from knowledge.catalog.catalog import Catalog
from knowledge.catalog.source import CatalogSource
from knowledge.clock import Clock, utc_now
from knowledge.embed import Embedder, SentenceTransformerEmbedder
from knowledge.languages import SUPPORTED, Languages
from knowledge.store import Index


def open_index(
    location: Path | str, embedding_model: str, embedder: Embedder | None = None
) -> Index:
    return Index(location, embedder or SentenceTransformerEmbedder(embedding_model))


def open_assistant(
    index: Index,
    knowledge_dir: Path | None,
    *,
    catalog: Catalog | Callable[[], Catalog] | None = None,
    stale_after_days: int = 90,
    clock: Clock = utc_now,
    calibration: Calibration | None = None,
    languages: Iterable[str] = SUPPORTED,
) -> Assistant:
    """The assistant over `index` and the curated facts of `knowledge_dir`.

    `catalog` is the catalogue of `knowledge_dir` if the caller has one: loaded, or a live
    `CatalogSource` (then answers follow edits of the YAML without a restart).
    Without a knowledge directory the assistant answers from documents only.
    """
    curated = None
    if knowledge_dir is not None:
        curated = CuratedAnswerer(
            catalog or CatalogSource(knowledge_dir),
            knowledge_dir,
            index.embedder.embed_query,
            index.embed_cached,
            ordinary=index.uses,
        )
    return Assistant(
        index,
        curated=curated,
        calibration=calibration,
        clock=clock,
        stale_after_days=stale_after_days,
        languages=Languages(languages),
    )
