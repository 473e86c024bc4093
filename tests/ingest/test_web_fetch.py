"""Politeness as the server sees it: per-host rate and concurrency, and robots Crawl-delay."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.embedder import HashEmbedder
from fakes.site import DocSite, corpus_pages

from ingest.web import FetchOptions, SiteSource, crawl_sources
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
