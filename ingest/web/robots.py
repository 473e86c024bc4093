"""robots.txt, fetched once per site and run, read with `urllib.robotparser`.

Status handling follows RFC 9309: a missing robots.txt (any 4xx) allows everything; one that
cannot be fetched (5xx, network error) disallows the whole site for this run, because silence
from a struggling server is not permission. A robots.txt that redirects where the crawler may
not go (see `robots_may_follow` in fetch.py) cannot be read, so it counts as unreachable too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from ingest.web.errors import CrawlError, FetchFailed, UrlRefused
from ingest.web.safety import Allowlist

# (status, text) of a robots.txt URL, whose redirects may go only where `allowlist` (of the
# page that asked) allows; raises CrawlError when the file cannot be fetched at all.
RobotsFetcher = Callable[[str, Allowlist | None], tuple[int, str]]


@dataclass(frozen=True)
class _Rules:
    parser: RobotFileParser | None
    unreachable: str = ""


class RobotsPolicy:
    def __init__(
        self,
        fetch: RobotsFetcher,
        agent: str,
        *,
        on_crawl_delay: Callable[[str, float], None] | None = None,
    ) -> None:
        self._fetch = fetch
        self._agent = agent
        self._on_crawl_delay = on_crawl_delay
        self._rules: dict[str, _Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def check(self, url: str, allowlist: Allowlist | None = None) -> None:
        """Raise `UrlRefused` if the site's robots.txt disallows `url` for our agent.

        The site's rules are fetched once per run, on behalf of the first page that asks:
        `allowlist` is that page's, for the robots.txt redirects.
        """
        rules = self._rules_for(url, allowlist)
        if rules.unreachable:  # the site is down or failing: a failure, not a refusal
            raise FetchFailed(f"robots.txt unreachable ({rules.unreachable}); site skipped")
        if rules.parser is not None and not rules.parser.can_fetch(self._agent, url):
            raise UrlRefused("disallowed by robots.txt")

    def _rules_for(self, url: str, allowlist: Allowlist | None) -> _Rules:
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per site even when several workers ask at once
            if origin not in self._rules:
                self._rules[origin] = self._load(origin, parts.netloc, allowlist)
            return self._rules[origin]

    def _load(self, origin: str, host: str, allowlist: Allowlist | None) -> _Rules:
        try:
            status, text = self._fetch(f"{origin}/robots.txt", allowlist)
        except CrawlError as exc:
            return _Rules(parser=None, unreachable=str(exc))
        if status >= 500:
            return _Rules(parser=None, unreachable=f"HTTP {status}")
        if status >= 400:
            return _Rules(parser=None)
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self._agent)
        if delay and self._on_crawl_delay:
            self._on_crawl_delay(host, float(delay))
        return _Rules(parser=parser)
