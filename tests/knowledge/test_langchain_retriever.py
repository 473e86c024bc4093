"""The hybrid retriever behind LangChain's retriever interface."""

from __future__ import annotations

from pathlib import Path

from fakes.embedder import HashEmbedder

from ingest.pipeline import ingest
from ingest.sources import local_documents
from knowledge.langchain_retriever import LangChainRetriever
from knowledge.retrieve import HybridRetriever
from knowledge.store import Index


def test_invoke_returns_documents_with_their_source(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "partitions.md").write_text(
        "# Partitions\n\nThe small-g partition allows 4 nodes per job.\n"
    )
    (docs / "storage.md").write_text("# Storage\n\nScratch files are removed after 90 days.\n")
    index = Index(tmp_path / "index", HashEmbedder())
    ingest(index, [local_documents(docs)])

    found = LangChainRetriever(retriever=HybridRetriever(index), k=1).invoke("small-g nodes")

    assert [d.page_content for d in found] == ["The small-g partition allows 4 nodes per job."]
    assert found[0].metadata["url"] == (docs / "partitions.md").as_uri()
    assert found[0].metadata["section"] == ""
