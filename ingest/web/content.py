"""What a response is (HTML, PDF, Markdown, sitemap) and which links it leads to."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

from ingest.web.safety import normalize_url

# Never worth a request: the content type would be refused anyway.
_ASSET_SUFFIXES = (
    ".css", ".js", ".mjs", ".map", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp",
    ".avif", ".woff", ".woff2", ".ttf", ".eot", ".mp4", ".webm", ".mp3",
)  # fmt: skip
_MARKDOWN_TYPES = {"text/markdown", "text/x-markdown"}
_XML_TYPES = {"application/xml", "text/xml"}
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_REF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.S | re.I)


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def kind_for(content_type: str, url: str, source_kind: str) -> str | None:
    """The parser kind for a response ("html", "pdf", "markdown", "text", "sitemap") or None."""
    media = media_type(content_type)
    path = urlsplit(url).path.lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media == "application/pdf" or (
        media in ("", "application/octet-stream", "binary/octet-stream") and path.endswith(".pdf")
    ):
        return "pdf"
    if media in _MARKDOWN_TYPES or (
        media == "text/plain" and (source_kind == "markdown-repo" or path.endswith(".md"))
    ):
        return "markdown"
    if media in _XML_TYPES and (source_kind == "sitemap" or "sitemap" in path):
        return "sitemap"
    if media == "text/plain":
        return "text"
    return None


def is_asset(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(_ASSET_SUFFIXES)


def markdown_links(text: str, base_url: str) -> list[str]:
    found = _MD_LINK.findall(text) + _MD_REF.findall(text)
    return _absolute(found, base_url)


def sitemap_links(text: str) -> tuple[list[str], bool]:
    """The `<loc>` URLs of a sitemap, and whether it is a sitemap index (of more sitemaps).

    A regular expression rather than an XML parser: sitemaps are flat, and this cannot be
    made to expand entities or fetch DTDs.
    """
    urls = [html.unescape(u) for u in _LOC.findall(text)]
    return _absolute(urls, ""), "<sitemapindex" in text[:2000].lower()


def _absolute(urls: list[str], base_url: str) -> list[str]:
    result: list[str] = []
    for href in urls:
        if href.startswith(("mailto:", "javascript:", "tel:", "data:", "#")):
            continue
        try:
            url = urljoin(base_url, href) if base_url else href
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError:  # "http://[oops/", "http://h:x/": a broken link, not a reason to stop
            continue
        if parts.scheme in ("http", "https"):
            result.append(normalize_url(url))
    return list(dict.fromkeys(result))


def html_links(links: tuple[str, ...]) -> list[str]:
    """Links `parse_html` already resolved, cleaned the same way as the others."""
    return _absolute(list(links), "")
