"""hpcbot's index as a LangChain retriever, for chains that want `Document`s.

    from knowledge import open_index
    from knowledge.langchain_retriever import LangChainRetriever

    retriever = LangChainRetriever.over(open_index(INDEX_DIR, "all-MiniLM-L6-v2"), k=5)
    retriever.invoke("How much memory does a LUMI-G node have?")  # -> list[Document]

Each document is a chunk (its text) with its source in the metadata (`url`, `title`,
`section`, ...) and the fused hybrid `score`. Not exported by `knowledge` so that only a caller
who wants LangChain imports it.
"""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from knowledge.retrieve import HybridRetriever
from knowledge.store import Index


class LangChainRetriever(BaseRetriever):
    """The hybrid retriever as a LangChain retriever, for chains that want `Document`s."""

    retriever: HybridRetriever
    k: int = 5

    model_config = {"arbitrary_types_allowed": True}

    @classmethod
    def over(cls, index: Index, k: int = 5) -> LangChainRetriever:
        """Hybrid retrieval (dense + BM25) over an index built by `hpcbot ingest`."""
        return cls(retriever=HybridRetriever(index), k=k)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        result = self.retriever.retrieve(query, self.k)
        return [
            Document(
                page_content=hit.chunk.text, metadata={**hit.chunk.metadata(), "score": hit.score}
            )
            for hit in result.hits
        ]
