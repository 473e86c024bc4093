"""Where documents come from: local files and folders, and in-memory documents."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ingest.parse import kind_of


@dataclass(frozen=True)
class SourceDocument:
    """One document to ingest. `read` is called only when the document may have changed."""

    url: str
    root: str
    kind: str
    read: Callable[[], bytes]
    origin: str = "document"
    as_of: str = ""
    title: str = ""


class SourceNotFound(Exception):
    """A path given to ingest does not exist."""


def _reader(path: Path) -> Callable[[], bytes]:
    return path.read_bytes


def _modified(path: Path) -> str:
    """A local copy is as of the day it was last written: answers show that date, and a copy
    newer than a curated fact's check date may replace the fact (see knowledge.assistant)."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
    except OSError:
        return ""


def local_documents(
    path: Path, *, origin: str = "document"
) -> tuple[str, Iterator[SourceDocument]]:
    """The root URI of `path` and the supported files under it (or the file itself)."""
    path = path.expanduser().resolve()
    if not path.exists():
        raise SourceNotFound(f"{path} does not exist")
    root = path.as_uri()

    def walk() -> Iterator[SourceDocument]:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if any(part.startswith(".") for part in file.relative_to(path.parent).parts):
                continue
            kind = kind_of(file)
            if kind is None:
                continue
            yield SourceDocument(
                url=file.as_uri(),
                root=root,
                kind=kind,
                read=_reader(file),
                origin=origin,
                as_of=_modified(file),
            )

    return root, walk()


def memory_document(
    url: str, root: str, markdown: str, *, origin: str, as_of: str = "", title: str = ""
) -> SourceDocument:
    data = markdown.encode("utf-8")
    return SourceDocument(
        url=url,
        root=root,
        kind="markdown",
        read=lambda: data,
        origin=origin,
        as_of=as_of,
        title=title,
    )
