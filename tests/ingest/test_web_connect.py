"""Connections go to the address that was checked: DNS answers cannot change after the check.

The resolver is the test's: it answers 127.0.0.1 first and something else after, as a DNS
rebinding server would. Host names are under .test (RFC 2606), which never resolves for real;
only 127.0.0.1 is ever connected to.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
from canned_site import CannedSite, Reply, Serve, tls_contexts

from ingest.web import FetchFailed, FetchOptions, UrlRefused
from ingest.web.connect import PinnedTransport
from ingest.web.fetch import Fetcher, Limits, Response
from ingest.web.limits import HostLimiter
from ingest.web.safety import UrlGuard

HOST = "docs.rebind.test"
PAGE = Reply(body=b"<html><body><main><p>Quotas are per project.</p></main></body></html>")


class Rebinding:
    """Answers 127.0.0.1 the first time, then `later` (what a rebinding server would do)."""

    def __init__(self, later: str = "::1") -> None:
        self.later = later
        self.asked: list[str] = []

    def __call__(self, host: str) -> list[str]:
        self.asked.append(host)
        return ["127.0.0.1"] if len(self.asked) == 1 else [self.later]


def fetcher(guard: UrlGuard, site: CannedSite, client: httpx.Client | None = None) -> Fetcher:
    limiter = HostLimiter()
    limiter.configure(f"{HOST}:{site.port}", rate=1000, concurrency=2)
    return Fetcher(guard=guard, limiter=limiter, client=client, options=FetchOptions(retries=0))


def get(fetch: Fetcher, url: str) -> Response:
    return fetch.fetch(url, Limits(None, 10**6, timeout=5), lambda _type, _url: "html")


def test_every_connection_goes_to_the_first_answer(serve: Serve) -> None:
    site = serve({"/a": PAGE, "/b": PAGE})  # HTTP/1.0: a new connection per request
    resolver = Rebinding()
    fetch = fetcher(UrlGuard(allow_private=True, resolver=resolver), site)

    try:
        first = get(fetch, f"http://{HOST}:{site.port}/a")
        second = get(fetch, f"http://{HOST}:{site.port}/b")
    finally:
        fetch.close()

    assert (first.status, second.status) == (200, 200)
    assert [r.path for r in site.requests] == ["/robots.txt", "/a", "/b"]
    assert {r.host for r in site.requests} == {f"{HOST}:{site.port}"}
    assert resolver.asked == [HOST]


def test_the_connection_itself_refuses_a_non_public_address(serve: Serve) -> None:
    site = serve({"/": PAGE})
    guard = UrlGuard(allow_private=False, resolver=Rebinding())
    client = httpx.Client(transport=PinnedTransport(guard))

    with pytest.raises(UrlRefused, match=rf"^{HOST} resolves to 127\.0\.0\.1, a loopback"):
        client.get(f"http://{HOST}:{site.port}/")  # no guard.check first: the transport decides

    client.close()
    assert site.requests == []


def test_a_name_that_does_not_resolve_is_a_connection_failure(serve: Serve) -> None:
    site = serve({"/": PAGE})

    def nothing(host: str) -> list[str]:
        raise OSError(f"no address for {host}")

    fetch = fetcher(UrlGuard(allow_private=True, resolver=nothing), site)

    with pytest.raises(FetchFailed, match=rf"cannot resolve {HOST} \(no address for {HOST}\)"):
        get(fetch, f"http://{HOST}:{site.port}/")
    fetch.close()


needs_openssl = pytest.mark.skipif(not shutil.which("openssl"), reason="needs the openssl CLI")


@needs_openssl
def test_https_to_a_pinned_address_verifies_the_certificate_for_the_name(
    serve: Serve, tmp_path: Path
) -> None:
    server_tls, client_tls = tls_contexts(tmp_path, HOST)
    site = serve({"/a": PAGE}, tls=server_tls)
    guard = UrlGuard(allow_private=True, resolver=Rebinding())
    client = httpx.Client(transport=PinnedTransport(guard, verify=client_tls))
    fetch = fetcher(guard, site, client)

    response = get(fetch, f"https://{HOST}:{site.port}/a")

    client.close()
    assert response.status == 200
    assert set(site.server_names) == {HOST}  # SNI: the name, not 127.0.0.1
    assert {r.host for r in site.requests} == {f"{HOST}:{site.port}"}


@needs_openssl
def test_https_with_a_certificate_for_another_name_fails(serve: Serve, tmp_path: Path) -> None:
    server_tls, client_tls = tls_contexts(tmp_path, "other.test")
    site = serve({"/a": PAGE}, tls=server_tls)
    guard = UrlGuard(allow_private=True, resolver=Rebinding())
    client = httpx.Client(transport=PinnedTransport(guard, verify=client_tls))
    fetch = fetcher(guard, site, client)

    with pytest.raises(FetchFailed, match="CERTIFICATE_VERIFY_FAILED"):
        get(fetch, f"https://{HOST}:{site.port}/a")

    client.close()
    assert site.requests == []
