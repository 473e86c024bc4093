"""Connections only to addresses the guard checked (no DNS rebinding).

httpx resolves a host name itself when it connects, which is a second lookup after the
guard's: a DNS server can answer a public address to the check and 127.0.0.1 to the
connection. `PinnedTransport` replaces the network layer under httpx so that a connection
to `host` goes to `UrlGuard.addresses(host)`, the addresses of the lookup that was checked.
Only the TCP connect changes: the Host header, TLS SNI and certificate verification still use
the name from the URL, so HTTPS is verified for the name, not for the address.

Environment proxies (HTTP(S)_PROXY) are not used: through a proxy, the proxy would resolve
and connect, and the check would mean nothing.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable

import httpcore
import httpx

from ingest.web.safety import UnresolvedHost, UrlGuard

# httpcore's SOCKET_OPTION, spelled out (it is not exported).
SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


class PinnedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting to the guard's addresses for the host."""

    def __init__(self, guard: UrlGuard) -> None:
        self._guard = guard

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = self._guard.addresses(host)  # UrlRefused passes through httpx as is
        except UnresolvedHost as exc:
            raise httpcore.ConnectError(str(exc)) from None
        failure: httpcore.ConnectError | None = None
        for address in addresses:  # in the resolver's order, like socket.create_connection
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        assert failure is not None  # the guard never returns an empty list
        raise failure


class PinnedTransport(httpx.HTTPTransport):
    """httpx's default transport, connecting through `PinnedBackend`."""

    def __init__(self, guard: UrlGuard, *, verify: ssl.SSLContext | bool = True) -> None:
        super().__init__(verify=verify)
        limits = httpx.Limits()  # httpx's defaults, as HTTPTransport would use them
        # `_pool` is the one private name relied on: httpx has no option for the network
        # backend. tests/ingest/test_web_connect.py fails if it stops being used.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PinnedBackend(guard),
        )
