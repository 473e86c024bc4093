"""The bundled knowledge base as ingest roots: its Markdown files and the curated data rendered."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ingest.sources import SourceDocument, local_documents, memory_document

CATALOG_ROOT = "hpcbot:catalog"


def bundled_roots(knowledge_dir: Path) -> list[tuple[str, Iterable[SourceDocument]]]:
    """The FAQ and other Markdown under `knowledge_dir`, plus one document per catalog entry."""
    from knowledge import catalog_documents, load_catalog

    roots: list[tuple[str, Iterable[SourceDocument]]] = [
        local_documents(knowledge_dir, origin="knowledge")
    ]
    catalog = load_catalog(knowledge_dir)
    documents = [
        memory_document(
            doc.url,
            CATALOG_ROOT,
            doc.markdown,
            origin="catalog",
            as_of=doc.as_of.isoformat(),
            title=doc.title,
        )
        for doc in catalog_documents(catalog)
    ]
    roots.append((CATALOG_ROOT, documents))
    return roots
