"""The Slack app: `build_app(settings, services)` and the two ways to run it.

Nothing happens at import time. `build_app` checks the settings, opens the state database,
verifies the bot token (`auth.test`) and registers the listeners. `serve` runs Socket Mode when
`SLACK_APP_TOKEN` is set, otherwise an HTTP server with `/slack/events`; both serve `GET /health`,
`/ready` and `/metrics` (bot.ops).
"""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import hmac
import logging
import re
import signal
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any, Literal

from aiohttp import web
from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.config import ConfigError, Settings
from bot.listeners import register_listeners
from bot.listeners.answering import MAX_QUESTION_CHARS
from bot.listeners.deps import CONTEXT_KEY, Deps
from bot.logs import install as install_logging, redact
from bot.ops import Ops
from bot.services import Services
from bot.state import StateStore

Mode = Literal["socket", "http"]
log = logging.getLogger(__name__)
_DEPS: weakref.WeakKeyDictionary[App, Deps] = weakref.WeakKeyDictionary()
_OPS: weakref.WeakKeyDictionary[App, Ops] = weakref.WeakKeyDictionary()
_SIGNING_SECRETS: weakref.WeakKeyDictionary[App, str] = weakref.WeakKeyDictionary()
# What a refused request's log line may quote of each header (never the body).
_LOGGED_HEADER_CHARS = 80
_SIGNATURE_WINDOW = 60 * 5  # seconds, as Slack and Bolt allow
# A slash command carrying a question of MAX_QUESTION_CHARS is a few KB even when every
# character is percent-encoded; a larger command form is refused before Bolt decodes it (that
# decoding is what costs time on a 100 KB body). Interactive payloads are not commands.
_MAX_COMMAND_FORM_BYTES = 3 * 4 * MAX_QUESTION_CHARS + 4096

WHERE = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token (xoxb-…) from https://api.slack.com/apps → "
    "your app → OAuth & Permissions",
    "SLACK_APP_TOKEN": "an app-level token (xapp-…, scope connections:write) from "
    "https://api.slack.com/apps → your app → Basic Information → App-Level Tokens; "
    "leave it unset to run in HTTP mode",
    "SLACK_SIGNING_SECRET": "the Signing Secret from https://api.slack.com/apps → your app → "
    "Basic Information → App Credentials (HTTP mode verifies every request with it)",
}


def slack_mode(settings: Settings) -> Mode:
    return "socket" if settings.slack.app_token else "http"


def check_settings(settings: Settings, mode: Mode | None = None) -> Mode:
    """Raise ConfigError naming every missing or malformed Slack setting and where to get it."""
    mode = mode or slack_mode(settings)
    problems = []

    def need(name: str, value: str | None, prefix: str | None = None) -> None:
        if not value:
            problems.append(f"Set {name}: {WHERE[name]}.")
        elif prefix and not value.startswith(prefix):
            problems.append(f"{name} must start with {prefix}; use {WHERE[name]}.")

    need("SLACK_BOT_TOKEN", settings.slack.bot_token, "xoxb-")
    if mode == "socket":
        need("SLACK_APP_TOKEN", settings.slack.app_token, "xapp-")
    else:
        need("SLACK_SIGNING_SECRET", settings.slack.signing_secret)
        if not 0 <= settings.server.port < 65536:  # 0: any free port
            problems.append(f"HPCBOT_PORT={settings.server.port} is not a TCP port; use e.g. 3000.")
    if not re.match(r"https?://", settings.slack.api_url):
        problems.append(
            f"SLACK_API_URL={settings.slack.api_url!r} must be an http(s) URL, "
            "e.g. https://slack.com/api/ (the default)."
        )
    if problems:
        raise ConfigError("\n".join(problems))
    return mode


def listen_host(settings: Settings, mode: Mode) -> str:
    """Where the HTTP server listens: HPCBOT_HOST, else everywhere in HTTP mode (Slack must
    reach /slack/events) and only on loopback in Socket Mode, where it serves just /health,
    /ready and /metrics for probes and Prometheus on the same machine."""
    if settings.server.host:
        return settings.server.host
    return "0.0.0.0" if mode == "http" else "127.0.0.1"


def web_client(settings: Settings) -> WebClient:
    """Web API client that honours 429 Retry-After and retries dropped connections."""
    return WebClient(
        token=settings.slack.bot_token,
        base_url=settings.slack.api_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(),
            RateLimitErrorRetryHandler(max_retry_count=2),
        ],
    )


def build_app(
    settings: Settings,
    services: Services,
    *,
    mode: Mode | None = None,
    store: StateStore | None = None,
) -> App:
    mode = check_settings(settings, mode)
    store = store or _open_state(settings)
    store.prune_questions()  # then every few hundred replies (StateStore.save_reply)
    try:
        app = App(
            client=web_client(settings),
            signing_secret=settings.slack.signing_secret or "",
            request_verification_enabled=mode == "http",
            process_before_response=True,  # listeners only ack and hand work to `Deps.workers`
            listener_executor=ThreadPoolExecutor(8, thread_name_prefix="bolt"),
            raise_error_for_unhandled_request=False,
        )
    except (BoltError, SlackApiError, OSError) as exc:
        raise ConfigError(
            f"Slack did not accept SLACK_BOT_TOKEN at {settings.slack.api_url} "
            f"({type(exc).__name__}: {exc}). Check {WHERE['SLACK_BOT_TOKEN']}."
        ) from None
    from bot.schedule import knowledge_from_services, subscription_desk

    ops = Ops.for_app(store, services)
    deps = Deps(
        services=ops.metrics.instrument(services),
        store=store,
        workers=ThreadPoolExecutor(16, thread_name_prefix="hpcbot-work"),
        log_message_text=settings.logs.message_text,
        subscriptions=subscription_desk(
            settings, store, knowledge_from_services(settings, services)
        ),
    )
    _DEPS[app] = deps
    _OPS[app] = ops
    if mode == "http" and settings.slack.signing_secret:
        _SIGNING_SECRETS[app] = settings.slack.signing_secret
    app.use(ops.middleware())
    app.use(_attach(deps))
    app.use(_skip_duplicate_events(store))
    register_listeners(app)
    return app


def _open_state(settings: Settings) -> StateStore:
    try:
        return StateStore.open(
            settings.state_database_url,
            question_retention=timedelta(days=settings.storage.question_retention_days),
        )
    except SQLAlchemyError as exc:
        url = make_url(settings.state_database_url).render_as_string(hide_password=True)
        raise ConfigError(
            f"Could not open the state database at {url} ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0]}). Check HPCBOT_STATE_URL and that the server is up."
        ) from None


def ops_of(app: App) -> Ops | None:
    """Readiness checks and metrics of an app built by `build_app`."""
    return _OPS.get(app)


def wait_idle(app: App, timeout: float = 10.0) -> bool:
    """True once all work handed off after acks has finished."""
    deps = _DEPS.get(app)
    return deps is None or deps.wait_idle(timeout)


def close_app(app: App, wait: bool = True) -> None:
    """Finish queued work and release the database and services."""
    deps = _DEPS.pop(app, None)
    if deps is not None:
        deps.workers.shutdown(wait=wait)
        deps.services.close()
        deps.store.close()


def _attach(deps: Deps) -> Callable[..., BoltResponse]:
    def attach_deps(context: BoltContext, next_: Callable[[], BoltResponse]) -> BoltResponse:
        context[CONTEXT_KEY] = deps
        return next_()

    return attach_deps


def _skip_duplicate_events(store: StateStore) -> Callable[..., BoltResponse | None]:
    def skip_duplicate_events(
        body: dict[str, Any], request: BoltRequest, next_: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not store.claim_event(str(event_id)):
            retry = request.headers.get("x-slack-retry-num", ["0"])[0]
            log.info("ignored a repeat of event %s (retry %s)", event_id, retry)
            return BoltResponse(status=200, body="")
        return next_()

    return skip_duplicate_events


# --------------------------------------------------------------------------- HTTP mode
class HttpServer:
    """aiohttp server for HTTP mode: POST /slack/events (events, commands, interactivity) and
    GET /health, /ready, /metrics. Each request is dispatched on a thread pool, so concurrent
    acks don't queue. With `slack_events=False` (Socket Mode) it serves only the GET routes."""

    def __init__(
        self,
        app: App,
        port: int,
        host: str = "0.0.0.0",
        workers: int = 32,
        *,
        slack_events: bool = True,
    ) -> None:
        self.app, self.host, self.port = app, host, port
        self.slack_events = slack_events
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="http")
        secret = _SIGNING_SECRETS.get(app)
        self._secret = secret.encode() if secret else None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    def _web_app(self) -> web.Application:
        web_app = web.Application()
        if self.slack_events:
            web_app.router.add_post("/slack/events", self._events)
        ops = _OPS.get(self.app)
        web_app.router.add_get("/health", ops.health if ops else self._health)
        if ops is not None:
            ops.add_routes(web_app)
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
        response = await loop.run_in_executor(
            self._pool, context.run, self.app.dispatch, bolt_request
        )
        return web.Response(
            status=response.status,
            body=response.body.encode("utf-8"),
            headers={k: v for k, v in response.first_headers_without_set_cookie().items()},
        )

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

    async def _health(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

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


# --------------------------------------------------------------------------- running
class RedactSlackTokens(logging.Filter):
    """Redact secrets (Slack tokens, URL passwords, JWTs: `bot.logs.redact`) in log records,
    also for handlers hpcbot did not install."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def configure_logging(settings: Settings) -> None:
    """Structured logs (bot.logs): JSON unless on a terminal, level from HPCBOT_LOG_LEVEL."""
    install_logging(settings.logs.level, settings.logs.format)
    root = logging.getLogger()
    for handler in root.handlers:
        if not any(isinstance(f, RedactSlackTokens) for f in handler.filters):
            handler.addFilter(RedactSlackTokens())


def serve(settings: Settings, services: Services | None = None) -> None:
    """Run the bot until interrupted: Socket Mode if SLACK_APP_TOKEN is set, else HTTP."""
    mode = check_settings(settings)
    configure_logging(settings)
    services = services or Services.from_settings(settings)
    app = build_app(settings, services, mode=mode)
    posts = None
    if settings.schedule.scheduler:  # HPCBOT_SCHEDULER=0 when `hpcbot scheduler` runs apart
        from bot.schedule import knowledge_from_services, scheduled_posts

        knowledge = knowledge_from_services(settings, services)
        posts = scheduled_posts(settings, knowledge=knowledge).start()
    try:
        if mode == "socket":
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            handler = SocketModeHandler(app, settings.slack.app_token)
            start_health_server(app, handler, settings.server.port, listen_host(settings, mode))
            handler.start()  # type: ignore[no-untyped-call]
        else:
            HttpServer(app, settings.server.port, listen_host(settings, mode)).serve_forever()
    finally:
        if posts is not None:
            posts.stop()
        close_app(app, wait=False)


def start_health_server(app: App, handler: Any, port: int, host: str = "127.0.0.1") -> HttpServer:
    """Socket Mode needs no inbound HTTP, but probes and Prometheus do: /health, /ready,
    /metrics on HPCBOT_PORT; readiness includes the socket being connected. Loopback only
    unless HPCBOT_HOST says otherwise (`listen_host`)."""
    ops = _OPS.get(app)
    if ops is not None:
        ops.checks["slack"] = lambda: None if handler.client.is_connected() else "disconnected"
    server = HttpServer(app, port, host, slack_events=False, workers=4)
    log.info("health and metrics on http://%s:%d/health", server.host, server.start())
    return server
