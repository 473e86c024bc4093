"""Incremental ingestion: parse, chunk and write documents through the knowledge index.

A run is idempotent. A document whose bytes hash the same as what the index holds is skipped
without being read twice or embedded; a changed document has only its new passages embedded;
a document that disappeared from an ingested root, or that is now refused (a symlink out of the
folder, over a size limit, too many passages), is removed. Each document is written on its
own, so a crash part-way leaves every other document as it was.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from ingest.chunk import content_hash, split_document
from ingest.parse import ParseError, parse_bytes
from ingest.sources import SourceDocument, SourceRefused
from knowledge import Chunk, DocumentState, Index

log = logging.getLogger(__name__)

# Bump when parsing or chunking changes, so every document is re-chunked on the next run.
# 5: documents over the passage limit are refused rather than kept; text that is not valid
# UTF-8 is decoded per file (see ingest/charset.py), no longer as Latin-1 as a whole.
# 6: HTML table cells under a header spanning several columns are kept.
# 7: Markdown admonition and tab bodies are prose, not indented code; a list item wrapped onto
# indented lines is one item; a delimiter row of single hyphens ("| :-: |") is no table row.
# 8: HTML text outside paragraph tags (bare text under a heading, a <div>'s own text, an item's
# text beside its nested list) is kept; it was dropped.
# 9: a Markdown table whose header and rows have no outer pipes ("Option | Description") is a
# table (its body was read as a table headed by its first row); a cell set in bold or italics
# as a whole loses its marks.
# 10: each passage keeps the web addresses of the links it shows (Chunk.links).
# 11: consecutive reference definitions and Windows line ends keep their links; a link whose
# words are code, or in underscore emphasis, is kept.
PIPELINE_VERSION = "11"
# Passages per document. About 4.5 MB of text, a 2,000-page manual; one more file that size
# would crowd every other document out of the answers, and embedding it takes minutes.
MAX_CHUNKS = 5000


@dataclass
class IngestReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0
    rebuilt: bool = False

    def summary(self) -> str:
        return (
            f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
            f"{self.removed} removed, {len(self.skipped)} skipped; {self.chunks} chunks in the "
            f"index, {self.embedded} embedded; {self.seconds:.1f} s"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [{"url": url, "reason": reason} for url, reason in self.skipped],
            "chunks": self.chunks,
            "embedded": self.embedded,
            "seconds": round(self.seconds, 3),
            "rebuilt": self.rebuilt,
        }


Progress = Callable[[str], None]


@dataclass(frozen=True)
class DocumentOutcome:
    """What `ingest_document` did with one document.

    `text_changed` is False when only the bytes changed (markup, timestamps) but every passage
    is the same; the web crawler reports a page as changed only when the text changed.
    `refused` marks a skip by policy (limits, symlinks): whatever an earlier run indexed under
    the URL must go, where an unreadable or unparseable document keeps its earlier version.
    """

    status: Literal["new", "changed", "unchanged", "skipped"]
    text_changed: bool = False
    reason: str = ""
    refused: bool = False


def document_chunks(
    source: SourceDocument, data: bytes, doc_hash: str, *, max_chunks: int = MAX_CHUNKS
) -> list[Chunk]:
    """Parse and chunk one document.

    Raises ParseError with a one-line reason, or SourceRefused past `max_chunks` passages.
    """
    try:
        parsed = parse_bytes(data, source.kind, base_url=source.url)
    except ValueError as exc:
        # A parser tripping over hostile input (an href like "http://[x/" made urljoin raise)
        # costs that document, not the run.
        raise ParseError(f"could not be parsed ({type(exc).__name__}: {exc})") from exc
    title = source.title or parsed.title or source.url.rsplit("/", 1)[-1]
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for position, piece in enumerate(split_document(parsed)):
        if position == max_chunks:  # stop here rather than hash and hold every passage
            raise SourceRefused(
                f"more than {max_chunks} passages (the limit per document); "
                "split it into smaller files"
            )
        text_hash = content_hash(piece.section, piece.text)
        chunk_id = content_hash(source.url, text_hash)[:40]
        while chunk_id in seen:  # identical passages twice in one document
            chunk_id = content_hash(chunk_id, "dup")[:40]
        seen.add(chunk_id)
        chunks.append(
            Chunk(
                id=chunk_id,
                text=piece.text,
                url=source.url,
                title=title,
                section=piece.section,
                page=piece.page,
                doc_hash=doc_hash,
                content_hash=text_hash,
                root=source.root,
                origin=source.origin,
                as_of=source.as_of,
                position=position,
                links=piece.anchors,
            )
        )
    if not chunks:
        raise ParseError("no text could be extracted")
    return chunks


def ingest(
    index: Index,
    roots: Iterable[tuple[str, Iterable[SourceDocument]]],
    *,
    on_start: Callable[[int], None] | None = None,
    on_document: Progress | None = None,
    rebuild: bool = False,
    max_chunks: int = MAX_CHUNKS,
) -> IngestReport:
    """Bring the index in line with the documents under each root."""
    started = time.perf_counter()
    report = IngestReport()
    if rebuild or index.needs_rebuild:
        log.warning("embedding model changed or rebuild requested: re-embedding everything")
        index.reset()
        report.rebuilt = True
    states = index.documents()
    planned = [(root, list(documents)) for root, documents in roots]
    if on_start:
        on_start(sum(len(documents) for _, documents in planned))
    for root, documents in planned:
        seen: set[str] = set()
        for source in documents:
            outcome = ingest_document(index, source, states, report, max_chunks=max_chunks)
            if not outcome.refused:
                seen.add(source.url)
            if on_document:
                on_document(source.url)
        gone = [url for url, state in states.items() if state.root == root and url not in seen]
        report.removed += index.delete_documents(gone)
    report.chunks = index.count()
    report.seconds = time.perf_counter() - started
    return report


def ingest_document(
    index: Index,
    source: SourceDocument,
    states: dict[str, DocumentState],
    report: IngestReport,
    *,
    max_chunks: int = MAX_CHUNKS,
) -> DocumentOutcome:
    """Bring one document up to date in the index; `states` is the index's view before the run.

    A refused document is not removed here: `ingest` removes it with the rest of its root's
    leftovers, and the crawler drops it with the page.
    """
    try:
        data = source.read()
    except SourceRefused as exc:
        return _skipped(report, source, str(exc), refused=True)
    except OSError as exc:
        return _skipped(report, source, f"unreadable ({exc.strerror or exc})")
    doc_hash = content_hash(PIPELINE_VERSION, source.kind, source.title, source.as_of)
    doc_hash = content_hash(doc_hash, data.decode("latin-1"))
    state = states.get(source.url)
    if state is not None and state.is_complete(doc_hash):
        report.unchanged += 1
        return DocumentOutcome("unchanged")
    try:
        chunks = document_chunks(source, data, doc_hash, max_chunks=max_chunks)
    except SourceRefused as exc:
        return _skipped(report, source, str(exc), refused=True)
    except ParseError as exc:
        return _skipped(report, source, str(exc))
    report.embedded += index.replace_document(source.url, chunks)
    if state is None:
        report.new += 1
        return DocumentOutcome("new", text_changed=True)
    report.changed += 1
    return DocumentOutcome("changed", text_changed={c.id for c in chunks} != state.chunk_ids)


def _skipped(
    report: IngestReport, source: SourceDocument, reason: str, *, refused: bool = False
) -> DocumentOutcome:
    report.skipped.append((source.url, reason))
    log.warning("skipped %s: %s", source.url, reason)
    return DocumentOutcome("skipped", reason=reason, refused=refused)
