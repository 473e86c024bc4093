"""The hybrid retriever behind LangChain's retriever interface."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.embedder import HashEmbedder
from langchain_core.runnables import RunnableLambda

from ingest.pipeline import ingest
from ingest.sources import local_documents
from knowledge.langchain_retriever import LangChainRetriever
from knowledge.store import Index


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "partitions.md").write_text(
        "# Partitions\n\nThe small-g partition allows 4 nodes per job.\n"
    )
    (docs / "storage.md").write_text("# Storage\n\nScratch files are removed after 90 days.\n")
    return docs


@pytest.fixture
def index(docs: Path, tmp_path: Path) -> Index:
    index = Index(tmp_path / "index", HashEmbedder())
    ingest(index, [local_documents(docs)])
    return index


def test_invoke_returns_documents_with_their_source(docs: Path, index: Index) -> None:
    found = LangChainRetriever.over(index, k=1).invoke("small-g nodes")

    assert [d.page_content for d in found] == ["The small-g partition allows 4 nodes per job."]
    assert found[0].metadata["url"] == (docs / "partitions.md").as_uri()
    assert found[0].metadata["section"] == ""


def test_it_composes_with_other_runnables_as_the_readme_shows(docs: Path, index: Index) -> None:
    # The README's example: the retriever as the first step of a LangChain chain.
    sources = LangChainRetriever.over(index, k=1) | RunnableLambda(
        lambda found: [document.metadata["url"] for document in found]
    )

    assert sources.invoke("When are scratch files removed?") == [(docs / "storage.md").as_uri()]
