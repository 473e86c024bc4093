"""URL policy: allowlist by URL parts, http(s) only, no private addresses unless allowed."""

from __future__ import annotations

import pytest

from ingest.web import UrlRefused
from ingest.web.content import kind_for, markdown_links, sitemap_links
from ingest.web.safety import Allowlist, UrlGuard, normalize_url, url_prefix, why_not_public


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
        ("file:///etc/passwd", "not an http(s) URL (file)"),
        ("ftp://docs.example.org/x", "not an http(s) URL (ftp)"),
        ("https://user:secret@docs.example.org/", "URLs with credentials are not crawled"),
        ("http://[::1/", "not a valid URL (Invalid IPv6 URL)"),
        ("http://docs.example.org:http/", "not a valid URL (Port could not be cast"),
        ("http://127.0.0.1:8000/admin", "127.0.0.1 is a loopback address; set HPCBOT_ALLOW"),
        ("http://169.254.169.254/latest/", "169.254.169.254 is a link-local address; set"),
        ("http://[::1]:8080/", "::1 is a loopback address; set HPCBOT_ALLOW_PRIVATE_URLS=1"),
        ("http://intranet.corp/", "intranet.corp resolves to 10.0.0.5, a private address; set"),
    ],
)
def test_guard_refuses_non_http_and_private_targets(url: str, reason: str) -> None:
    guard = UrlGuard(allow_private=False, resolver=public)

    with pytest.raises(UrlRefused) as refused:
        guard.check(url, None)

    assert str(refused.value).startswith(reason)


def test_guard_allows_public_hosts_and_private_ones_when_configured() -> None:
    assert UrlGuard(allow_private=False, resolver=public).check("https://a.org/x#y", None) == (
        "https://a.org/x"
    )
    assert UrlGuard(allow_private=True).check("http://127.0.0.1:9/docs/", None)
    assert UrlGuard(allow_private=True).check("http://[::1]:8080/", None) == "http://[::1]:8080/"


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("0.0.0.0", "an unspecified ('this network') address"),
        ("0.1.2.3", "an unspecified ('this network') address"),
        ("10.1.2.3", "a private address"),
        ("100.64.0.1", "a shared (carrier-grade NAT) address"),
        ("100.127.255.254", "a shared (carrier-grade NAT) address"),
        ("127.0.0.53", "a loopback address"),
        ("169.254.169.254", "a link-local address"),
        ("172.16.0.1", "a private address"),
        ("192.0.0.170", "an IETF protocol assignment address"),
        ("192.0.2.1", "a documentation address"),
        ("192.88.99.1", "a 6to4 relay anycast address"),
        ("192.168.1.1", "a private address"),
        ("198.18.0.1", "a benchmarking address"),
        ("198.19.255.255", "a benchmarking address"),
        ("198.51.100.7", "a documentation address"),
        ("203.0.113.7", "a documentation address"),
        ("224.0.0.251", "a multicast address"),
        ("239.255.255.250", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("255.255.255.255", "a broadcast address"),
        ("::", "an unspecified address"),
        ("::1", "a loopback address"),
        ("::127.0.0.1", "a reserved address (outside IPv6 global unicast, 2000::/3)"),
        ("::ffff:127.0.0.1", "an IPv4-mapped address carrying 127.0.0.1, a loopback address"),
        ("::ffff:10.0.0.1", "an IPv4-mapped address carrying 10.0.0.1, a private address"),
        ("64:ff9b::a00:1", "a NAT64 address carrying 10.0.0.1, a private address"),
        ("64:ff9b::7f00:1", "a NAT64 address carrying 127.0.0.1, a loopback address"),
        ("64:ff9b:1::5db8:d70e", "a local-use NAT64 address"),
        ("100::1", "a discard-only address"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "a Teredo address carrying 192.0.2.45, a"),
        ("2001:0:a00:1::1", "a Teredo address carrying 10.0.0.1, a private address"),
        ("2001:2::1", "an IETF protocol assignment address"),
        ("2001:db8::1", "a documentation address"),
        ("2002:7f00:1::1", "a 6to4 address carrying 127.0.0.1, a loopback address"),
        ("2002:c0a8:101::1", "a 6to4 address carrying 192.168.1.1, a private address"),
        ("2002:a9fe:a9fe::", "a 6to4 address carrying 169.254.169.254, a link-local address"),
        ("3fff::1", "a documentation address"),
        ("fc00::1", "a private (unique local) address"),
        ("fd12:3456::1", "a private (unique local) address"),
        ("fe80::1%eth0", "a link-local address"),
        ("fec0::1", "a site-local address"),
        ("ff02::1", "a multicast address"),
        ("4000::1", "a reserved address (outside IPv6 global unicast, 2000::/3)"),
    ],
)
def test_only_global_unicast_addresses_are_public(address: str, reason: str) -> None:
    assert why_not_public(address) is not None
    assert str(why_not_public(address)).startswith(reason)


@pytest.mark.parametrize(
    "address",
    [
        "93.184.215.14",
        "1.1.1.1",
        "100.63.255.255",  # just below the carrier-grade NAT block
        "192.31.196.1",  # AS112: special-purpose, yet globally reachable
        "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
        "::ffff:93.184.215.14",
        "64:ff9b::5db8:d70e",  # NAT64 to a public address
        "2002:5db8:d70e::1",  # 6to4 from a public address
    ],
)
def test_global_unicast_addresses_are_public(address: str) -> None:
    assert why_not_public(address) is None


def test_a_host_is_resolved_once_and_its_checked_addresses_are_the_ones_to_connect_to() -> None:
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])  # a rebinding DNS server
    asked: list[str] = []

    def rebinding(host: str) -> list[str]:
        asked.append(host)
        return next(answers)

    guard = UrlGuard(allow_private=False, resolver=rebinding)

    guard.check("https://docs.rebind.example/a", None)
    guard.check("https://docs.rebind.example/b", None)

    assert guard.addresses("docs.rebind.example") == ("93.184.215.14",)
    assert asked == ["docs.rebind.example"]


def test_any_non_public_address_of_a_host_refuses_it() -> None:
    guard = UrlGuard(allow_private=False, resolver=lambda _host: ["93.184.215.14", "10.0.0.5"])

    with pytest.raises(UrlRefused, match=r"^docs\.example\.org resolves to 10\.0\.0\.5, a"):
        guard.addresses("docs.example.org")


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


def test_links_that_are_not_urls_are_dropped() -> None:
    text = "[bad](http://[oops/) [also bad](//[::1) [good](b.md) [port](http://h.org:x/)"
    sitemap = "<urlset><url><loc>http://[::1</loc></url><url><loc>https://h.org/a</loc></url>"

    assert markdown_links(text, "https://raw.h/repo/a.md") == ["https://raw.h/repo/b.md"]
    assert sitemap_links(sitemap) == (["https://h.org/a"], False)
