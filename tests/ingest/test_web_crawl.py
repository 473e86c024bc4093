"""Crawling a real local site into a real Chroma index (with the deterministic embedder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from canned_site import Reply, Serve
from fakes.documents import write_pdf
from fakes.embedder import HashEmbedder
from fakes.site import EXTRAS, DocSite, corpus_pages, title_of

from ingest.web import DEADLINE_NOTICE, CrawlReport, FetchOptions, SiteSource, crawl_sources
from knowledge.store import Index

PAGES = corpus_pages(6)
# Quick retries and a short timeout keep the awkward pages from slowing the suite down.
OPTIONS = FetchOptions(retries=1, backoff=0.02, max_retry_after=5)


@pytest.fixture()
def site() -> Iterator[DocSite]:
    with DocSite(PAGES) as running:
        yield running


@pytest.fixture()
def embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture()
def index(tmp_path: Path, embedder: HashEmbedder) -> Index:
    return Index(tmp_path / "index", embedder)


def source_for(site: DocSite, **changes: Any) -> SiteSource:
    fields: dict[str, Any] = {
        "name": "test-docs",
        "start_urls": [site.docs_url],
        "rate": 200,
        "concurrency": 4,
        "timeout": 0.5,
        "max_page_size": "1MB",
    }
    return SiteSource.model_validate({**fields, **changes})


def crawl(index: Index, tmp_path: Path, *sources: SiteSource, **kwargs: Any) -> CrawlReport:
    kwargs.setdefault("allow_private", True)
    return crawl_sources(index, list(sources), data_dir=tmp_path, options=OPTIONS, **kwargs)


def web_chunks(index: Index) -> list[Any]:
    return [c for c in index.all_chunks() if c.root == "web:test-docs"]


def test_pages_land_in_the_index_under_canonical_urls_without_site_chrome(
    index: Index, site: DocSite, tmp_path: Path
) -> None:
    report = crawl(index, tmp_path, source_for(site))

    (source,) = report.sources
    assert sorted(source.new) == sorted([site.docs_url] + [site.url(s) for s in PAGES])
    assert (source.failed, source.removed) == ([], [])
    chunks = web_chunks(index)
    titles = {c.url: c.title for c in chunks}
    assert {url: titles[url] for url in map(site.url, PAGES)} == {
        site.url(slug): title_of(text) for slug, text in PAGES.items()
    }
    texts = " ".join(c.text for c in chunks)
    for chrome in ("cookies", "Copyright Test Docs", "Privacy policy"):
        assert chrome not in texts
    assert all(
        c.origin == "web" and c.as_of == "2023-11-14" for c in chunks if c.url != site.docs_url
    )
    assert all(
        h.agent.startswith("hpcbot/") and "EuroHPC docs indexer" in h.agent for h in site.hits
    )


def test_second_run_costs_one_304_per_page_and_embeds_nothing(
    index: Index, site: DocSite, tmp_path: Path, embedder: HashEmbedder
) -> None:
    crawl(index, tmp_path, source_for(site))
    embedder.embedded.clear()
    site.hits.clear()

    # What a second run costs is counted here (requests, embeddings); how long it takes is
    # measured by bench/crawl_bench.py, since wall time on a shared CI machine is noise.
    second = crawl(index, tmp_path, source_for(site))

    (source,) = second.sources
    page_hits = [h for h in site.hits if h.path.startswith("/docs/") and h.path != "/docs/"]
    assert page_hits and all(h.conditional and h.status == 304 for h in page_hits)
    assert source.not_modified == len(page_hits)
    assert (source.fetched, source.unchanged, source.new, source.changed) == (1, 1, [], [])
    assert embedder.embedded == []


def test_changed_watched_page_is_reported_with_a_deadline_notice(
    index: Index, site: DocSite, tmp_path: Path
) -> None:
    watched = source_for(site, watch_for=["large-scale"])
    crawl(index, tmp_path, watched)
    slug = next(iter(PAGES))
    site.set_page(slug, PAGES[slug] + "\n\nThe next cut-off moved to 15 December.\n")

    report = crawl(index, tmp_path, watched)

    (source,) = report.sources
    assert source.changed == [site.url(slug)]
    assert [(n.url, n.calls, n.message) for n in report.notices] == [
        (site.url(slug), ("large-scale",), DEADLINE_NOTICE)
    ]
    assert any("moved to 15 December" in c.text for c in web_chunks(index))
    assert report.to_dict()["notices"][0]["message"] == DEADLINE_NOTICE


def test_a_404_removes_a_page_only_on_the_second_run_in_a_row(
    index: Index, site: DocSite, tmp_path: Path
) -> None:
    crawl(index, tmp_path, source_for(site))
    slug = list(PAGES)[-1]
    site.remove_page(slug)

    once = crawl(index, tmp_path, source_for(site))

    failed = once.sources[0].failed
    assert failed and all(url.startswith(f"{site.docs_url}{slug}/") for url, _ in failed)
    assert all("removed if still gone" in reason for _, reason in once.sources[0].failed)
    assert site.url(slug) in {c.url for c in web_chunks(index)}

    twice = crawl(index, tmp_path, source_for(site))

    assert twice.sources[0].removed == [site.url(slug)]
    assert site.url(slug) not in {c.url for c in web_chunks(index)}
    assert len({c.url for c in web_chunks(index)}) == len(PAGES)  # the others stay


def test_an_outage_between_two_404s_removes_nothing(
    index: Index, site: DocSite, tmp_path: Path
) -> None:
    crawl(index, tmp_path, source_for(site))
    site.stop()

    outage = crawl(index, tmp_path, source_for(site))

    assert outage.sources[0].removed == []
    assert outage.sources[0].failed  # robots.txt unreachable or connection refused
    assert len({c.url for c in web_chunks(index)}) == len(PAGES) + 1


def test_robots_disallow_is_respected(index: Index, tmp_path: Path) -> None:
    with DocSite(PAGES, extras=("private",)) as site:
        report = crawl(index, tmp_path, source_for(site))

    assert site.hits_for("/docs/private/secret/") == []
    secret = f"{site.docs_url}private/secret/"
    assert (secret, "disallowed by robots.txt") in report.sources[0].skipped
    assert site.hits[0].path == "/robots.txt"


def test_awkward_pages_are_reported_with_reasons_and_the_rest_is_indexed(
    index: Index, tmp_path: Path
) -> None:
    pdf = write_pdf(tmp_path / "terms.pdf", ["Terms of reference.", "Cut-offs: see page two."])
    with DocSite(PAGES, extras=EXTRAS, pdf=pdf.read_bytes()) as site:
        report = crawl(index, tmp_path, source_for(site))

    (source,) = report.sources
    base = site.docs_url
    failed, skipped = dict(source.failed), dict(source.skipped)
    assert failed[f"{base}slow/"] == "timed out after 0.5 s (gave up after 2 attempts)"
    assert failed[f"{base}flaky/"] == "HTTP 500 Internal Server Error (gave up after 2 attempts)"
    assert skipped[f"{base}huge/"] == (
        "larger than the 1 MB page limit; raise max_page_size if the page is wanted"
    )
    assert skipped[f"{base}partner/"].startswith("redirects outside the allowed prefixes")
    assert skipped[f"{base}downloads/tool.zip"] == "not indexed: application/zip"
    assert skipped[f"{base}missing/"] == "broken link (HTTP 404 Not Found)"
    assert site.hits_for("/elsewhere/") == []  # outside the prefix: never requested
    # 429 with Retry-After: 1 is waited out, then the page is indexed.
    busy = site.hits_for("/docs/busy/")
    assert [h.status for h in busy] == [429, 200]
    assert busy[1].at - busy[0].at >= 0.95
    assert f"{base}busy/" in source.new
    # The in-prefix redirect lands on a page that is indexed once, under its canonical URL.
    assert f"{base}old-home/" not in {c.url for c in index.all_chunks()}
    pdf_chunks = [c for c in index.all_chunks() if c.url == f"{base}calls/terms.pdf"]
    assert [(c.page, c.section) for c in pdf_chunks] == [(1, "page 1"), (2, "page 2")]
    assert len(site.hits_for("/docs/flaky/")) == 2


def test_private_addresses_are_refused_unless_allowed(
    index: Index, site: DocSite, tmp_path: Path
) -> None:
    report = crawl(index, tmp_path, source_for(site), allow_private=False)

    ((url, reason),) = report.sources[0].skipped
    assert url == site.docs_url
    assert reason.startswith("127.0.0.1 is a loopback address; set HPCBOT_ALLOW_PRIVATE_URLS=1")
    assert site.hits == []
    assert index.count() == 0


def test_server_dying_mid_run_loses_nothing(index: Index, site: DocSite, tmp_path: Path) -> None:
    crawl(index, tmp_path, source_for(site))
    before = {c.id for c in index.all_chunks()}
    for slug in PAGES:
        site.set_page(slug, PAGES[slug] + "\n\nUpdated after the maintenance break.\n")
    site.die_after(4)

    broken = crawl(index, tmp_path, source_for(site))

    assert broken.sources[0].failed and broken.sources[0].removed == []
    urls_after = {c.url for c in index.all_chunks()}
    assert urls_after == {c.url for c in index.all_chunks() if c.id in before} | urls_after
    assert len(urls_after) == len(PAGES) + 1
    site.restart()

    healed = crawl(index, tmp_path, source_for(site))

    assert healed.sources[0].failed == []
    updated = {c.url for c in web_chunks(index) if "maintenance break" in c.text}
    assert updated == {site.url(slug) for slug in PAGES}


def test_a_crash_while_indexing_keeps_the_previous_index(
    index: Index, site: DocSite, tmp_path: Path, embedder: HashEmbedder
) -> None:
    crawl(index, tmp_path, source_for(site))
    before = {c.id for c in index.all_chunks()}
    for slug in PAGES:
        site.set_page(slug, PAGES[slug] + "\n\nA new paragraph about quotas.\n")
    embedder.fail_after = len(embedder.embedded)

    with pytest.raises(RuntimeError, match="simulated crash"):
        crawl(index, tmp_path, source_for(site))

    assert {c.id for c in index.all_chunks()} == before
    embedder.fail_after = None
    healed = crawl(index, tmp_path, source_for(site))
    assert len(healed.sources[0].changed) == len(PAGES)


def test_sources_not_due_are_left_alone_when_asked(
    index: Index, site: DocSite, tmp_path: Path
) -> None:
    crawl(index, tmp_path, source_for(site))
    site.hits.clear()

    report = crawl(index, tmp_path, source_for(site, refresh="1d"), only_due=True)

    assert report.sources[0].not_due
    assert site.hits == []


def test_sitemap_source_crawls_the_listed_pages_only(index: Index, tmp_path: Path) -> None:
    with DocSite(PAGES, extras=("errors",)) as site:
        source = source_for(site, kind="sitemap", start_urls=[f"{site.base_url}/sitemap.xml"])
        source = source.model_copy(
            update={"allow": [site.docs_url, f"{site.base_url}/sitemap.xml"]}
        )
        report = crawl(index, tmp_path, source)

    assert sorted(report.sources[0].new) == sorted(site.url(s) for s in PAGES)
    assert site.hits_for("/docs/missing/") == []  # linked from pages, but not in the sitemap


def test_links_that_are_not_urls_do_not_stop_the_crawl(
    index: Index, tmp_path: Path, serve: Serve
) -> None:
    page = "<html><body><main><h1>{0}</h1><p>The {0} page of the guide.</p>{1}</main></body></html>"
    broken = '<a href="http://[oops/">broken</a> <a href="//[::1">also</a> <a href="good/">ok</a>'
    site = serve(
        {
            "/docs/": Reply(body=page.format("Home", broken).encode()),
            "/docs/good/": Reply(body=page.format("Good", "").encode()),
        }
    )
    docs = f"http://127.0.0.1:{site.port}/docs/"
    source = SiteSource(name="hostile", start_urls=[docs, f"{docs}good/"], rate=200, timeout=2)

    report = crawl(index, tmp_path, source)

    (result,) = report.sources
    assert f"{docs}good/" in result.new
    assert result.failed == []
    # Skipped while parse_html raises on such links ("could not be parsed"), indexed once it
    # ignores them; either way the crawl finishes and reports what became of the page.
    assert docs in result.new or dict(result.skipped)[docs].startswith("could not be parsed")
