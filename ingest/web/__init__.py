"""Web ingestion: crawl live documentation sites into the index, politely and incrementally."""

from ingest.web.config import SiteSource, adhoc_source, load_sources
from ingest.web.crawl import CrawlProgress, crawl_sources
from ingest.web.errors import (
    CrawlError,
    FetchFailed,
    PageGone,
    SourcesError,
    TooLarge,
    UnsupportedContent,
    UrlRefused,
)
from ingest.web.fetch import FetchOptions, user_agent
from ingest.web.report import DEADLINE_NOTICE, ChangeNotice, CrawlReport, SourceReport

__all__ = [
    "DEADLINE_NOTICE",
    "ChangeNotice",
    "CrawlError",
    "CrawlProgress",
    "CrawlReport",
    "FetchFailed",
    "FetchOptions",
    "PageGone",
    "SiteSource",
    "SourceReport",
    "SourcesError",
    "TooLarge",
    "UnsupportedContent",
    "UrlRefused",
    "adhoc_source",
    "crawl_sources",
    "load_sources",
    "user_agent",
]
