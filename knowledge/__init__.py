"""What hpcbot knows and how it answers: curated data, the search index, retrieval, answers.

This is the package's public API; `bot/` and `ingest/` import from here (and from
`knowledge.queue` for live queue status), never from the modules behind it. Importing it is
cheap: Chroma, BM25 and the embedding model are imported by the constructors that use them
(`Index`, the lexical index, `SentenceTransformerEmbedder`), not by these modules.
"""

from knowledge.assistant import Assistant
from knowledge.catalog.answerer import CuratedAnswerer
from knowledge.catalog.catalog import Catalog, load_catalog
from knowledge.catalog.chat_text import format_cutoffs, format_machine_card, when_text
from knowledge.catalog.cutoffs import Cutoff, call_cutoffs
from knowledge.catalog.ical import catalog_to_ics
from knowledge.catalog.models import (
    AIFactory,
    Call,
    Machine,
    Partition,
    SlurmPartition,
    normalize_name,
)
from knowledge.catalog.source import CatalogSource
from knowledge.clock import Clock, utc_now
from knowledge.embed import Embedder, SentenceTransformerEmbedder, resolve_model_path
from knowledge.errors import (
    CatalogError,
    FitInputError,
    IndexModelMismatch,
    IndexNotBuilt,
    KnowledgeError,
    ModelNotAvailable,
    UnknownName,
)
from knowledge.evaluation import evaluate, load_questions
from knowledge.fit import FitData, FitResult, build_request, fit_text, load_fit_data, run_fit
from knowledge.links import shows_label
from knowledge.models import LIVE_FIGURES, Answer, Citation
from knowledge.service import open_assistant, open_index
from knowledge.store import SCHEMA_VERSION, Chunk, DocumentState, Index

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
    "Clock",
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
    "LIVE_FIGURES",
    "load_catalog",
    "load_fit_data",
    "load_questions",
    "Machine",
    "ModelNotAvailable",
    "normalize_name",
    "open_assistant",
    "open_index",
    "Partition",
    "resolve_model_path",
    "run_fit",
    "SCHEMA_VERSION",
    "SentenceTransformerEmbedder",
    "shows_label",
    "SlurmPartition",
    "UnknownName",
    "utc_now",
    "when_text",
]
