"""The hybrid retriever as a LangChain retriever, for chains that want `Document`s.

Kept apart from `retrieve.py` so answering questions never imports LangChain (about 35 MB).
"""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from knowledge.retrieve import HybridRetriever


class LangChainRetriever(BaseRetriever):
    """The hybrid retriever as a LangChain retriever, for chains that want `Document`s."""

    retriever: HybridRetriever
    k: int = 5

    model_config = {"arbitrary_types_allowed": True}

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
