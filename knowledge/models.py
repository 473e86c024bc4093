"""Value objects that cross the knowledge layer's public boundary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Citation:
    """One numbered source under an answer."""

    title: str
    url: str
    section: str = ""
    as_of: date | None = None
    # False for facts that only a secondary source states (answers say "confirm on the official page").
    confirmed: bool = True

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat() if self.as_of else None
        return data


# The note of a decline of a live figure of the asker's own project (hours left): not missing
# from the sources, but kept by the site's accounting. The Slack card points to `/usage` then.
LIVE_FIGURES = "live figures"


@dataclass(frozen=True)
class Answer:
    """What hpcbot says to a question, with the evidence behind it.

    `text` is plain Markdown-ish text (bold with **, code with backticks); the Slack layer
    converts it to mrkdwn. `route` tells which path produced it: "catalog" (curated data),
    "retrieval" (search over documents) or "abstain".
    """

    question: str
    text: str
    abstained: bool
    confidence: float
    citations: tuple[Citation, ...] = ()
    route: str = "retrieval"
    latency_ms: float = 0.0
    notes: tuple[str, ...] = field(default=())
    # ISO 639-1 code of the language the question was asked in; the answer's own words are in
    # it, quoted passages and curated statements stay in English.
    language: str = "en"

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "confidence": round(self.confidence, 4),
            "sources": [c.to_dict() for c in self.citations],
            "route": self.route,
            "latency_ms": round(self.latency_ms, 2),
            "language": self.language,
        }
