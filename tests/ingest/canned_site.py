"""A hostile little web server on loopback: fixed replies per path, every request recorded.

`DocSite` (tests/fakes/site.py) is a well-behaved documentation site; the attacks need replies
it would never give (a decompression bomb, a robots.txt that redirects elsewhere), and a server
on ::1 or behind TLS. Only 127.0.0.1 and ::1 are ever bound or connected to.
"""

from __future__ import annotations

import functools
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass(frozen=True)
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    body: bytes = b""


@dataclass(frozen=True)
class Request:
    path: str
    host: str  # the Host header
    accept_encoding: str


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


class CannedSite:
    """Answers `routes[path]` (404 otherwise); `requests` is what arrived, in order."""

    def __init__(
        self,
        routes: dict[str, Reply],
        *,
        address: str = "127.0.0.1",
        port: int = 0,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.routes = routes
        self.requests: list[Request] = []
        self.server_names: list[str | None] = []  # TLS SNI, as the handshake saw it
        server_class = type("Server", (_Server,), {"address_family": _family(address)})
        self._server = server_class((address, port), _handler(self))
        if tls is not None:
            tls.sni_callback = lambda _sock, name, _ctx: self.server_names.append(name)
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        serve = functools.partial(self._server.serve_forever, poll_interval=0.05)
        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _family(address: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in address else socket.AF_INET


def _handler(site: CannedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            site.requests.append(
                Request(
                    self.path,
                    self.headers.get("Host", ""),
                    self.headers.get("Accept-Encoding", ""),
                )
            )
            reply = site.routes.get(self.path, Reply(404, {}, b"not found"))
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            try:
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client hung up at its size limit: expected

    return Handler


Serve = Callable[..., CannedSite]


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


def tls_contexts(folder: Path, name: str) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(server, client) TLS contexts: a certificate for `name` from a throwaway CA the client
    trusts. Made with the openssl command line (no Python crypto package is installed)."""

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
            "-subj", "/CN=hpcbot test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign")  # fmt: skip
    openssl("req", *key, "-keyout", "site.key", "-out", "site.csr", "-subj", f"/CN={name}")
    (folder / "site.ext").write_text(
        f"subjectAltName=DNS:{name}\nbasicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
    )
    openssl("x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "site.pem", "-days", "1", "-extfile", "site.ext")  # fmt: skip
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(folder / "site.pem", folder / "site.key")
    client = ssl.create_default_context(cafile=str(folder / "ca.pem"))
    return server, client
