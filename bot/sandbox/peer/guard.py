"""Who may talk to the local Slack peer: only this machine, by its loopback names.

The peer (and the sandbox page on it) listens on 127.0.0.1, but a web page the user visits can
still make their browser send requests there, or rebind its own name to 127.0.0.1 (DNS
rebinding) and then read the answers as "same origin". Both arrive with the attacker's name in
`Host` or `Origin`, so requests are served only when `Host` is 127.0.0.1, localhost or [::1]
with the peer's port, and a request that carries an `Origin` (browsers always send one on
WebSockets and on POSTs) must come from such an origin too.
"""

from __future__ import annotations

import hmac

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def split_host(host: str) -> tuple[str, str] | None:
    """'[::1]:3000' -> ('[::1]', '3000'); 'localhost' -> ('localhost', ''); None if malformed."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        if end < 0:
            return None
        name, rest = host[: end + 1], host[end + 1 :]
        if rest and not rest.startswith(":"):
            return None
        return name, rest[1:]
    name, _, port = host.partition(":")
    return name, port


def host_allowed(host: str | None, port: int, *, portless_ok: bool = False) -> bool:
    """True for a loopback name with our port (or no port, where `portless_ok`).

    A browser always writes a non-default port into `Host`; slack_sdk's built-in Socket Mode
    client leaves it out of its WebSocket handshake, hence `portless_ok` for that one route.
    """
    parts = split_host(host) if host else None
    if parts is None:
        return False
    name, given = parts
    return name in LOOPBACK_NAMES and (given == str(port) or (portless_ok and given == ""))


def origin_allowed(origin: str | None, port: int) -> bool:
    """True without an `Origin` (not a browser), or for http://<loopback name>:<our port>."""
    if origin is None:
        return True
    scheme, sep, host = origin.partition("://")
    return sep == "://" and scheme.lower() == "http" and host_allowed(host, port)


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison that any text (non-ASCII included) can be given to."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))
