"""Errors raised by the knowledge layer.

    KnowledgeError                 base: catch this to handle any knowledge failure
    ├── IndexNotBuilt              the index is empty; run `hpcbot ingest`
    ├── IndexModelMismatch         the index was built with another embedding model
    ├── ModelNotAvailable          the embedding model cannot be loaded offline
    ├── CatalogError               curated data files are invalid (file and line in the message)
    ├── UnknownName                a machine/call name that matches nothing (with suggestions)
    └── FitInputError              a bad `fit` input (its `field` names which one)

Messages say what to do; the CLI and the Slack app show them to people as they are.
"""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base class for every error the knowledge layer raises on purpose."""


class IndexNotBuilt(KnowledgeError):
    """The search index holds no chunks yet."""


class IndexModelMismatch(KnowledgeError):
    """The index was embedded with a different model than the one configured."""


class ModelNotAvailable(KnowledgeError):
    """The embedding model could not be loaded from local files."""


class CatalogError(KnowledgeError):
    """A curated data file is malformed; the message names the file and line."""


class UnknownName(KnowledgeError):
    """A name (machine, call, partition) that is not known, with close matches."""

    def __init__(self, kind: str, name: str, suggestions: list[str]) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Unknown {kind} '{name}'.{hint}")


class FitInputError(KnowledgeError):
    """A workload or applicant detail that can't be used; `field` names it ("params", ...)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)
