"""What hpcbot knows and how it answers: curated data, the search index, retrieval, answers.

This is the package's public API; `bot/` and `ingest/` import from here (and from
`knowledge.queue` for live queue status), never from the modules behind it. Heavy parts
(Chroma, the model, BM25) load on first use, so importing `knowledge` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from knowledge.errors import (
    CatalogError,
    IndexModelMismatch,
    IndexNotBuilt,
    KnowledgeError,
    ModelNotAvailable,
    UnknownName,
)
from knowledge.models import Answer, Citation

if TYPE_CHECKING:
    from knowledge.assistant import Assistant
    from knowledge.catalog import Catalog, load_catalog
    from knowledge.catalog_answers import route_question
    from knowledge.catalog_format import format_cutoffs, format_machine_card, when_text
    from knowledge.catalog_models import AIFactory, Call, Machine, Partition, SlurmPartition
    from knowledge.catalog_render import CatalogDocument, catalog_documents
    from knowledge.cutoffs import Cutoff, call_cutoffs
    from knowledge.embed import Embedder, SentenceTransformerEmbedder, resolve_model_path
    from knowledge.evaluation import evaluate, load_questions
    from knowledge.icalendar_feed import catalog_to_ics
    from knowledge.service import open_assistant, open_index
    from knowledge.store import SCHEMA_VERSION, Chunk, DocumentState, Index

_LAZY = {
    "when_text": "knowledge.catalog_format",
    "resolve_model_path": "knowledge.embed",
    "call_cutoffs": "knowledge.cutoffs",
    "SCHEMA_VERSION": "knowledge.store",
    "DocumentState": "knowledge.store",
    "AIFactory": "knowledge.catalog_models",
    "Assistant": "knowledge.assistant",
    "Call": "knowledge.catalog_models",
    "Catalog": "knowledge.catalog",
    "CatalogDocument": "knowledge.catalog_render",
    "Chunk": "knowledge.store",
    "Cutoff": "knowledge.cutoffs",
    "Embedder": "knowledge.embed",
    "Index": "knowledge.store",
    "Machine": "knowledge.catalog_models",
    "Partition": "knowledge.catalog_models",
    "SentenceTransformerEmbedder": "knowledge.embed",
    "SlurmPartition": "knowledge.catalog_models",
    "catalog_documents": "knowledge.catalog_render",
    "catalog_to_ics": "knowledge.icalendar_feed",
    "evaluate": "knowledge.evaluation",
    "format_cutoffs": "knowledge.catalog_format",
    "format_machine_card": "knowledge.catalog_format",
    "load_catalog": "knowledge.catalog",
    "load_questions": "knowledge.evaluation",
    "open_assistant": "knowledge.service",
    "open_index": "knowledge.service",
    "route_question": "knowledge.catalog_answers",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'knowledge' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "AIFactory",
    "Answer",
    "Assistant",
    "Call",
    "call_cutoffs",
    "Catalog",
    "catalog_documents",
    "catalog_to_ics",
    "CatalogDocument",
    "CatalogError",
    "Chunk",
    "Citation",
    "Cutoff",
    "DocumentState",
    "Embedder",
    "evaluate",
    "format_cutoffs",
    "format_machine_card",
    "Index",
    "IndexModelMismatch",
    "IndexNotBuilt",
    "KnowledgeError",
    "load_catalog",
    "load_questions",
    "Machine",
    "ModelNotAvailable",
    "open_assistant",
    "open_index",
    "Partition",
    "resolve_model_path",
    "route_question",
    "SCHEMA_VERSION",
    "SentenceTransformerEmbedder",
    "SlurmPartition",
    "UnknownName",
    "when_text",
]
