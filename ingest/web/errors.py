"""Why a URL was not crawled. The crawler reports each of these per URL and carries on.

    CrawlError                  base: one URL could not be crawled; the message is the reason
    ├── UrlRefused              policy said no: scheme, allowlist, private address, robots.txt
    ├── UnsupportedContent      fetched headers show a type we do not index (images, archives)
    └── FetchFailed             the server or network failed: timeout, 5xx
         ├── PageGone           404 or 410: removed from the index after two runs in a row
         └── TooLarge           over the page size limit (reported as skipped: it is the limit)

`SourcesError` is separate: the sources file itself is wrong (file and line in the message).
"""

from __future__ import annotations


class CrawlError(Exception):
    """One URL could not be crawled; `str(error)` is a one-line reason for the report."""


class UrlRefused(CrawlError):
    """The URL is outside what this source may fetch, or robots.txt disallows it."""


class UnsupportedContent(CrawlError):
    """The response is of a type that is not indexed (reported as skipped, not failed)."""


class FetchFailed(CrawlError):
    """The request failed after retries; the page keeps whatever the index already holds."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


class PageGone(FetchFailed):
    """The server says the page does not exist (404) or was removed (410)."""


class TooLarge(FetchFailed):
    """The body is over the size limit (after decompression); the page keeps what the index has.

    A FetchFailed for callers of the fetcher, but reported as skipped: it is a limit the
    operator chose, not a failure that a later run may not have.
    """


class SourcesError(Exception):
    """The sources file is invalid; the message names the file and line and says what to fix."""
