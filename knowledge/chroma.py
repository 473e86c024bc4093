"""Chroma, the vector store behind `store.Index`: a client for a location (a directory for
embedded Chroma, or a server URL) and the adapter that makes Chroma embed with hpcbot's model.

Imported only when an index is opened (`Index.__init__`), so `import knowledge` and `hpcbot
--help` do not pay for chromadb.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import chromadb
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.config import DEFAULT_DATABASE, DEFAULT_TENANT, Settings as ChromaSettings

from knowledge.embed import Embedder


def open_client(location: Path | str) -> Any:
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        # `http://host:8000?database=NAME&tenant=NAME` selects a database (default: Chroma's).
        parsed = urlparse(location)
        query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=settings,
            tenant=query.get("tenant", DEFAULT_TENANT),
            database=query.get("database", DEFAULT_DATABASE),
        )
    path = Path(location)
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Adapter so Chroma uses our embedder and never falls back to its own downloading one."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:  # noqa: A002 - Chroma's signature
        return list(self._embedder.embed_documents(list(input)))

    @staticmethod
    def name() -> str:
        return "hpcbot"

    def is_legacy(self) -> bool:
        return False

    def embed_query(self, input: Documents) -> Embeddings:  # noqa: A002
        return [self._embedder.embed_query(text) for text in input]

    def get_config(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        raise NotImplementedError("hpcbot passes its embedding function explicitly")
