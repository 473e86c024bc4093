"""Which documents are the same page: a URL, and local copies of the page it names."""

from __future__ import annotations

from urllib.parse import unquote, urlparse

_INDEX_NAMES = {"index", "readme", "_index"}
_EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".rst", ".txt", ".pdf")
# A local file counts as a copy of a web page only when this many trailing path segments agree:
# one segment ("overview") is too common a name to tell pages apart.
MIN_SHARED_SEGMENTS = 2


def _segments(url: str) -> list[str]:
    parsed = urlparse(url)
    parts = [unquote(p).lower() for p in parsed.path.split("/") if p]
    if parts:
        last = parts[-1]
        for extension in _EXTENSIONS:
            if last.endswith(extension):
                last = last[: -len(extension)]
                break
        parts[-1] = last
        if last in _INDEX_NAMES:
            parts.pop()
    return parts


def same_document(document_url: str, source_url: str) -> bool:
    """True when `document_url` is `source_url`, or a local copy of that page."""
    doc, src = urlparse(document_url), urlparse(source_url)
    if doc.scheme in ("http", "https"):
        return (doc.netloc.lower(), _segments(document_url)) == (
            src.netloc.lower(),
            _segments(source_url),
        )
    if doc.scheme != "file":
        return False
    wanted = _segments(source_url)
    have = _segments(document_url)
    if len(wanted) < MIN_SHARED_SEGMENTS or len(have) < len(wanted):
        return False
    return have[-len(wanted) :] == wanted
