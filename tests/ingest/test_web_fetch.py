"""Fetching as the server sees it: per-host rate and concurrency, and bounded bodies."""

from __future__ import annotations

import functools
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from canned_site import CannedSite, Reply, Serve
from fakes.embedder import HashEmbedder
from fakes.site import DocSite, corpus_pages

from ingest.web import FetchFailed, FetchOptions, SiteSource, crawl_sources
from ingest.web.fetch import Fetcher, Limits, Response
from ingest.web.limits import HostLimiter
from ingest.web.safety import UrlGuard
from knowledge.store import Index


def assert_rate(arrivals: list[float], rate: float, window: int = 4) -> None:
    """No burst above `rate`, as the server saw it.

    The client spaces request *starts* exactly; connection set-up and thread scheduling can
    move one arrival a few milliseconds towards the next, so the check is over a sliding
    window of `window` intervals (one interval of slack) and over the whole crawl.
    """
    for earlier, later in zip(arrivals, arrivals[window:], strict=False):
        assert later - earlier >= (window - 1) / rate
    assert arrivals[-1] - arrivals[0] >= (len(arrivals) - 2) / rate


@pytest.fixture()
def site() -> Iterator[DocSite]:
    with DocSite(corpus_pages(10)) as running:
        yield running


@pytest.mark.parametrize("rate", [20.0, 40.0])
def test_requests_to_a_host_never_exceed_the_configured_rate(
    tmp_path: Path, site: DocSite, rate: float
) -> None:
    source = SiteSource(
        name="rate", start_urls=[site.docs_url], rate=rate, concurrency=4, max_pages=15
    )

    crawl_sources(
        Index(tmp_path / "index", HashEmbedder()),
        [source],
        data_dir=tmp_path,
        allow_private=True,
        options=FetchOptions(retries=0),
    )

    arrivals = sorted(hit.at for hit in site.hits)
    assert len(arrivals) >= 12
    assert_rate(arrivals, rate)


def test_two_sources_on_one_host_share_the_strictest_budget(tmp_path: Path, site: DocSite) -> None:
    pages = list(corpus_pages(10))
    fast = SiteSource(
        name="fast", start_urls=[site.url(p) for p in pages[:5]], rate=200, follow_links=False
    )
    slow = SiteSource(
        name="slow", start_urls=[site.url(p) for p in pages[5:]], rate=25, follow_links=False
    )

    crawl_sources(
        Index(tmp_path / "index", HashEmbedder()),
        [fast, slow],
        data_dir=tmp_path,
        allow_private=True,
    )

    arrivals = sorted(hit.at for hit in site.hits)
    assert len(arrivals) == 11  # robots.txt once, then ten pages
    assert_rate(arrivals, 25)


# -- compressed bodies: the size limit holds after decompression -----------------------------

BOMB_SIZE = 32 * 2**20  # what the bomb expands to; the page limit below is 1 MB
PAGE = (
    b"<html><body><main><h1>Quotas</h1><p>Projects get 50 TB of scratch.</p></main></body></html>"
)


def compress(coding: str, chunks: Iterator[bytes]) -> bytes:
    if coding == "zstd":
        import zstandard

        zstd = zstandard.ZstdCompressor(level=3).compressobj()
        return b"".join(zstd.compress(chunk) for chunk in chunks) + zstd.flush()
    wbits = {"gzip": 31, "deflate": 15, "raw deflate": -15}[coding]
    deflate = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return b"".join(deflate.compress(chunk) for chunk in chunks) + deflate.flush()


@functools.cache
def bomb(coding: str) -> bytes:
    return compress(coding, (bytes(2**20) for _ in range(BOMB_SIZE // 2**20)))


def fetcher(*sites: CannedSite, guard: UrlGuard | None = None) -> Fetcher:
    limiter = HostLimiter()
    for site in sites:  # no politeness pauses between a test's few requests
        limiter.configure(f"127.0.0.1:{site.port}", rate=1000, concurrency=2)
    return Fetcher(
        guard=guard or UrlGuard(allow_private=True),
        limiter=limiter,
        options=FetchOptions(retries=0),
    )


def get(fetch: Fetcher, url: str, max_bytes: int = 10**6) -> Response:
    return fetch.fetch(url, Limits(None, max_bytes, timeout=10), lambda _type, _url: "html")


def get_once(site: CannedSite, path: str) -> Response:
    fetch = fetcher(site)
    try:
        return get(fetch, f"http://127.0.0.1:{site.port}{path}")
    finally:
        fetch.close()


CODINGS = ["gzip", "deflate", "raw deflate", "zstd"]


def encoded(coding: str, body: bytes) -> Reply:
    header = "deflate" if coding == "raw deflate" else coding
    return Reply(headers={"Content-Type": "text/html", "Content-Encoding": header}, body=body)


@pytest.mark.parametrize("coding", CODINGS)
def test_a_decompression_bomb_stops_at_the_page_limit_with_bounded_memory(
    serve: Serve, coding: str
) -> None:
    site = serve({"/bomb": encoded(coding, bomb(coding))})
    fetch = fetcher(site)

    tracemalloc.start()
    try:
        with pytest.raises(FetchFailed, match=r"^larger than the 1 MB limit$"):
            get(fetch, f"http://127.0.0.1:{site.port}/bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        fetch.close()

    # The 1 MB limit plus a few 64 KiB pieces (1.5 MB measured); the bomb expands to 32 MiB.
    assert len(bomb(coding)) < 70_000
    assert peak < 3 * 10**6


@pytest.mark.parametrize("coding", CODINGS)
def test_a_compressed_page_within_the_limit_is_decoded(serve: Serve, coding: str) -> None:
    site = serve({"/page": encoded(coding, compress(coding, iter([PAGE])))})
    response = get_once(site, "/page")

    assert response.body == PAGE


def test_only_codings_decoded_in_bounded_pieces_are_offered(serve: Serve) -> None:
    site = serve({"/page": Reply(body=PAGE)})

    get_once(site, "/page")

    assert {request.accept_encoding for request in site.requests} == {"gzip, deflate, zstd"}


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("br", "Content-Encoding br was not offered and is not decoded"),
        ("gzip, gzip", r"stacked Content-Encoding not supported \(gzip, gzip\)"),
    ],
)
def test_a_coding_that_was_not_offered_is_refused(serve: Serve, header: str, reason: str) -> None:
    reply = Reply(headers={"Content-Type": "text/html", "Content-Encoding": header}, body=b"x")
    site = serve({"/page": reply})

    with pytest.raises(FetchFailed, match=reason):
        get_once(site, "/page")


def test_a_corrupt_compressed_body_is_a_failure_with_a_reason(serve: Serve) -> None:
    site = serve({"/page": encoded("gzip", b"\x1f\x8b\x08\x00 definitely not gzip")})

    with pytest.raises(FetchFailed, match=r"^the gzip body is corrupt \(Error -3"):
        get_once(site, "/page")
