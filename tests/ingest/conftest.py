"""Fixtures for the ingest tests: `serve` starts hostile sites on loopback (canned_site.py)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import pytest
from canned_site import CannedSite, Reply, Serve


@pytest.fixture()
def serve() -> Iterator[Serve]:
    """`serve(routes, address=..., tls=...)` starts a `CannedSite`; all stop at teardown."""
    started: list[CannedSite] = []

    def start(
        routes: dict[str, Reply],
        *,
        address: str = "127.0.0.1",
        port: int = 0,
        tls: ssl.SSLContext | None = None,
    ) -> CannedSite:
        site = CannedSite(routes, address=address, port=port, tls=tls)
        started.append(site)
        return site

    yield start
    for site in started:
        site.close()
