"""Fetching as the server sees it: per-host rate and concurrency, and bounded bodies."""

from __future__ import annotations

import functools
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from canned_site import CannedSite, Reply, Serve
from fakes.embedder import HashEmbedder
from fakes.site import DocSite, corpus_pages

from ingest.web import FetchFailed, FetchOptions, SiteSource, TooLarge, UrlRefused, crawl_sources
from ingest.web.fetch import Fetcher, Limits, Response, robots_may_follow
from ingest.web.limits import HostLimiter
from ingest.web.safety import Allowlist, UrlGuard
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
        with pytest.raises(
            TooLarge, match=r"^larger than the 1 MB page limit; raise max_page_size"
        ):
            get(fetch, f"http://127.0.0.1:{site.port}/bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        fetch.close()

    # The 1 MB limit plus a few 64 KiB pieces (1.5 MB measured); the bomb expands to 32 MiB.
    assert len(bomb(coding)) < 70_000
    assert peak < 3 * 10**6


def test_a_page_declaring_a_length_over_the_limit_is_not_read(serve: Serve) -> None:
    site = serve({"/big": Reply(body=b"x" * 2 * 10**6)})

    with pytest.raises(TooLarge) as refused:
        get_once(site, "/big")

    assert str(refused.value) == (
        "larger than the 1 MB page limit (2 MB); raise max_page_size if the page is wanted"
    )


def test_a_robots_txt_over_its_limit_makes_the_site_unreachable(serve: Serve) -> None:
    robots = Reply(headers={"Content-Type": "text/plain"}, body=b"# " + b"x" * 600_000)
    site = serve({"/robots.txt": robots, "/page": Reply(body=PAGE)})

    with pytest.raises(FetchFailed) as failed:
        get_once(site, "/page")

    assert str(failed.value) == (
        "robots.txt unreachable (larger than the 512 KiB robots.txt limit); site skipped"
    )


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


# -- redirects: robots.txt goes where pages may go ---------------------------------------------

ROBOTS_ALLOW_ALL = Reply(headers={"Content-Type": "text/plain"}, body=b"User-agent: *\nAllow: /\n")


def moved(location: str) -> Reply:
    return Reply(301, {"Location": location})


def docs_limits(site: CannedSite) -> Limits:
    return Limits(Allowlist.of([f"http://127.0.0.1:{site.port}/docs/"]), 10**6, timeout=5)


@pytest.mark.parametrize("location", ["/elsewhere/robots.txt", "http://other.test/robots.txt"])
def test_a_robots_txt_redirect_outside_the_allowed_prefixes_is_not_followed(
    serve: Serve, location: str
) -> None:
    site = serve({"/robots.txt": moved(location), "/elsewhere/robots.txt": ROBOTS_ALLOW_ALL})
    fetch = fetcher(site)
    target = urljoin(f"http://127.0.0.1:{site.port}/robots.txt", location)

    with pytest.raises(FetchFailed) as failed:
        fetch.fetch(f"http://127.0.0.1:{site.port}/docs/a", docs_limits(site), html)
    fetch.close()

    assert str(failed.value) == (
        f"robots.txt unreachable (robots.txt redirects outside the allowed prefixes, "
        f"to {target}); site skipped"
    )
    assert [request.path for request in site.requests] == ["/robots.txt"]


def test_a_robots_txt_redirect_into_the_allowed_prefixes_is_followed(serve: Serve) -> None:
    rules = Reply(
        headers={"Content-Type": "text/plain"}, body=b"User-agent: *\nDisallow: /docs/a\n"
    )
    site = serve({"/robots.txt": moved("/docs/robots.txt"), "/docs/robots.txt": rules})
    fetch = fetcher(site)

    with pytest.raises(UrlRefused, match="^disallowed by robots.txt$"):
        fetch.fetch(f"http://127.0.0.1:{site.port}/docs/a", docs_limits(site), html)
    fetch.close()

    assert [request.path for request in site.requests] == ["/robots.txt", "/docs/robots.txt"]


@pytest.mark.parametrize(
    ("target", "allowed"),
    [
        ("https://docs.example.org/robots.txt", True),  # the usual http -> https move
        ("http://docs.example.org:80/robots.txt", True),
        ("https://docs.example.org/docs/robots.txt", True),  # inside the allowed prefix
        ("https://docs.example.org/other/robots.txt", False),
        ("https://docs.example.org:8443/robots.txt", False),
        ("https://docs.example.org/robots.txt?x=1", False),
        ("https://cdn.example.net/robots.txt", False),
        ("http://127.0.0.1/robots.txt", False),
    ],
)
def test_robots_txt_may_move_to_the_same_hosts_robots_txt_or_into_the_prefixes(
    target: str, allowed: bool
) -> None:
    allowlist = Allowlist.of(["https://docs.example.org/docs/"])

    assert robots_may_follow("http://docs.example.org/robots.txt", target, allowlist) is allowed


def test_a_redirect_to_something_that_is_not_a_url_is_refused(serve: Serve) -> None:
    site = serve({"/docs/a": moved("http://[oops/")})
    fetch = fetcher(site)

    with pytest.raises(UrlRefused, match=r"^redirects to an invalid URL \(http://\[oops/\)$"):
        fetch.fetch(f"http://127.0.0.1:{site.port}/docs/a", docs_limits(site), html)
    fetch.close()


def html(_type: str, _url: str) -> str:
    return "html"
