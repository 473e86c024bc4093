"""A documentation site on 127.0.0.1 for crawler tests, built from the repository's own pages.

Pages are the Markdown files in tests/fixtures/docsite (a short user guide for a fictional
cluster, written for these tests, with mkdocs-style relative links, tables, code blocks and
admonitions) rendered to HTML (markdown-it-py) inside site chrome (header, navigation, cookie
banner, footer), served by a threaded `http.server` with ETag / Last-Modified validators, a
robots.txt with a Disallow and a sitemap. Optional "extras" add the awkward cases: redirects,
a slow page, 404/500/429, a huge page, a binary.

Every request is recorded in `hits` with its arrival time, so tests assert on what the server
saw rather than on what the client believes it did.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from markdown_it import MarkdownIt
from paths import FIXTURES

DOCSITE = FIXTURES / "docsite"
EXTRAS = ("redirects", "slow", "errors", "busy", "huge", "binary", "pdf", "private", "outside")

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
_MD_HREF = re.compile(r'href="(?!https?:|/)([^"#]+\.md)(?:#[^"]*)?"')


def corpus_pages(count: int) -> dict[str, str]:
    """`count` test-site Markdown files as {slug: markdown}; repeats files to reach `count`."""
    files = sorted(DOCSITE.rglob("*.md"))
    pages: dict[str, str] = {}
    for number in range(count):
        file = files[number % len(files)]
        slug = file.relative_to(DOCSITE).with_suffix("").as_posix()
        if number >= len(files):
            slug = f"copy{number // len(files)}/{slug}"
        pages[slug] = file.read_text(encoding="utf-8")
    return pages


def title_of(markdown: str) -> str:
    """The first level-1 heading, as the crawler's parser will see it."""
    from ingest.parse import parse_markdown

    return parse_markdown(markdown).title


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() on arrival
    path: str
    status: int
    conditional: bool
    agent: str = ""


@dataclass
class _Page:
    markdown: str
    modified: float  # Unix time, for Last-Modified


class DocSite:
    """Start with `with DocSite(pages) as site:`; `site.docs_url` is the crawl start URL."""

    def __init__(
        self,
        pages: dict[str, str],
        *,
        extras: tuple[str, ...] = (),
        port: int = 0,
        pdf: bytes = b"",
    ) -> None:
        unknown = set(extras) - set(EXTRAS)
        if unknown:
            raise ValueError(f"unknown extras {sorted(unknown)}; choose from {EXTRAS}")
        self.pages = {slug: _Page(text, 1_700_000_000.0) for slug, text in pages.items()}
        self.extras = extras
        self.pdf = pdf
        self.hits: list[Hit] = []
        self.release = threading.Event()  # lets the slow page finish at teardown
        self._lock = threading.Lock()
        self._busy_served = 0
        self._die_after: int | None = None
        self._server = self._bind(port)
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def _bind(self, port: int) -> ThreadingHTTPServer:
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        server.daemon_threads = True
        server.block_on_close = False
        return server

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def docs_url(self) -> str:
        return f"{self.base_url}/docs/"

    def url(self, slug: str) -> str:
        """The canonical URL of a page (what citations should show)."""
        return f"{self.docs_url}{slug}/"

    def start(self) -> DocSite:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def restart(self) -> None:
        """Come back on the same port after `die_after` (or `stop`)."""
        self.stop()
        self._die_after = None
        self.release.clear()
        self._server = self._bind(self.port)
        self.start()

    def __enter__(self) -> DocSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def die_after(self, requests: int) -> None:
        """Serve `requests` more requests, then drop connections and stop listening."""
        with self._lock:
            self._die_after = len(self.hits) + requests

    # -- content ---------------------------------------------------------------------------

    def set_page(self, slug: str, markdown: str) -> None:
        with self._lock:
            old = self.pages.get(slug)
            self.pages[slug] = _Page(markdown, (old.modified if old else 1_700_000_000) + 86400)

    def remove_page(self, slug: str) -> None:
        with self._lock:
            del self.pages[slug]

    def hits_for(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path == path]

    def page_html(self, slug: str, page: _Page) -> str:
        nav = "".join(
            f'<li><a href="/docs/{other}/index.html">{other}</a></li>' for other in self.pages
        )
        extra_links = "".join(
            f'<li><a href="{href}">{href}</a></li>' for href in self._extra_links()
        )
        return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{slug} - Test Docs</title>
<link rel="canonical" href="{self.url(slug)}"></head>
<body>
<header class="md-header"><a href="/docs/">Test Docs</a></header>
<div id="cookie-consent">We use cookies on this site. Accept all cookies?</div>
<nav class="md-nav" aria-label="Navigation"><ul>{nav}{extra_links}</ul></nav>
<main><article>{self._render(slug, page.markdown)}</article></main>
<footer>Copyright Test Docs Consortium. Privacy policy. Contact us.</footer>
</body></html>"""

    def _render(self, slug: str, markdown: str) -> str:
        """Markdown to HTML with `.md` links mapped to page URLs, as mkdocs does."""

        def link(match: re.Match[str]) -> str:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(slug), match.group(1)))
            target = target.removesuffix(".md")
            return f'href="/docs/{target}/"' if target in self.pages else 'href="#"'

        return _MD_HREF.sub(link, _markdown.render(markdown))

    def index_html(self) -> str:
        links = "".join(
            f'<li><a href="/docs/{slug}/index.html">{slug}</a></li>' for slug in self.pages
        )
        links += "".join(f'<li><a href="{href}">{href}</a></li>' for href in self._extra_links())
        return (
            "<!doctype html><html><head><title>Test Docs</title></head><body>"
            f"<nav class='md-nav'><ul>{links}</ul></nav>"
            "<main><h1>Test Docs</h1><p>Documentation home for the test site.</p></main>"
            "</body></html>"
        )

    def _extra_links(self) -> list[str]:
        links = {
            "redirects": ["/docs/old-home/", "/docs/partner/"],
            "slow": ["/docs/slow/"],
            "errors": ["/docs/missing/", "/docs/flaky/"],
            "busy": ["/docs/busy/"],
            "huge": ["/docs/huge/"],
            "binary": ["/docs/downloads/tool.zip"],
            "pdf": ["/docs/calls/terms.pdf"],
            "private": ["/docs/private/secret/"],
            "outside": ["/elsewhere/"],
        }
        return [href for extra in self.extras for href in links[extra]]

    def sitemap(self) -> str:
        urls = "".join(f"<url><loc>{self.url(slug)}</loc></url>" for slug in self.pages)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )

    def record(self, at: float, path: str, status: int, conditional: bool, agent: str) -> bool:
        """Log a hit; False once the site is dead (the handler then drops the connection)."""
        with self._lock:
            self.hits.append(Hit(at, path, status, conditional, agent))
            dead = self._die_after is not None and len(self.hits) > self._die_after
        if dead:
            threading.Thread(target=self._die, daemon=True).start()
        return not dead

    def _die(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def busy_once(self) -> bool:
        with self._lock:
            self._busy_served += 1
            return self._busy_served == 1


def _handler(site: DocSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "TestDocs/1.0"

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            arrived = time.monotonic()  # before any work, so page size does not skew it
            path = self.path.split("?", 1)[0]
            conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
            status, headers, body = self._route(path)
            if status == 200 and self._not_modified(headers):
                status, body = 304, b""
            agent = self.headers.get("User-Agent", "")
            if not site.record(arrived, path, status, conditional, agent):
                self.close_connection = True
                return
            if path == "/docs/slow/":
                site.release.wait(10)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if path != "/docs/huge/":
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                if path == "/docs/huge/":  # streamed without a length, like a generated page
                    for _ in range(300):
                        self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>\n")
                else:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler hung up (size limit): expected

        def _not_modified(self, headers: dict[str, str]) -> bool:
            etag = headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                return True
            since, modified = self.headers.get("If-Modified-Since"), headers.get("Last-Modified")
            if since and modified and "If-None-Match" not in self.headers:
                return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
            return False

        def _route(self, path: str) -> tuple[int, dict[str, str], bytes]:
            html = {"Content-Type": "text/html; charset=utf-8"}
            if path == "/robots.txt":
                text = "User-agent: *\nDisallow: /docs/private/\n"
                return 200, {"Content-Type": "text/plain"}, text.encode()
            if path == "/sitemap.xml":
                return 200, {"Content-Type": "application/xml"}, site.sitemap().encode()
            if path in ("/docs/", "/docs/index.html"):
                return 200, html, site.index_html().encode()
            if path == "/docs/old-home/":
                first = next(iter(site.pages))
                return 301, {"Location": f"/docs/{first}/"}, b""
            if path == "/docs/partner/":
                return 302, {"Location": "https://evil.example.com/steal"}, b""
            if path in ("/docs/missing/",):
                return 404, html, b"<html><body><p>Not found</p></body></html>"
            if path == "/docs/flaky/":
                return 500, html, b"<html><body><p>Internal error</p></body></html>"
            if path == "/docs/busy/" and site.busy_once():
                return 429, {"Retry-After": "1", **html}, b""
            if path == "/docs/downloads/tool.zip":
                return 200, {"Content-Type": "application/zip"}, b"PK\x03\x04" + bytes(2000)
            if path == "/docs/calls/terms.pdf":
                return 200, {"Content-Type": "application/pdf"}, site.pdf
            if path in ("/docs/busy/", "/docs/slow/", "/docs/huge/", "/docs/private/secret/"):
                name = path.strip("/").split("/")[-1]
                body = (
                    f"<html><body><main><h1>{name}</h1><p>The {name} page.</p></main></body></html>"
                )
                return 200, html, body.encode()
            for suffix in ("/index.html", "/"):
                slug = path.removeprefix("/docs/").removesuffix(suffix)
                page = site.pages.get(slug)
                if path.startswith("/docs/") and path.endswith(suffix) and page is not None:
                    data = site.page_html(slug, page).encode()
                    etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
                    modified = formatdate(page.modified, usegmt=True)
                    return 200, {**html, "ETag": etag, "Last-Modified": modified}, data
            return 404, html, b"<html><body><p>Not found</p></body></html>"

    return Handler
