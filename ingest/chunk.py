"""Heading-aware chunking: sections first, then by size within a section."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ingest.parse import Anchor, ParsedDocument
from knowledge import shows_label

if TYPE_CHECKING:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

CHUNK_SIZE = 900
CHUNK_OVERLAP = 120


@dataclass(frozen=True)
class Piece:
    section: str
    text: str
    page: int | None
    # The section's links whose text this piece shows.
    anchors: tuple[Anchor, ...] = ()


@cache
def _splitter() -> RecursiveCharacterTextSplitter:
    # langchain_text_splitters takes half a second to import: only a long section pays for it.
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        separators=["\n\n", "\n- ", "\n", ". ", " ", ""],
        keep_separator=True,
    )


def split_document(document: ParsedDocument) -> Iterator[Piece]:
    for section in document.sections:
        text = section.text.strip()
        if not text:
            continue
        parts = [text] if len(text) <= CHUNK_SIZE else _splitter().split_text(text)
        for part in parts:
            part = part.strip().lstrip(". ").strip()
            if len(part) >= 20 or (part and len(parts) == 1):
                anchors = tuple(a for a in section.anchors if shows_label(part, a[0]))
                yield Piece(section=section.path, text=part, page=section.page, anchors=anchors)


def content_hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()
