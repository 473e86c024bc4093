"""`hpcbot ingest URL`, `hpcbot ingest --sources FILE`, and local paths still working."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from canned_site import Reply, Serve, ipv6_loopback
from fakes.embedder import HashEmbedder
from fakes.site import DocSite, corpus_pages
from typer.testing import CliRunner

import bot.cli.knowledge_cmds as knowledge_cmds
from bot.cli import app
from knowledge.store import Index

PAGES = corpus_pages(3)


@pytest.fixture()
def site() -> Iterator[DocSite]:
    with DocSite(PAGES) as running:
        yield running


@pytest.fixture()
def index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Index:
    opened = Index(tmp_path / "index", HashEmbedder())
    monkeypatch.setattr(knowledge_cmds, "_open", lambda settings: opened)
    monkeypatch.setenv("HPCBOT_DATA_DIR", str(tmp_path / "data"))
    return opened


def run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["ingest", *args, "--json"])
    assert result.exit_code == 0, result.output
    payload: dict[str, object] = json.loads(result.stdout)
    return payload


def test_url_argument_crawls_under_its_prefix(
    index: Index, site: DocSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HPCBOT_ALLOW_PRIVATE_URLS", "1")

    report = run(site.docs_url, "--rate", "200")

    totals = report["totals"]
    assert isinstance(totals, dict)
    assert (totals["new"], totals["failed"], totals["skipped"]) == (4, 0, 0)
    assert sorted(report["sources"][0]["new"]) == sorted(  # type: ignore[index]
        [site.docs_url] + [site.url(slug) for slug in PAGES]
    )


def test_private_url_is_refused_without_the_setting(index: Index, site: DocSite) -> None:
    report = run(site.docs_url)

    (skipped,) = report["sources"][0]["skipped"]  # type: ignore[index]
    assert "HPCBOT_ALLOW_PRIVATE_URLS=1" in skipped["reason"]
    assert site.hits == []


def test_sources_file_argument(
    index: Index, site: DocSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HPCBOT_ALLOW_PRIVATE_URLS", "1")
    sources = tmp_path / "mirror.yaml"
    sources.write_text(
        "sources:\n  - name: mirror\n"
        f"    start_urls: [{site.docs_url}]\n    rate: 200\n    watch_for: [large-scale]\n"
    )

    report = run("--sources", str(sources))

    assert report["sources"][0]["name"] == "mirror"  # type: ignore[index]
    assert len(report["sources"][0]["new"]) == 4  # type: ignore[index]


def test_bad_sources_file_is_a_usage_error_with_file_and_line(index: Index, tmp_path: Path) -> None:
    sources = tmp_path / "bad.yaml"
    sources.write_text("sources:\n  - name: x\n    start_url: [https://x.org/]\n")

    result = CliRunner().invoke(app, ["ingest", "--sources", str(sources)], env={"COLUMNS": "400"})

    assert result.exit_code == 2
    assert f"{sources}:3: sources[0].start_url: unknown key" in result.output


def test_local_paths_still_work(index: Index, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "storage.md").write_text("# Storage\n\nScratch files are deleted after 90 days.\n")

    report = run(str(docs))

    assert (report["new"], report["skipped"]) == (1, [])


def test_local_files_over_the_size_limit_are_skipped_with_a_reason(
    index: Index, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "storage.md").write_text("# Storage\n\nScratch files are deleted after 90 days.\n")
    (docs / "dump.txt").write_text("x" * 3000)

    report = run(str(docs), "--max-file-size", "2KB")

    assert report["new"] == 1
    assert report["skipped"] == [
        {
            "url": (docs / "dump.txt").as_uri(),
            "reason": "larger than the 2 KB limit for local files (3 KB); "
            "raise it with --max-file-size if the file is wanted",
        }
    ]


def test_a_max_file_size_that_is_not_a_size_is_a_usage_error(index: Index, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path), "--max-file-size", "big"], env={"COLUMNS": "400"}
    )

    assert result.exit_code == 2
    assert "'big' is not a size like 500KB or 20MB" in result.output


def test_an_ipv6_literal_url_is_judged_by_the_guard(index: Index) -> None:
    report = run("http://[::1]:9/docs/")

    assert report["sources"][0]["skipped"] == [  # type: ignore[index]
        {
            "url": "http://[::1]:9/docs/",
            "reason": "::1 is a loopback address; "
            "set HPCBOT_ALLOW_PRIVATE_URLS=1 to crawl internal mirrors",
        }
    ]


@pytest.mark.skipif(not ipv6_loopback(), reason="no IPv6 loopback here")
def test_an_ipv6_literal_url_is_crawled_when_private_urls_are_allowed(
    index: Index, serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HPCBOT_ALLOW_PRIVATE_URLS", "1")
    page = b"<html><body><main><h1>Docs</h1><p>Served over IPv6 loopback.</p></main></body></html>"
    site = serve({"/docs/": Reply(body=page)}, address="::1")
    url = f"http://[::1]:{site.port}/docs/"

    report = run(url, "--rate", "200")

    assert report["sources"][0]["new"] == [url]  # type: ignore[index]
    assert [request.path for request in site.requests] == ["/robots.txt", "/docs/"]


def test_ingest_without_arguments_says_the_bundled_knowledge_needs_no_index(index: Index) -> None:
    result = CliRunner().invoke(app, ["ingest"], env={"COLUMNS": "400"})
    said = " ".join(result.output.split())  # the console may wrap lines whatever COLUMNS says

    assert result.exit_code == 0, result.output
    assert "0 chunks in the index" in said
    assert "answered from curated facts and needs no index" in said
    assert "hpcbot ingest PATH" in said
