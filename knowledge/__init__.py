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
    FitInputError,
    IndexModelMismatch,
    IndexNotBuilt,
    KnowledgeError,
    ModelNotAvailable,
    UnknownName,
)
from knowledge.models import Answer, Citation

if TYPE_CHECKING:
    from knowledge.assistant import Assistant
    from knowledge.catalog.answerer import CuratedAnswerer
    from knowledge.catalog.catalog import Catalog, load_catalog
    from knowledge.catalog.chat_text import format_cutoffs, format_machine_card, when_text
    from knowledge.catalog.cutoffs import Cutoff, call_cutoffs
    from knowledge.catalog.ical import catalog_to_ics
    from knowledge.catalog.models import AIFactory, Call, Machine, Partition, SlurmPartition
    from knowledge.catalog.source import CatalogSource
    from knowledge.embed import Embedder, SentenceTransformerEmbedder, resolve_model_path
    from knowledge.evaluation import evaluate, load_questions
    from knowledge.fit import FitData, FitResult, build_request, fit_text, load_fit_data, run_fit
    from knowledge.service import open_assistant, open_index
    from knowledge.store import SCHEMA_VERSION, Chunk, DocumentState, Index

_LAZY = {
    "when_text": "knowledge.catalog.chat_text",
    "resolve_model_path": "knowledge.embed",
    "call_cutoffs": "knowledge.catalog.cutoffs",
    "SCHEMA_VERSION": "knowledge.store",
    "DocumentState": "knowledge.store",
    "AIFactory": "knowledge.catalog.models",
    "Assistant": "knowledge.assistant",
    "Call": "knowledge.catalog.models",
    "Catalog": "knowledge.catalog.catalog",
    "CatalogSource": "knowledge.catalog.source",
    "CuratedAnswerer": "knowledge.catalog.answerer",
    "Chunk": "knowledge.store",
    "Cutoff": "knowledge.catalog.cutoffs",
    "Embedder": "knowledge.embed",
    "Index": "knowledge.store",
    "Machine": "knowledge.catalog.models",
    "Partition": "knowledge.catalog.models",
    "SentenceTransformerEmbedder": "knowledge.embed",
    "SlurmPartition": "knowledge.catalog.models",
    "catalog_to_ics": "knowledge.catalog.ical",
    "evaluate": "knowledge.evaluation",
    "FitData": "knowledge.fit",
    "FitResult": "knowledge.fit",
    "build_request": "knowledge.fit",
    "fit_text": "knowledge.fit",
    "load_fit_data": "knowledge.fit",
    "run_fit": "knowledge.fit",
    "format_cutoffs": "knowledge.catalog.chat_text",
    "format_machine_card": "knowledge.catalog.chat_text",
    "load_catalog": "knowledge.catalog.catalog",
    "load_questions": "knowledge.evaluation",
    "open_assistant": "knowledge.service",
    "open_index": "knowledge.service",
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
    "build_request",
    "Call",
    "call_cutoffs",
    "Catalog",
    "catalog_to_ics",
    "CatalogError",
    "CatalogSource",
    "Chunk",
    "Citation",
    "CuratedAnswerer",
    "Cutoff",
    "DocumentState",
    "Embedder",
    "evaluate",
    "fit_text",
    "FitData",
    "FitInputError",
    "FitResult",
    "format_cutoffs",
    "format_machine_card",
    "Index",
    "IndexModelMismatch",
    "IndexNotBuilt",
    "KnowledgeError",
    "load_catalog",
    "load_fit_data",
    "load_questions",
    "Machine",
    "ModelNotAvailable",
    "open_assistant",
    "open_index",
    "Partition",
    "resolve_model_path",
    "run_fit",
    "SCHEMA_VERSION",
    "SentenceTransformerEmbedder",
    "SlurmPartition",
    "UnknownName",
    "when_text",
]
