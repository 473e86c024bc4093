"""The bundled knowledge base as ingest roots: its Markdown files, except the curated facts.

The catalogue (machines, calls, AI Factories) and the FAQ are curated facts that the assistant
matches directly, with their own sources; indexing renderings of them beside the documents
would only crowd out the documents. An index built by an older version still holds such
renderings: the (empty) catalogue root below removes them on the next run.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ingest.sources import SourceDocument, local_documents

CATALOG_ROOT = "hpcbot:catalog"
# Read by the assistant as curated facts, not indexed as a document.
CURATED_FILES = {"faq.md"}


def bundled_roots(knowledge_dir: Path) -> list[tuple[str, Iterable[SourceDocument]]]:
    """Markdown under `knowledge_dir` other than the curated files; no catalogue renderings."""
    root, documents = local_documents(knowledge_dir, origin="knowledge")
    kept = (d for d in documents if d.url.rsplit("/", 1)[-1] not in CURATED_FILES)
    return [(root, kept), (CATALOG_ROOT, [])]
