"""Which URLs the crawler may fetch: http(s) only, under a source's prefixes, public hosts only.

The crawler fetches URLs it finds on the web, so each one (start URLs, links and every redirect
hop) passes `UrlGuard.check` first. Only global unicast addresses are fetched unless private
URLs are allowed (HPCBOT_ALLOW_PRIVATE_URLS=1: tests, on-premise mirrors): otherwise a page or
a redirect could point the bot at internal services (SSRF). The addresses checked are the
addresses connected to (`UrlGuard.addresses`, ingest/web/connect.py).
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
    # In the system's order of preference (RFC 6724): the order connections are tried in.
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# Special-purpose IPv4 blocks (IANA registry) that are not globally reachable unicast.
_V4_BLOCKS = tuple(
    (ipaddress.IPv4Network(block), label)
    for block, label in (
        ("0.0.0.0/8", "unspecified ('this network')"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "shared (carrier-grade NAT)"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol assignment"),
        ("192.0.2.0/24", "documentation"),
        ("192.88.99.0/24", "6to4 relay anycast"),
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("255.255.255.255/32", "broadcast"),
        ("240.0.0.0/4", "reserved"),
    )
)
# The same for IPv6, checked after the forms that carry an IPv4 address.
_V6_BLOCKS = tuple(
    (ipaddress.IPv6Network(block), label)
    for block, label in (
        ("::1/128", "loopback"),
        ("::/128", "unspecified"),
        ("64:ff9b:1::/48", "local-use NAT64"),
        ("100::/64", "discard-only"),
        ("2001:db8::/32", "documentation"),
        ("2001::/23", "IETF protocol assignment"),
        ("3fff::/20", "documentation"),
        ("fc00::/7", "private (unique local)"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local"),
        ("ff00::/8", "multicast"),
    )
)
_V6_GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_TEREDO = ipaddress.IPv6Network("2001::/32")


def why_not_public(address: str) -> str | None:
    """Why `address` may not be crawled ("a loopback address"), or None: global unicast.

    An allowlist of one kind (global unicast) rather than a list of bad blocks: an address
    nobody thought of is refused. IPv6 forms that lead to an IPv4 address (IPv4-mapped, NAT64,
    6to4, Teredo) are judged by the IPv4 address they carry, so `::ffff:127.0.0.1` and
    `2002:7f00:1::` are loopback in disguise.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv4Address):
        label = _v4_label(ip)
        return f"{_a(label)} address" if label else None
    carried = _carried_ipv4(ip)
    if carried is not None:
        form, inner = carried
        for v4 in inner:
            label = _v4_label(v4)
            if label:
                return f"{_a(form)} address carrying {v4}, {_a(label)} address"
        return None
    for network, label in _V6_BLOCKS:
        if ip in network:
            return f"{_a(label)} address"
    if ip not in _V6_GLOBAL_UNICAST:
        return "a reserved address (outside IPv6 global unicast, 2000::/3)"
    return None


def _v4_label(ip: ipaddress.IPv4Address) -> str | None:
    return next((label for network, label in _V4_BLOCKS if ip in network), None)


def _carried_ipv4(
    ip: ipaddress.IPv6Address,
) -> tuple[str, tuple[ipaddress.IPv4Address, ...]] | None:
    if ip.ipv4_mapped is not None:
        return "IPv4-mapped", (ip.ipv4_mapped,)
    if ip in _NAT64:
        return "NAT64", (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF),)
    if ip.sixtofour is not None:
        return "6to4", (ip.sixtofour,)
    if ip in _TEREDO and ip.teredo is not None:
        return "Teredo", ip.teredo  # (server, client)
    return None


def _a(label: str) -> str:
    return f"{'an' if label[0].lower() in 'aeiou' else 'a'} {label}"


class UnresolvedHost(Exception):
    """The host name could not be resolved; the message says which and why."""


@dataclass(frozen=True)
class _Lookup:
    """One resolution of a host and its verdict, kept for the run."""

    addresses: tuple[str, ...] = ()
    error: str = ""  # the name did not resolve
    refusal: str = ""  # an address is not public (only when private URLs are not allowed)


class UrlGuard:
    """Checks URLs against scheme, allowlist and (unless allowed) non-public addresses.

    Each host is resolved once per guard (one crawl run) and connections go to the addresses
    of that lookup only (`addresses`, used by ingest/web/connect.py): were the name resolved
    again to connect, a DNS server answering a public address to the check and 127.0.0.1 to
    the connection (DNS rebinding) would get past the check.
    """

    def __init__(self, *, allow_private: bool, resolver: Resolver = _system_resolver) -> None:
        self.allow_private = allow_private
        self._resolver = resolver
        self._lookups: dict[str, _Lookup] = {}
        self._lock = threading.Lock()

    def check(self, url: str, allowlist: Allowlist | None) -> str:
        """The normalized URL, or `UrlRefused` with the reason."""
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError as exc:
            raise UrlRefused(f"not a valid URL ({exc})") from None
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
            lookup = self._lookup(parts.hostname)
            if lookup.error or lookup.refusal:
                raise UrlRefused(lookup.error or lookup.refusal)
        return normalized

    def addresses(self, host: str) -> tuple[str, ...]:
        """The addresses to connect to for `host`: the ones that were checked.

        Raises `UrlRefused` if one is not public (and private URLs are not allowed), and
        `UnresolvedHost` if the name did not resolve.
        """
        lookup = self._lookup(host)
        if lookup.refusal:
            raise UrlRefused(lookup.refusal)
        if lookup.error:
            raise UnresolvedHost(lookup.error)
        return lookup.addresses

    def _lookup(self, host: str) -> _Lookup:
        key = _host_key(host)
        with self._lock:
            known = self._lookups.get(key)
        if known is not None:
            return known
        fresh = self._resolve(key)
        with self._lock:  # two threads may both resolve; everyone uses the first stored
            return self._lookups.setdefault(key, fresh)

    def _resolve(self, host: str) -> _Lookup:
        literal = _is_ip(host)
        try:
            addresses = (host.strip("[]"),) if literal else tuple(self._resolver(host))
        except OSError as exc:
            return _Lookup(error=f"cannot resolve {host} ({exc.strerror or exc})")
        if not addresses:
            return _Lookup(error=f"cannot resolve {host} (no addresses)")
        if self.allow_private:
            return _Lookup(addresses)
        for address in addresses:
            reason = why_not_public(address)
            if reason:
                where = f"{host} is" if literal else f"{host} resolves to {address},"
                refusal = (
                    f"{where} {reason}; set HPCBOT_ALLOW_PRIVATE_URLS=1 to crawl internal mirrors"
                )
                return _Lookup(addresses, refusal=refusal)
        return _Lookup(addresses)


def _host_key(host: str) -> str:
    """One spelling per host: lower case, IPv6 without brackets, names in IDNA (as on the wire)."""
    host = host.strip("[]").lower()
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
