"""The sources file: the shipped one is valid, and mistakes point at the file and line."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from ingest.web import SourcesError, adhoc_source, load_sources
from ingest.web.config import default_sources_file


def test_shipped_sources_file_is_valid_and_names_real_sites() -> None:
    sources = load_sources()

    names = {s.name for s in sources}
    assert {"lumi-docs", "leonardo-docs", "marenostrum5-docs", "meluxina-docs"} <= names
    assert {"it4i-docs", "vega-docs", "eurohpc-large-scale", "eurohpc-call-documents"} <= names
    assert {s.kind for s in sources} == {"page", "sitemap", "pdf", "markdown-repo"}
    assert all(url.startswith("https://") for s in sources for url in s.start_urls)


def test_watch_for_names_only_calls_that_exist() -> None:
    calls = yaml.safe_load((default_sources_file().parent / "data" / "calls.yaml").read_text())
    known = {call["id"] for call in calls["calls"]}

    watched = {call for s in load_sources() for call in s.watch_for}

    assert watched and watched <= known


def test_defaults_apply_unless_a_source_overrides_them(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "defaults:\n  rate: 0.5\n  max_page_size: 2MB\n  refresh: 12h\n"
        "sources:\n"
        "  - name: a\n    start_urls: [https://docs.example.org/guide/index.html]\n"
        "  - name: b\n    start_urls: [https://docs.example.org/]\n    rate: 2\n"
    )

    a, b = load_sources(path)

    assert (a.rate, a.max_page_size, a.refresh) == (0.5, 2_000_000, timedelta(hours=12))
    assert b.rate == 2
    assert a.allowlist.prefixes == ("https://docs.example.org/guide/",)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "sources:\n  - name: a\n    start_urls: [https://x.org/]\n    max_pagez: 3\n",
            4,
            "sources[0].max_pagez: unknown key",
        ),
        (
            "sources:\n  - name: a\n    kind: wiki\n    start_urls: [https://x.org/]\n",
            3,
            "sources[0].kind: Input should be 'page', 'sitemap', 'pdf' or 'markdown-repo'",
        ),
        (
            "sources:\n  - name: a\n    start_urls: [ftp://x.org/]\n",
            3,
            "sources[0].start_urls[0]: 'ftp://x.org/' is not an http(s) URL",
        ),
        (
            "defaults:\n  refresh: soon\nsources:\n  - name: a\n    start_urls: [https://x.org/]\n",
            2,
            "defaults.refresh: 'soon' is not a duration like 12h, 1d or 1w",
        ),
        ("sources:\n  - name: a\n   bad indent\n", 3, "not valid YAML"),
        (
            "sources:\n  - name: a\n    start_urls: [https://x.org/]\n"
            "  - name: a\n    start_urls: [https://y.org/]\n",
            4,
            "source name 'a' is used twice",
        ),
        ("source:\n  - name: a\n", 1, "source: unknown key"),
    ],
)
def test_mistakes_name_file_line_and_fix(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(text)

    with pytest.raises(SourcesError) as caught:
        load_sources(path)

    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)


def test_adhoc_source_stays_under_the_url_folder_and_guesses_the_kind() -> None:
    page = adhoc_source("https://docs.lxp.lu/first-steps/quick_start/")
    pdf = adhoc_source("https://example.org/calls/terms.pdf")
    sitemap = adhoc_source("https://docs.lxp.lu/sitemap.xml")

    assert page.allowlist.prefixes == ("https://docs.lxp.lu/first-steps/quick_start/",)
    assert (page.kind, pdf.kind, sitemap.kind) == ("page", "pdf", "sitemap")
    assert page.root == "web:https://docs.lxp.lu/first-steps/quick_start/"


def test_an_ipv6_literal_url_is_a_source_of_its_own() -> None:
    source = adhoc_source("http://[::1]:8080/docs/")

    assert source.start_urls == ["http://[::1]:8080/docs/"]
    assert source.allowlist.prefixes == ("http://[::1]:8080/docs/",)
    assert source.name == "http://::1:8080/docs/-5a36d8ae"


def test_urls_that_differ_only_in_case_are_different_sources() -> None:
    upper = adhoc_source("https://docs.example.org/Guide/")
    lower = adhoc_source("https://docs.example.org/guide/")

    assert (upper.name, lower.name) == (
        "https://docs.example.org/guide/-0a8d5223",
        "https://docs.example.org/guide/",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://[::1/", "Invalid IPv6 URL"),
        ("http:///x", "start_urls.0: 'http:///x' is not an http(s) URL"),
    ],
)
def test_a_url_that_is_not_one_is_a_one_line_error(url: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        adhoc_source(url)

    assert str(error.value) == message
