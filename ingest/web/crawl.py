"""Crawl documentation sites into the index, incrementally and without losing anything.

    report = crawl_sources(index, load_sources(), data_dir=settings.storage.data_dir)

Per source, pages are fetched by a few worker threads (bounded per host by `HostLimiter`)
while one coordinator thread parses, writes to the index and records crawl state, so index
writes never race. What a run may change:

- a new or changed page is (re-)indexed; only its changed passages are embedded;
- a 304 or an unchanged body costs nothing more;
- a page answering 404/410 on two runs in a row is removed (one outage removes nothing);
- any other failure leaves the page as the index has it;
- a page now outside the source's allowed prefixes is removed.

Every URL the source knew from earlier runs is visited again, so a page that vanished from the
site's navigation is still noticed when it disappears.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from ingest.chunk import content_hash
from ingest.parse import ParseError, parse_html
from ingest.pipeline import IngestReport, ingest_document
from ingest.sources import SourceDocument
from ingest.web.config import SiteSource
from ingest.web.content import html_links, is_asset, kind_for, markdown_links, sitemap_links
from ingest.web.errors import (
    CrawlError,
    FetchFailed,
    PageGone,
    TooLarge,
    UnsupportedContent,
    UrlRefused,
)
from ingest.web.fetch import Fetcher, FetchOptions, Limits, Response, Validators
from ingest.web.limits import HostLimiter
from ingest.web.report import ChangeNotice, CrawlReport, SourceReport
from ingest.web.safety import UrlGuard, normalize_url
from ingest.web.state import STATE_FILE, CrawlState, PageRecord
from knowledge import Clock, DocumentState, Index, utc_now


class CrawlProgress(Protocol):
    """Receives progress from the crawl (called from crawl threads; keep it quick)."""

    def source_started(self, source: str, planned: int) -> None: ...

    def page_done(self, source: str, url: str, outcome: str) -> None: ...

    def source_finished(self, report: SourceReport) -> None: ...


@dataclass
class _Run:
    """What every source in one run shares."""

    index: Index
    state: CrawlState
    fetcher: Fetcher
    states: dict[str, DocumentState]
    rebuild: bool
    progress: CrawlProgress | None
    clock: Clock
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    indexed: set[str] = field(default_factory=set)  # doc URLs written this run


def crawl_sources(
    index: Index,
    sources: Sequence[SiteSource],
    *,
    data_dir: Path,
    allow_private: bool = False,
    only_due: bool = False,
    rebuild: bool = False,
    progress: CrawlProgress | None = None,
    client: httpx.Client | None = None,
    options: FetchOptions | None = None,
    parallel_sources: int = 4,
    clock: Clock = utc_now,
) -> CrawlReport:
    """Crawl `sources` into `index`; the scheduler calls this with `only_due=True`.

    Crawl state (validators, hashes, 404 streaks) lives in `data_dir`/crawl-state.sqlite3.
    `client` lets tests and mirrors pass a configured `httpx.Client` (its redirect setting is
    overridden: redirects are always followed by hand, within the allowed prefixes). Without
    it, connections go only to addresses the guard checked; a client passed in should use
    `ingest.web.connect.PinnedTransport` for that.
    """
    started = time.perf_counter()
    if rebuild:
        index.reset()
    else:
        index.check_model()
    guard = UrlGuard(allow_private=allow_private)
    fetcher = Fetcher(guard=guard, limiter=HostLimiter(), client=client, options=options)
    report = CrawlReport()
    with CrawlState(data_dir / STATE_FILE) as state:
        run = _Run(
            index=index,
            state=state,
            fetcher=fetcher,
            states=index.documents(),
            rebuild=rebuild,
            progress=progress,
            clock=clock,
        )
        # Every source's budget is set before any source starts: set by each source's own
        # thread, a fast source's first requests could go out before a slower source on the
        # same host had lowered the shared rate.
        for source in sources:
            for prefix in (*source.allowlist.prefixes, *source.start_urls):
                fetcher.limiter.configure(
                    urlsplit(prefix).netloc, rate=source.rate, concurrency=source.concurrency
                )
        try:
            with ThreadPoolExecutor(max_workers=max(1, parallel_sources)) as pool:
                futures = [pool.submit(_SourceCrawl(run, s).run, only_due) for s in sources]
                report.sources = [future.result() for future in futures]
        finally:
            if client is None:
                fetcher.close()
    report.requests = fetcher.requests
    report.chunks = index.count()
    report.seconds = time.perf_counter() - started
    return report


class _SourceCrawl:
    def __init__(self, run: _Run, source: SiteSource) -> None:
        self.ctx = run
        self.source = source
        self.allowlist = source.allowlist
        self.limits = Limits(self.allowlist, source.max_page_size, source.timeout)
        self.report = SourceReport(name=source.name)
        self.pipeline_report = IngestReport()
        self.follow = source.follow_links and source.kind in ("page", "markdown-repo")

    def run(self, only_due: bool) -> SourceReport:
        started = time.perf_counter()
        now = self.ctx.clock()
        last = self.ctx.state.last_crawled(self.source.name)
        if only_due and last is not None and now - last < self.source.refresh:
            self.report.not_due = True
            return self.report
        known = self._known_pages()
        frontier = deque(dict.fromkeys([normalize_url(u) for u in self.source.start_urls] + known))
        seen = set(frontier)
        if self.ctx.progress:
            self.ctx.progress.source_started(
                self.source.name, min(len(frontier), self.source.max_pages)
            )
        visited = 0
        workers = self.source.concurrency
        with ThreadPoolExecutor(max_workers=workers) as pool:
            pending: dict[Future[Response], str] = {}
            while frontier or pending:
                while frontier and len(pending) < workers and visited < self.source.max_pages:
                    url = frontier.popleft()
                    visited += 1
                    pending[pool.submit(self._fetch, url)] = url
                if not pending:
                    break
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    url = pending.pop(future)
                    for link in self._handle(url, future):
                        if link not in seen and self.allowlist.allows(link) and not is_asset(link):
                            seen.add(link)
                            frontier.append(link)
        self.report.unvisited = len(frontier)
        self.report.embedded = self.pipeline_report.embedded
        self.ctx.state.mark_crawled(self.source.name, now)
        self.report.seconds = time.perf_counter() - started
        if self.ctx.progress:
            self.ctx.progress.source_finished(self.report)
        return self.report

    def _known_pages(self) -> list[str]:
        """URLs crawled in earlier runs; pages now outside the allowlist are removed."""
        urls = []
        for record in self.ctx.state.pages_of(self.source.name):
            if self.allowlist.allows(record.url):
                urls.append(record.url)
            else:
                self._remove(record, "no longer under the source's allowed prefixes")
        return urls

    # -- worker threads --------------------------------------------------------------------

    def _fetch(self, url: str) -> Response:
        record = self.ctx.state.get(url)
        validators = None
        if record is not None and record.final_url and self._still_indexed(record):
            validators = Validators(record.final_url, record.etag, record.last_modified)
        return self.ctx.fetcher.fetch(url, self.limits, self._classify, validators)

    def _classify(self, content_type: str, url: str) -> str | None:
        return kind_for(content_type, url, self.source.kind)

    def _still_indexed(self, record: PageRecord) -> bool:
        # A 304 is only useful if the index still holds what that version produced; after a
        # rebuild or a crash between writes, fetch the body again.
        if self.ctx.rebuild or record.content_hash is None:
            return False
        if record.doc_url is None:
            return True  # a sitemap or a page that had no text: nothing to re-index
        state = self.ctx.states.get(record.doc_url)
        return (
            state is not None
            and len(state.doc_hashes) == 1
            and len(state.chunk_ids) == state.expected_chunks
        )

    # -- coordinator thread: index and state writes ----------------------------------------

    def _handle(self, url: str, future: Future[Response]) -> list[str]:
        record = self.ctx.state.get(url)
        known_links = list(record.links) if record else []
        try:
            response = future.result()
        except PageGone as exc:
            self._gone(url, record, exc)
            return []
        except (UrlRefused, UnsupportedContent, TooLarge) as exc:
            self._note(url, "skipped", str(exc), self.report.skipped)
            return known_links
        except FetchFailed as exc:
            self._note(url, "failed", str(exc), self.report.failed)
            if record is not None:
                self.ctx.state.save(replace(record, last_status=exc.status, last_error=str(exc)))
            return known_links
        if response.not_modified:
            self.report.not_modified += 1
            if record is not None:
                self.ctx.state.save(replace(record, gone_count=0, last_status=304, last_error=""))
            self._progress(url, "not modified")
            return known_links
        self.report.fetched += 1
        return self._store(url, response, record)

    def _store(self, url: str, response: Response, record: PageRecord | None) -> list[str]:
        body = response.body
        digest = content_hash(body.decode("latin-1"))
        links: list[str] = []
        doc_url: str | None = normalize_url(response.final_url)
        if response.kind == "sitemap":
            links, _ = sitemap_links(body.decode("utf-8", errors="replace"))
            doc_url = None
            self._progress(url, "sitemap")
        else:
            try:
                doc_url, links = self._read_links(response)
            except ParseError as exc:
                self._note(url, "skipped", str(exc), self.report.skipped)
                doc_url = None
        if doc_url is not None:
            doc_url = self._index(url, doc_url, response, digest, record)
        if record is not None and record.doc_url and record.doc_url != doc_url:
            self._drop_document(url, record.doc_url)  # moved (new canonical or redirect)
        self.ctx.state.save(
            PageRecord(
                url=url,
                source=self.source.name,
                doc_url=doc_url,
                final_url=normalize_url(response.final_url),
                etag=response.etag,
                last_modified=response.last_modified,
                content_hash=digest,
                as_of=self._as_of(response, digest, record),
                links=tuple(links),
                last_status=response.status,
            )
        )
        return links

    def _read_links(self, response: Response) -> tuple[str, list[str]]:
        """The URL to index the page under (its canonical URL if allowed) and its links."""
        final = normalize_url(response.final_url)
        links: list[str] = []
        doc_url = final
        if response.kind == "html":
            try:
                parsed = parse_html(response.body.decode("utf-8", errors="replace"), final)
            except ValueError as exc:  # as in document_chunks: this page, not the crawl
                raise ParseError(f"could not be parsed ({type(exc).__name__}: {exc})") from exc
            links = html_links(parsed.links)
            if parsed.canonical_url:
                canonical = normalize_url(parsed.canonical_url)
                # A canonical link elsewhere could make citations point anywhere; ignore it.
                if self.allowlist.allows(canonical):
                    doc_url = canonical
        elif response.kind == "markdown":
            links = markdown_links(response.body.decode("utf-8", errors="replace"), final)
        return doc_url, links if self.follow else []

    def _index(
        self,
        url: str,
        doc_url: str,
        response: Response,
        digest: str,
        record: PageRecord | None,
    ) -> str | None:
        if doc_url in self.ctx.indexed:
            self._progress(url, f"same page as {doc_url}")
            return doc_url
        body = response.body
        document = SourceDocument(
            url=doc_url,
            root=self.source.root,
            kind=response.kind,
            read=lambda: body,
            origin="web",
            as_of=self._as_of(response, digest, record),
        )
        with self.ctx.write_lock:
            outcome = ingest_document(
                self.ctx.index, document, self.ctx.states, self.pipeline_report
            )
            self.ctx.indexed.add(doc_url)
        if outcome.status == "skipped":
            self._note(url, "skipped", outcome.reason, self.report.skipped)
            return None
        if outcome.status == "new":
            self.report.new.append(doc_url)
        elif outcome.text_changed:
            self.report.changed.append(doc_url)
            self._notice(doc_url, "changed")
        else:
            self.report.unchanged += 1
        self._progress(
            url, outcome.status if outcome.text_changed or outcome.status == "new" else "unchanged"
        )
        return doc_url

    def _as_of(self, response: Response, digest: str, record: PageRecord | None) -> str:
        """The date of this version: Last-Modified, else when we first saw these bytes."""
        if response.last_modified:
            try:
                return parsedate_to_datetime(response.last_modified).date().isoformat()
            except (TypeError, ValueError):
                pass
        if record is not None and record.content_hash == digest and record.as_of:
            return record.as_of
        return self.ctx.clock().date().isoformat()

    def _gone(self, url: str, record: PageRecord | None, exc: CrawlError) -> None:
        if record is None or record.doc_url is None:
            # Nothing indexed under this URL: a broken link on the site, not our failure.
            self._note(url, "skipped", f"broken link ({exc})", self.report.skipped)
            if record is not None:
                self.ctx.state.forget(url)
            return
        streak = record.gone_count + 1
        if streak < 2:
            reason = f"{exc} (removed if still gone on the next run)"
            self._note(url, "failed", reason, self.report.failed)
            self.ctx.state.save(replace(record, gone_count=streak, last_error=str(exc)))
            return
        self._remove(record, f"{exc} on two runs in a row")

    def _remove(self, record: PageRecord, reason: str) -> None:
        if record.doc_url and self._drop_document(record.url, record.doc_url):
            self.report.removed.append(record.doc_url)
            self._notice(record.doc_url, "removed")
        self.ctx.state.forget(record.url)
        self._progress(record.url, f"removed: {reason}")

    def _drop_document(self, url: str, doc_url: str) -> bool:
        if doc_url in self.ctx.indexed or self.ctx.state.doc_url_in_use(doc_url, besides=url):
            return False  # another URL (alias, redirect) still backs this document
        with self.ctx.write_lock:
            return self.ctx.index.delete_documents([doc_url]) > 0

    def _notice(self, doc_url: str, what: str) -> None:
        if self.source.watch_for:
            self.report.notices.append(
                ChangeNotice(self.source.name, doc_url, tuple(self.source.watch_for), what)
            )

    def _note(self, url: str, outcome: str, reason: str, into: list[tuple[str, str]]) -> None:
        into.append((url, reason))
        self._progress(url, f"{outcome}: {reason}")

    def _progress(self, url: str, outcome: str) -> None:
        if self.ctx.progress:
            self.ctx.progress.page_done(self.source.name, url, outcome)
