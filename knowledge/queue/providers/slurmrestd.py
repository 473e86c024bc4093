"""Slurm's REST API (slurmrestd) over httpx, authenticated with a JWT.

The API version is configured or discovered: slurmrestd serves only about three versions, and
answers 404 for the others, so we probe `ping` from the newest version we understand down and
remember the first one the server knows.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from knowledge.queue import slurm
from knowledge.queue.bundle import RawBundle
from knowledge.queue.config import SlurmRestdSource
from knowledge.queue.providers.base import Deadline, FetchAuthError, FetchError

# Newest first. v0.0.43/44 (Slurm 25.05/25.11) keep the v0.0.42 shapes for what we read.
KNOWN_API_VERSIONS = (
    "v0.0.44",
    "v0.0.43",
    "v0.0.42",
    "v0.0.41",
    "v0.0.40",
    "v0.0.39",
    "v0.0.38",
    "v0.0.37",
)
_AUTH_STATUSES = {401, 403, 511}  # 511 is how 24.11 rejects a bad token


class SlurmRestdProvider:
    name = "slurmrestd"

    def __init__(
        self,
        source: SlurmRestdSource,
        *,
        environ: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.source = source
        self._environ = os.environ if environ is None else environ
        if transport is None and source.unix_socket is not None:
            transport = httpx.HTTPTransport(uds=str(source.unix_socket))
        # One client per provider: keep-alive saves a TCP handshake on each of the 4 requests.
        self._client = httpx.Client(base_url=source.url, transport=transport)
        self._api_version = source.api_version

    def close(self) -> None:
        self._client.close()

    def fetch(self, timeout: float) -> RawBundle:
        deadline = Deadline(timeout)
        headers = self._headers()
        version = self._api_version or self._discover(headers, deadline)
        docs = {
            kind: self._get(f"/slurm/{version}/{kind}", headers, deadline, optional=optional)
            for kind, optional in (
                ("nodes", False),
                ("jobs", False),
                ("partitions", False),
                ("reservations", True),
            )
        }
        return RawBundle(source=self.name, **docs)

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.source.user:
            headers["X-SLURM-USER-NAME"] = self.source.user
        if self.source.token_env:
            token = self._environ.get(self.source.token_env)
            if not token:
                raise FetchAuthError(
                    f"the environment variable {self.source.token_env} (slurmrestd token) is "
                    "not set; mint one with `scontrol token` and export it"
                )
            headers["X-SLURM-USER-TOKEN"] = token
        return headers

    def _discover(self, headers: dict[str, str], deadline: Deadline) -> str:
        for version in KNOWN_API_VERSIONS:
            response = self._request(f"/slurm/{version}/ping", headers, deadline)
            if response.status_code == 404:
                continue
            self._raise_for_auth(response)
            if response.status_code == 200:
                self._api_version = version  # only a clean answer is worth remembering
            return version
        raise FetchError(
            f"slurmrestd at {public_url(self.source.url)} serves none of the Slurm API versions "
            f"hpcbot reads ({KNOWN_API_VERSIONS[-1]}–{KNOWN_API_VERSIONS[0]}); set api_version "
            "in the config"
        )

    def _request(self, path: str, headers: dict[str, str], deadline: Deadline) -> httpx.Response:
        try:
            return self._client.get(path, headers=headers, timeout=deadline.remaining())
        except httpx.TimeoutException:
            raise FetchError(f"no answer within {deadline.seconds:g} s") from None
        except httpx.ConnectError:
            raise FetchError(
                f"cannot connect to slurmrestd at {public_url(self.source.url)}"
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"slurmrestd request failed: {type(exc).__name__}") from None

    def _get(self, path: str, headers: dict[str, str], deadline: Deadline, optional: bool) -> Any:
        response = self._request(path, headers, deadline)
        self._raise_for_auth(response)
        if optional and response.status_code == 404:
            return None
        try:
            document = response.json()
        except ValueError:
            document = None
        if response.status_code != 200 or not isinstance(document, dict):
            problems = slurm.errors(document) or [response.text[:120].strip() or "empty body"]
            raise FetchError(
                f"slurmrestd answered HTTP {response.status_code}",
                detail=f"for {path}: {problems[0]}",
            )
        return document

    def _raise_for_auth(self, response: httpx.Response) -> None:
        if response.status_code in _AUTH_STATUSES or _is_22_05_token_rejection(response):
            who = f" for user {self.source.user}" if self.source.user else ""
            env = f" and update ${self.source.token_env}" if self.source.token_env else ""
            status = (
                "HTTP 500 'Unspecified error', Slurm 22.05's answer to a bad or expired token"
                if response.status_code == 500
                else f"HTTP {response.status_code}"
            )
            raise FetchAuthError(
                f"slurmrestd at {public_url(self.source.url)} rejected hpcbot's credentials{who} "
                f"({status}); mint a new token with "
                f"`scontrol token username=<user> lifespan=<seconds>`{env}"
            )


def public_url(url: str) -> str:
    """scheme://host[:port] of `url`: no user, password, path or query (for messages)."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")


def _is_22_05_token_rejection(response: httpx.Response) -> bool:
    """Slurm 22.05 answers a bad or expired token with HTTP 500 and only "Unspecified error"."""
    if response.status_code != 500:
        return False
    try:
        document = response.json()
    except ValueError:
        return False
    entries = document.get("errors") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        return False
    return all(
        isinstance(e, dict)
        and e.get("error") == "Unspecified error"
        and -1 in (e.get("error_number"), e.get("errno"))
        for e in entries
    )
