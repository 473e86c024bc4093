"""The real model and the real corpus, loaded once per test session.

Every retrieval test runs twice: against embedded Chroma and against a Chroma server
(`HPCBOT_TEST_CHROMA_URL`). The model embeds each passage once; the second index is written
from the remembered vectors, so the server run costs Chroma round-trips, not CPU.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt
import pytest
from backends import fresh_chroma_database
from external import evaluation_set
from paths import CORPUS

from bot.config import bundled_knowledge_dir
from ingest.bundled import bundled_roots
from ingest.pipeline import ingest
from ingest.sources import local_documents
from knowledge.assistant import Assistant
from knowledge.embed import SentenceTransformerEmbedder, Vector
from knowledge.service import open_assistant
from knowledge.store import Index


class RememberingEmbedder:
    """The real model, remembering every passage vector it computed in this session."""

    def __init__(self, model: SentenceTransformerEmbedder) -> None:
        self.model = model
        self.name = model.name
        self._vectors: dict[str, npt.NDArray[np.float32]] = {}

    def embed_documents(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.model.embed_documents(missing), strict=True))
        if not texts:
            return self.model.embed_documents(texts)
        return np.stack([self._vectors[t] for t in texts])

    def embed_query(self, text: str) -> Vector:
        return self.model.embed_query(text)


@pytest.fixture(scope="session")
def real_embedder() -> RememberingEmbedder:
    return RememberingEmbedder(SentenceTransformerEmbedder())


@pytest.fixture(
    scope="session", params=["embedded", pytest.param("server", marks=pytest.mark.chroma_server)]
)
def corpus_index(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    real_embedder: RememberingEmbedder,
) -> Iterator[Index]:
    evaluation_set()
    roots = [local_documents(CORPUS), *bundled_roots(bundled_knowledge_dir())]
    if request.param == "embedded":
        index = Index(tmp_path_factory.mktemp("corpus-index"), real_embedder)
        ingest(index, roots)
        yield index
        return
    with fresh_chroma_database() as url:
        index = Index(url, real_embedder)
        ingest(index, roots)
        yield index


@pytest.fixture(scope="session")
def assistant(corpus_index: Index) -> Assistant:
    return open_assistant(corpus_index, bundled_knowledge_dir())
