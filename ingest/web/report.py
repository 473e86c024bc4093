"""What a crawl run did, per source: counts, changed pages, failures with reasons, notices."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEADLINE_NOTICE = "source changed: check the curated deadlines"


@dataclass(frozen=True)
class ChangeNotice:
    """A page backing curated call data changed or disappeared; someone should re-check it."""

    source: str
    url: str
    calls: tuple[str, ...]
    what: str  # "changed" or "removed"
    message: str = DEADLINE_NOTICE

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "url": self.url,
            "calls": list(self.calls),
            "what": self.what,
            "message": self.message,
        }


@dataclass
class SourceReport:
    name: str
    fetched: int = 0  # 200 responses
    not_modified: int = 0  # 304 responses: nothing re-read
    unchanged: int = 0  # 200 with the same text as the index holds
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notices: list[ChangeNotice] = field(default_factory=list)
    embedded: int = 0
    unvisited: int = 0  # URLs left over when max_pages was reached
    not_due: bool = False  # skipped: crawled more recently than its refresh interval
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "fetched": self.fetched,
            "not_modified": self.not_modified,
            "unchanged": self.unchanged,
            "new": self.new,
            "changed": self.changed,
            "removed": self.removed,
            "failed": [{"url": url, "reason": reason} for url, reason in self.failed],
            "skipped": [{"url": url, "reason": reason} for url, reason in self.skipped],
            "notices": [n.to_dict() for n in self.notices],
            "embedded": self.embedded,
            "unvisited": self.unvisited,
            "not_due": self.not_due,
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        if self.not_due:
            return f"{self.name}: not due yet"
        return (
            f"{self.name}: {self.fetched} fetched, {self.not_modified} not modified, "
            f"{len(self.changed)} changed, {len(self.new)} new, {len(self.removed)} removed, "
            f"{len(self.failed)} failed, {len(self.skipped)} skipped; {self.seconds:.1f} s"
            + (f" ({self.unvisited} URLs over the page limit)" if self.unvisited else "")
        )


@dataclass
class CrawlReport:
    sources: list[SourceReport] = field(default_factory=list)
    requests: int = 0
    chunks: int = 0
    seconds: float = 0.0

    @property
    def notices(self) -> list[ChangeNotice]:
        return [notice for source in self.sources for notice in source.notices]

    def total(self, name: str) -> int:
        """Sum of one counter over sources (lists count their length)."""
        values = (getattr(source, name) for source in self.sources)
        return sum(len(v) if isinstance(v, list) else int(v) for v in values)

    def to_dict(self) -> dict[str, Any]:
        names = ("fetched", "not_modified", "unchanged", "new", "changed", "removed")
        totals = {name: self.total(name) for name in (*names, "failed", "skipped", "embedded")}
        return {
            "totals": totals,
            "requests": self.requests,
            "chunks": self.chunks,
            "seconds": round(self.seconds, 3),
            "notices": [n.to_dict() for n in self.notices],
            "sources": [s.to_dict() for s in self.sources],
        }

    def summary(self) -> str:
        return (
            f"{self.total('fetched')} fetched, {self.total('not_modified')} not modified, "
            f"{self.total('changed')} changed, {self.total('new')} new, "
            f"{self.total('removed')} removed, {self.total('failed')} failed; "
            f"{self.requests} requests, {self.chunks} chunks in the index, {self.seconds:.1f} s"
        )
