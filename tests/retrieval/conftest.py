"""The real model and the real corpus, loaded once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from paths import CORPUS

from bot.config import bundled_knowledge_dir
from ingest.bundled import bundled_roots
from ingest.pipeline import ingest
from ingest.sources import local_documents
from knowledge.assistant import Assistant
from knowledge.embed import SentenceTransformerEmbedder
from knowledge.service import open_assistant
from knowledge.store import Index


@pytest.fixture(scope="session")
def real_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def corpus_index(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder
) -> Iterator[Index]:
    if not CORPUS.is_dir():
        pytest.fail(f"the evaluation corpus is missing at {CORPUS}")
    index = Index(tmp_path_factory.mktemp("corpus-index"), real_embedder)
    ingest(index, [local_documents(CORPUS), *bundled_roots(bundled_knowledge_dir())])
    yield index


@pytest.fixture(scope="session")
def assistant(corpus_index: Index) -> Assistant:
    return open_assistant(corpus_index, bundled_knowledge_dir())
