"""Which URLs the crawler may fetch: http(s) only, under a source's prefixes, public hosts only.

The crawler fetches URLs it finds on the web, so each one (start URLs, links and every redirect
hop) passes `check_url` first. Hosts that resolve to loopback, private, link-local or other
non-public addresses are refused unless private URLs are allowed (tests, on-premise mirrors):
otherwise a page or a redirect could point the bot at internal services (SSRF).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit, urlunsplit

from ingest.web.errors import UrlRefused

_DEFAULT_PORTS = {"http": 80, "https": 443}

Resolver = Callable[[str], list[str]]


def normalize_url(url: str) -> str:
    """The URL without fragment, with lower-case scheme and host and no default port."""
    url, _ = urldefrag(url.strip())
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def url_prefix(url: str) -> str:
    """The folder a URL lives in: `https://h/docs/a.html` -> `https://h/docs/`."""
    normalized = normalize_url(url)
    parts = urlsplit(normalized)
    folder = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    return urlunsplit((parts.scheme, parts.netloc, folder, "", ""))


@dataclass(frozen=True)
class Allowlist:
    """URL prefixes compared by parts, so `https://docs.lxp.lu` never matches `docs.lxp.lu.evil`."""

    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, prefixes: Iterable[str]) -> Allowlist:
        return cls(tuple(normalize_url(p) for p in prefixes))

    def allows(self, url: str) -> bool:
        target = urlsplit(normalize_url(url))
        for prefix in self.prefixes:
            allowed = urlsplit(prefix)
            if (target.scheme, target.netloc) != (allowed.scheme, allowed.netloc):
                continue
            path = target.path + (f"?{target.query}" if target.query else "")
            wanted = allowed.path + (f"?{allowed.query}" if allowed.query else "")
            if path.startswith(wanted):
                return True
        return False


def _system_resolver(host: str) -> list[str]:
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def _non_public(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for label, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("private", ip.is_private),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("unspecified", ip.is_unspecified),
    ):
        if flag:
            return label
    return None


class UrlGuard:
    """Checks URLs against scheme, allowlist and (unless allowed) non-public addresses.

    Host lookups are cached for the guard's lifetime (one crawl run).
    """

    def __init__(self, *, allow_private: bool, resolver: Resolver = _system_resolver) -> None:
        self.allow_private = allow_private
        self._resolver = resolver
        self._verdicts: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def check(self, url: str, allowlist: Allowlist | None) -> str:
        """The normalized URL, or `UrlRefused` with the reason."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in _DEFAULT_PORTS:
            raise UrlRefused(f"not an http(s) URL ({parts.scheme or 'no scheme'})")
        if not parts.hostname:
            raise UrlRefused("the URL has no host")
        if parts.username or parts.password:
            raise UrlRefused("URLs with credentials are not crawled")
        normalized = normalize_url(url)
        if allowlist is not None and not allowlist.allows(normalized):
            raise UrlRefused("outside the source's allowed URL prefixes")
        if not self.allow_private:
            self._check_host(parts.hostname.lower())
        return normalized

    def _check_host(self, host: str) -> None:
        with self._lock:
            known = host in self._verdicts
            verdict = self._verdicts.get(host)
        if not known:
            verdict = self._judge(host)
            with self._lock:
                self._verdicts[host] = verdict
        if verdict:
            raise UrlRefused(verdict)

    def _judge(self, host: str) -> str | None:
        try:
            addresses = [host] if _is_ip(host) else self._resolver(host)
        except OSError as exc:
            return f"cannot resolve {host} ({exc.strerror or exc})"
        for address in addresses:
            label = _non_public(address)
            if label:
                return (
                    f"{host} resolves to a {label} address ({address}); "
                    "set HPCBOT_ALLOW_PRIVATE_URLS=1 to crawl internal mirrors"
                )
        return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
