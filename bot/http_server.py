"""The HTTP server of a running bot (aiohttp): POST /slack/events in HTTP mode, and GET /health,
/ready and /metrics (bot.ops) in both modes.

Requests to /slack/events are checked against Slack's signature before Bolt sees them, and a
slash command form larger than the longest question is refused before Bolt decodes it.
"""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import hmac
import logging
import signal
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aiohttp import web
from slack_bolt import BoltRequest

from bot.app import Mode, SlackApp
from bot.config import Settings
from bot.listeners.answering import MAX_QUESTION_CHARS
from bot.listeners.deps import hold_work_until_acked, release_held_work
from bot.logs import redact

log = logging.getLogger(__name__)
# What a refused request's log line may quote of each header (never the body).
_LOGGED_HEADER_CHARS = 80
_SIGNATURE_WINDOW = 60 * 5  # seconds, as Slack and Bolt allow
# A slash command carrying a question of MAX_QUESTION_CHARS is a few KB even when every
# character is percent-encoded; a larger command form is refused before Bolt decodes it (that
# decoding is what costs time on a 100 KB body). Interactive payloads are not commands.
_MAX_COMMAND_FORM_BYTES = 3 * 4 * MAX_QUESTION_CHARS + 4096
_MAX_HOLD = 0.05  # seconds an acked request's work may wait for other acks to be sent


def listen_host(settings: Settings, mode: Mode) -> str:
    """Where the HTTP server listens: HPCBOT_HOST, else everywhere in HTTP mode (Slack must
    reach /slack/events) and only on loopback in Socket Mode, where it serves just /health,
    /ready and /metrics for probes and Prometheus on the same machine."""
    if settings.server.host:
        return settings.server.host
    return "0.0.0.0" if mode == "http" else "127.0.0.1"


class HttpServer:
    """aiohttp server for HTTP mode: POST /slack/events (events, commands, interactivity) and
    GET /health, /ready, /metrics. Each request is dispatched on a thread pool, so concurrent
    acks don't queue. With `slack_events=False` (Socket Mode) it serves only the GET routes."""

    def __init__(
        self,
        app: SlackApp,
        port: int,
        host: str = "0.0.0.0",
        workers: int = 32,
        *,
        slack_events: bool = True,
    ) -> None:
        self.app, self.host, self.port = app, host, port
        self.slack_events = slack_events
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="http")
        self._secret = app.signing_secret.encode() if app.signing_secret else None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        # Only touched on the event loop's thread.
        self._acks_in_flight = 0
        self._held: list[contextvars.Context] = []
        self._held_timer: asyncio.TimerHandle | None = None

    def _web_app(self) -> web.Application:
        web_app = web.Application()
        if self.slack_events:
            web_app.router.add_post("/slack/events", self._events)
        web_app.router.add_get("/health", self.app.ops.health)
        self.app.ops.add_routes(web_app)
        deps = self.app.deps
        notify = deps.notify
        if notify is not None:  # job notifications, in both modes
            from bot.notify.http import add_routes

            client = self.app.bolt.client
            add_routes(
                web_app,
                notify,
                self._pool,
                lambda call: deps.after_ack(
                    lambda: notify.deliver(call, client), body={}, client=client
                ),
            )
        return web_app

    async def _events(self, request: web.Request) -> web.Response:
        raw = await request.read()
        # Checked here, before Bolt parses the body (costly for a large form) or logs it (Bolt
        # logs a refused request's whole body): anyone can send anything to this URL.
        refusal = self._signature_problem(raw, request)
        if refusal is not None:
            log.warning("refused a request to /slack/events: %s", refusal)
            return web.json_response({"error": "invalid request"}, status=401)
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            log.warning("refused a signed request to /slack/events: the body is not UTF-8")
            return web.json_response({"error": "the body is not UTF-8"}, status=400)
        if (
            len(raw) > _MAX_COMMAND_FORM_BYTES
            and request.content_type == "application/x-www-form-urlencoded"
            and not raw.startswith(b"payload=")
        ):
            log.warning("refused an oversized slash command (%d bytes)", len(raw))
            text = (
                f"That question is too long; I read questions of up to {MAX_QUESTION_CHARS:,} "
                "characters. Please ask again with just the question."
            )
            return web.json_response({"response_type": "ephemeral", "text": text})
        headers: dict[str, str | Sequence[str]] = {
            k.lower(): request.headers.getall(k) for k in request.headers
        }
        bolt_request = BoltRequest(body=body, query=request.query_string, headers=headers)
        loop = asyncio.get_running_loop()
        context = contextvars.Context()  # per request: its log records carry its event id
        context.run(hold_work_until_acked)
        self._acks_in_flight += 1
        try:
            response = await loop.run_in_executor(
                self._pool, context.run, self.app.bolt.dispatch, bolt_request
            )
            sent = web.Response(
                status=response.status,
                body=response.body.encode("utf-8"),
                headers={k: v for k, v in response.first_headers_without_set_cookie().items()},
            )
            await sent.prepare(request)
            await sent.write_eof()
        finally:
            self._acks_in_flight -= 1
            self._held.append(context)
            self._release_held(loop)
        return sent

    def _release_held(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start the work of acked requests once no ack is being prepared, or after
        `_MAX_HOLD` seconds under a steady stream of commands. Slack gives an ack 3 seconds
        and a reply 30 minutes: in a burst, the replies of the first commands would otherwise
        take the interpreter from the acks of the last ones."""
        if self._acks_in_flight and self._held_timer is None:
            self._held_timer = loop.call_later(_MAX_HOLD, self._release_now)
        elif not self._acks_in_flight:
            self._release_now()

    def _release_now(self) -> None:
        if self._held_timer is not None:
            self._held_timer.cancel()
            self._held_timer = None
        held, self._held = self._held, []
        for context in held:
            context.run(release_held_work)

    def _signature_problem(self, raw: bytes, request: web.Request) -> str | None:
        """None for a request Slack signed; else a short summary to log, without the body.

        Slack's v0 scheme: HMAC-SHA256 of "v0:{timestamp}:{body}" with the signing secret,
        over the raw bytes (slack_sdk's verifier needs UTF-8, which is checked after this).
        """
        if self._secret is None:
            return None
        stamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        fresh = stamp.isdigit() and abs(time.time() - int(stamp)) <= _SIGNATURE_WINDOW
        if fresh and signature:
            base = b"v0:" + stamp.encode() + b":" + raw
            expected = "v0=" + hmac.new(self._secret, base, hashlib.sha256).hexdigest()
            if hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
                return None
        if not stamp or not signature:
            why = "no signature headers"
        elif not fresh:
            why = "timestamp more than 5 minutes off"
        else:
            why = "signature does not match"

        def shown(name: str) -> str:
            value = request.headers.get(name, "-")
            cut = value[:_LOGGED_HEADER_CHARS] + ("…" if len(value) > _LOGGED_HEADER_CHARS else "")
            return redact(cut)

        return (
            f"{why} ({len(raw)} bytes of {shown('Content-Type')}, "
            f"timestamp {shown('X-Slack-Request-Timestamp')}, "
            f"signature {redact(signature[:12]) or '-'}…, from {request.remote or '-'}, "
            f"user agent {shown('User-Agent')})"
        )

    async def _start(self) -> int:
        self._runner = web.AppRunner(self._web_app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        return int(self._runner.addresses[0][1])

    def start(self) -> int:
        """Serve in a background thread; returns the bound port (pass port 0 for any)."""
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            self.port = self._loop.run_until_complete(self._start())
            ready.set()
            self._loop.run_forever()
            if self._runner is not None:
                self._loop.run_until_complete(self._runner.cleanup())
            self._loop.close()

        self._thread = threading.Thread(target=run, name="hpcbot-http", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError(f"HTTP server did not start on {self.host}:{self.port}")
        return self.port

    @property
    def addresses(self) -> list[tuple[str, int]]:
        """(host, port) of every socket the server listens on, once started."""
        if self._runner is None:
            return []
        return [(str(a[0]), int(a[1])) for a in self._runner.addresses]

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
        self._pool.shutdown(wait=False)

    def serve_forever(self) -> None:
        stopped = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopped.set())
        port = self.start()
        log.info("hpcbot listening on http://%s:%d/slack/events", self.host, port)
        stopped.wait()
        self.stop()


def start_health_server(
    app: SlackApp, handler: Any, port: int, host: str = "127.0.0.1"
) -> HttpServer:
    """Socket Mode needs no inbound HTTP, but probes and Prometheus do: /health, /ready,
    /metrics on HPCBOT_PORT; readiness includes the socket being connected. Loopback only
    unless HPCBOT_HOST says otherwise (`listen_host`)."""
    app.ops.checks["slack"] = lambda: None if handler.client.is_connected() else "disconnected"
    server = HttpServer(app, port, host, slack_events=False, workers=4)
    log.info("health and metrics on http://%s:%d/health", server.host, server.start())
    return server
