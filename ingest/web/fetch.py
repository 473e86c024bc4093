"""HTTP for the crawler: polite, bounded and conditional.

`Fetcher.fetch` checks every hop (allowlist, scheme, private addresses, robots.txt), follows
redirects itself so a redirect cannot leave the allowed prefixes, sends ETag/Last-Modified
validators, streams the body and stops past the size limit (counted after decompression, which
goes a bounded piece at a time: ingest/web/decode.py), and retries 429 (honouring Retry-After)
and 5xx with exponential back-off. Failures raise a `CrawlError` subclass whose message is the
reason shown in the report.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

import httpx

from ingest.sizes import format_size
from ingest.web.connect import PinnedTransport
from ingest.web.decode import ACCEPT_ENCODING, decoded
from ingest.web.errors import FetchFailed, PageGone, TooLarge, UnsupportedContent, UrlRefused
from ingest.web.limits import HostLimiter
from ingest.web.robots import RobotsPolicy
from ingest.web.safety import Allowlist, UrlGuard, normalize_url

ROBOTS_AGENT = "hpcbot"
PROJECT_URL = "https://github.com/hpcbot/hpcbot"
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRYABLE = {429, 500, 502, 503, 504}
_ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


def user_agent() -> str:
    try:
        release = version("hpcbot")
    except PackageNotFoundError:
        release = "dev"
    return f"hpcbot/{release} (+{PROJECT_URL}; EuroHPC docs indexer)"


@dataclass(frozen=True)
class FetchOptions:
    """Retry and redirect policy; the per-page limits come from each source."""

    retries: int = 3
    backoff: float = 1.0  # first wait after a 5xx or network error; doubles each retry
    max_retry_after: float = 300.0  # a longer Retry-After is not waited for
    max_redirects: int = 5


@dataclass(frozen=True)
class Validators:
    """Conditional-GET validators, valid for the URL that returned them."""

    url: str
    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class Limits:
    allowlist: Allowlist | None
    max_bytes: int
    timeout: float


@dataclass(frozen=True)
class Response:
    """A 200 with its body, or a 304 (`not_modified`, empty body)."""

    url: str
    final_url: str
    status: int
    content_type: str = ""
    kind: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


# Decides from the headers whether a body is worth downloading: kind or None (skip).
Classifier = Callable[[str, str], str | None]


@dataclass(frozen=True)
class _Raw:
    status: int
    headers: httpx.Headers
    body: bytes = b""


class Fetcher:
    """One per crawl run; thread-safe (httpx.Client is).

    Without a `client`, connections go only to the addresses the guard checked
    (`PinnedTransport`). A client passed in connects through its own transport: build it with
    `PinnedTransport(guard)` to keep that protection.
    """

    def __init__(
        self,
        *,
        guard: UrlGuard,
        limiter: HostLimiter,
        client: httpx.Client | None = None,
        options: FetchOptions | None = None,
    ) -> None:
        self.guard = guard
        self.limiter = limiter
        self.options = options or FetchOptions()
        self.requests = 0
        self._client = client or httpx.Client(transport=PinnedTransport(guard))
        self._client.headers["User-Agent"] = user_agent()
        # Only what `decoded` can undo in bounded pieces (httpx would also offer br, and
        # decode any coding whole).
        self._client.headers["Accept-Encoding"] = ACCEPT_ENCODING
        self._client.follow_redirects = False
        self.robots = RobotsPolicy(
            self._fetch_robots, ROBOTS_AGENT, on_crawl_delay=limiter.slow_down
        )

    def close(self) -> None:
        self._client.close()

    def fetch(
        self,
        url: str,
        limits: Limits,
        classify: Classifier,
        validators: Validators | None = None,
    ) -> Response:
        current = url
        for _ in range(self.options.max_redirects + 1):
            current = self.guard.check(current, limits.allowlist)
            self.robots.check(current, limits.allowlist)
            conditional = validators.headers() if validators and validators.url == current else {}
            raw = self._request(current, conditional, limits, classify)
            if raw.status in _REDIRECTS:
                location = raw.headers.get("location")
                if not location:
                    raise FetchFailed(f"HTTP {raw.status} without a Location header", raw.status)
                target = _redirect_target(current, location)
                if limits.allowlist is not None and not limits.allowlist.allows(target):
                    raise UrlRefused(f"redirects outside the allowed prefixes, to {target}")
                current = target
                continue
            if raw.status == 304:
                return Response(url=url, final_url=current, status=304)
            content_type = raw.headers.get("content-type", "")
            return Response(
                url=url,
                final_url=current,
                status=raw.status,
                content_type=content_type,
                kind=classify(content_type, current) or "",
                body=raw.body,
                etag=raw.headers.get("etag"),
                last_modified=raw.headers.get("last-modified"),
            )
        raise FetchFailed(f"more than {self.options.max_redirects} redirects")

    # -- one URL, with retries -------------------------------------------------------------

    def _request(
        self, url: str, headers: dict[str, str], limits: Limits, classify: Classifier
    ) -> _Raw:
        host = urlsplit(url).netloc
        failure: FetchFailed | None = None
        for attempt in range(self.options.retries + 1):
            wait = self.options.backoff * 2**attempt
            with self.limiter.slot(host):
                self.requests += 1
                try:
                    raw = self._once(url, headers, limits, classify)
                except httpx.TimeoutException:
                    failure = FetchFailed(f"timed out after {limits.timeout:g} s")
                except httpx.TransportError as exc:
                    failure = FetchFailed(f"connection failed ({type(exc).__name__}: {exc})")
                else:
                    if raw.status not in _RETRYABLE:
                        return raw
                    failure = FetchFailed(_status_reason(raw.status), raw.status)
                    wait = _retry_after(raw.headers.get("retry-after")) or wait
            if attempt == self.options.retries or wait > self.options.max_retry_after:
                break
            self.limiter.defer(host, wait)
        assert failure is not None
        raise FetchFailed(f"{failure} (gave up after {attempt + 1} attempts)", failure.status)

    def _once(
        self, url: str, headers: dict[str, str], limits: Limits, classify: Classifier
    ) -> _Raw:
        deadline = time.monotonic() + limits.timeout
        with self._client.stream("GET", url, headers=headers, timeout=limits.timeout) as reply:
            status = reply.status_code
            if status in (404, 410):
                raise PageGone(_status_reason(status), status)
            if status in _REDIRECTS or status == 304 or status in _RETRYABLE:
                return _Raw(status, reply.headers)
            if not 200 <= status < 300:
                raise FetchFailed(_status_reason(status), status)
            content_type = reply.headers.get("content-type", "")
            if classify(content_type, url) is None:
                raise UnsupportedContent(f"not indexed: {content_type or 'no content type'}")
            declared = reply.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                raise TooLarge(_too_large(limits.max_bytes, f" ({format_size(int(declared))})"))
            body = bytearray()
            # Raw bytes, decoded here a piece at a time: the limit holds after decompression.
            encoding = reply.headers.get("content-encoding", "")
            for chunk in decoded(reply.iter_raw(), encoding):
                body += chunk
                if len(body) > limits.max_bytes:
                    raise TooLarge(_too_large(limits.max_bytes))
                if time.monotonic() > deadline:  # a slow drip never trips the read timeout
                    raise FetchFailed(f"timed out after {limits.timeout:g} s")
            return _Raw(status, reply.headers, bytes(body))

    def _fetch_robots(self, url: str, allowlist: Allowlist | None) -> tuple[int, str]:
        limits = Limits(allowlist=None, max_bytes=_ROBOTS_MAX_BYTES, timeout=20.0)
        current = url
        for _ in range(self.options.max_redirects + 1):
            current = self.guard.check(current, None)
            try:
                raw = self._request(current, {}, limits, lambda _type, _url: "text")
            except PageGone as exc:
                return exc.status or 404, ""
            except TooLarge:  # max_page_size does not apply here: say which limit it was
                raise FetchFailed("larger than the 512 KiB robots.txt limit") from None
            except FetchFailed as exc:
                if exc.status is not None and 400 <= exc.status < 500:
                    return exc.status, ""
                raise
            if raw.status in _REDIRECTS and raw.headers.get("location"):
                target = _redirect_target(current, raw.headers["location"])
                if not robots_may_follow(url, target, allowlist):
                    raise UrlRefused(
                        f"robots.txt redirects outside the allowed prefixes, to {target}"
                    )
                current = target
                continue
            return raw.status, raw.body.decode("utf-8", errors="replace")
        return 404, ""  # a redirect loop: treat as no robots.txt, like most crawlers


def robots_may_follow(robots_url: str, target: str, allowlist: Allowlist | None) -> bool:
    """Whether a robots.txt redirect may be followed.

    To the same host's /robots.txt (http to https, or the other default port), or into the
    allowed prefixes of the page that asked; anywhere else, following it would make the crawler
    request what its source never allowed, on a site's say-so.
    """
    start, moved = urlsplit(robots_url), urlsplit(normalize_url(target))
    same_file = (
        moved.hostname == start.hostname
        and moved.path == "/robots.txt"
        and not moved.query
        and moved.port in (None, start.port)
    )
    return same_file or (allowlist is not None and allowlist.allows(target))


def _redirect_target(current: str, location: str) -> str:
    """The absolute URL a Location header points to; `UrlRefused` if it is not a URL."""
    try:
        target = urljoin(current, location)
        normalize_url(target)
    except ValueError:
        raise UrlRefused(f"redirects to an invalid URL ({location[:200]})") from None
    return target


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _too_large(limit: int, size: str = "") -> str:
    return (
        f"larger than the {format_size(limit)} page limit{size}; "
        "raise max_page_size if the page is wanted"
    )


def _status_reason(status: int) -> str:
    try:
        from http import HTTPStatus

        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"
