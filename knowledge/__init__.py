"""What hpcbot knows and how it answers: curated data, the search index, retrieval, answers."""

from knowledge.errors import (
    CatalogError,
    IndexModelMismatch,
    IndexNotBuilt,
    KnowledgeError,
    ModelNotAvailable,
    UnknownName,
)
from knowledge.models import Answer, Citation

__all__ = [
    "Answer",
    "CatalogError",
    "Citation",
    "IndexModelMismatch",
    "IndexNotBuilt",
    "KnowledgeError",
    "ModelNotAvailable",
    "UnknownName",
]
