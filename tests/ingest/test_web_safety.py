"""URL policy: allowlist by URL parts, http(s) only, no private addresses unless allowed."""

from __future__ import annotations

import pytest

from ingest.web import UrlRefused
from ingest.web.content import kind_for, markdown_links, sitemap_links
from ingest.web.safety import Allowlist, UrlGuard, normalize_url, url_prefix


def public(host: str) -> list[str]:
    return ["93.184.215.14"] if host.endswith(".org") else ["10.0.0.5"]


def test_normalize_drops_fragment_default_port_and_case() -> None:
    assert normalize_url("HTTPS://Docs.Example.ORG:443/a/b?x=1#top") == (
        "https://docs.example.org/a/b?x=1"
    )
    assert url_prefix("https://h.org/docs/page.html") == "https://h.org/docs/"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://docs.lxp.lu/first-steps/", True),
        ("https://docs.lxp.lu:443/first-steps/x", True),
        ("https://docs.lxp.lu.evil.com/first-steps/", False),
        ("http://docs.lxp.lu/first-steps/", False),
        ("https://docs.lxp.lu/other/", False),
    ],
)
def test_allowlist_compares_scheme_host_and_path(url: str, allowed: bool) -> None:
    assert Allowlist.of(["https://docs.lxp.lu/first-steps/"]).allows(url) is allowed


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "not an http(s) URL"),
        ("ftp://docs.example.org/x", "not an http(s) URL"),
        ("https://user:secret@docs.example.org/", "credentials"),
        ("http://127.0.0.1:8000/admin", "loopback address"),
        ("http://169.254.169.254/latest/meta-data/", "link-local address"),
        ("http://[::1]/", "loopback address"),
        ("http://intranet.corp/", "private address (10.0.0.5)"),
    ],
)
def test_guard_refuses_non_http_and_private_targets(url: str, reason: str) -> None:
    guard = UrlGuard(allow_private=False, resolver=public)

    with pytest.raises(UrlRefused, match=reason.replace("(", r"\(").replace(")", r"\)")):
        guard.check(url, None)


def test_guard_allows_public_hosts_and_private_ones_when_configured() -> None:
    assert UrlGuard(allow_private=False, resolver=public).check("https://a.org/x#y", None) == (
        "https://a.org/x"
    )
    assert UrlGuard(allow_private=True).check("http://127.0.0.1:9/docs/", None)


def test_content_kinds_follow_the_media_type_then_the_source() -> None:
    assert kind_for("text/html; charset=utf-8", "https://h/x", "page") == "html"
    assert kind_for("application/octet-stream", "https://h/terms.pdf", "page") == "pdf"
    assert kind_for("text/plain", "https://raw/h/README.md", "markdown-repo") == "markdown"
    assert kind_for("application/xml", "https://h/sitemap.xml", "sitemap") == "sitemap"
    assert kind_for("image/png", "https://h/logo.png", "page") is None
    assert kind_for("application/zip", "https://h/tool.zip", "page") is None


def test_links_from_markdown_and_sitemaps_are_absolute() -> None:
    text = "See [the guide](../02-env/README.md#top) and ![logo](img/x.png).\n\n[ref]: ./a.md\n"
    sitemap = "<urlset><url><loc> https://h.org/a/?x=1&amp;y=2 </loc></url></urlset>"

    assert markdown_links(text, "https://raw.h/repo/main/01-start/README.md") == [
        "https://raw.h/repo/main/02-env/README.md",
        "https://raw.h/repo/main/01-start/img/x.png",
        "https://raw.h/repo/main/01-start/a.md",
    ]
    assert sitemap_links(sitemap) == (["https://h.org/a/?x=1&y=2"], False)
