"""What the crawler remembers between runs, in a small SQLite file under the data directory.

Per URL: the HTTP validators (ETag, Last-Modified) for conditional GETs, a hash of the body,
the URL the document is indexed under (canonical or redirect target), the links the page had
(so a 304 still feeds the crawl) and how many runs in a row it answered 404/410. A row is
written only after the index holds the page, so a crash can never leave validators that would
make the next run skip a page the index lacks.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from knowledge import utc_now

STATE_FILE = "crawl-state.sqlite3"


@dataclass(frozen=True)
class PageRecord:
    url: str
    source: str
    doc_url: str | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    as_of: str = ""
    links: tuple[str, ...] = field(default=())
    gone_count: int = 0
    last_status: int | None = None
    last_error: str = ""
    fetched_at: str = ""


def _m001_create_tables(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE pages (
            url TEXT PRIMARY KEY, source TEXT NOT NULL, doc_url TEXT, final_url TEXT,
            etag TEXT, last_modified TEXT, content_hash TEXT, as_of TEXT NOT NULL DEFAULT '',
            links TEXT NOT NULL DEFAULT '[]', gone_count INTEGER NOT NULL DEFAULT 0,
            last_status INTEGER, last_error TEXT NOT NULL DEFAULT '',
            fetched_at TEXT NOT NULL DEFAULT '')"""
    )
    db.execute("CREATE INDEX pages_source ON pages(source)")
    db.execute("CREATE INDEX pages_doc_url ON pages(doc_url)")
    db.execute("CREATE TABLE sources (name TEXT PRIMARY KEY, crawled_at TEXT NOT NULL)")


# Append-only: position + 1 is the schema version stored in PRAGMA user_version.
_MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m001_create_tables]

_COLUMNS = (
    "url, source, doc_url, final_url, etag, last_modified, content_hash, as_of, links, "
    "gone_count, last_status, last_error, fetched_at"
)


class CrawlState:
    """Crawl bookkeeping per URL and per source; safe to share between crawl threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            for number, migrate in enumerate(_MIGRATIONS[version:], start=version + 1):
                with self._db:
                    self._db.execute("BEGIN")
                    migrate(self._db)
                    self._db.execute(f"PRAGMA user_version = {number}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> CrawlState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- pages -------------------------------------------------------------------------

    def get(self, url: str) -> PageRecord | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM pages WHERE url = ?", (url,)).fetchone()
        return _record(row) if row else None

    def pages_of(self, source: str) -> list[PageRecord]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM pages WHERE source = ? ORDER BY url", (source,)
            ).fetchall()
        return [_record(row) for row in rows]

    def save(self, record: PageRecord) -> None:
        values = (
            record.url,
            record.source,
            record.doc_url,
            record.final_url,
            record.etag,
            record.last_modified,
            record.content_hash,
            record.as_of,
            json.dumps(list(record.links)),
            record.gone_count,
            record.last_status,
            record.last_error,
            record.fetched_at or utc_now().isoformat(timespec="seconds"),
        )
        with self._lock:
            self._db.execute(
                f"INSERT OR REPLACE INTO pages ({_COLUMNS}) VALUES ({', '.join('?' * 13)})", values
            )

    def forget(self, url: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM pages WHERE url = ?", (url,))

    def doc_url_in_use(self, doc_url: str, *, besides: str) -> bool:
        """Whether another crawled URL (an alias or redirect) still backs `doc_url`."""
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM pages WHERE doc_url = ? AND url != ? AND gone_count = 0 LIMIT 1",
                (doc_url, besides),
            ).fetchone()
        return row is not None

    # -- sources -----------------------------------------------------------------------

    def last_crawled(self, source: str) -> datetime | None:
        with self._lock:
            row = self._db.execute(
                "SELECT crawled_at FROM sources WHERE name = ?", (source,)
            ).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def mark_crawled(self, source: str, when: datetime) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO sources (name, crawled_at) VALUES (?, ?)",
                (source, when.isoformat(timespec="seconds")),
            )


def _record(row: tuple[object, ...]) -> PageRecord:
    (url, source, doc_url, final_url, etag, modified, digest, as_of, links, gone, status, error,
     fetched) = row  # fmt: skip
    return PageRecord(
        url=str(url),
        source=str(source),
        doc_url=str(doc_url) if doc_url is not None else None,
        final_url=str(final_url) if final_url is not None else None,
        etag=str(etag) if etag is not None else None,
        last_modified=str(modified) if modified is not None else None,
        content_hash=str(digest) if digest is not None else None,
        as_of=str(as_of or ""),
        links=tuple(json.loads(str(links))),
        gone_count=int(str(gone)),
        last_status=int(str(status)) if status is not None else None,
        last_error=str(error or ""),
        fetched_at=str(fetched or ""),
    )
