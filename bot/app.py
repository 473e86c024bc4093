"""The Slack app: `build_app(settings, services)` makes a `SlackApp`, the one object a running bot
is (the Bolt app, what its listeners use, its readiness checks and metrics).

Nothing happens at import time. `build_app` checks the settings, opens the state database,
verifies the bot token (`auth.test`) and registers the listeners. Running it is `bot.serve`
(Socket Mode or HTTP); the HTTP server is `bot.http_server`.
"""

from __future__ import annotations

import gc
import logging
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal

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
from bot.i18n.locales import UserLocales
from bot.listeners import register_listeners
from bot.listeners.deps import CONTEXT_KEY, Deps
from bot.ops import Ops
from bot.services import Services
from bot.state import StateStore

if TYPE_CHECKING:
    from knowledge.usage import UsageService

Mode = Literal["socket", "http"]
log = logging.getLogger(__name__)

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


@dataclass
class SlackApp:
    """A built bot: the Bolt app, the dependencies its listeners use, readiness and metrics."""

    bolt: App
    deps: Deps
    ops: Ops
    # HTTP mode: requests to /slack/events must be signed with it (checked by bot.http_server).
    signing_secret: str | None = None

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """True once all work handed off after acks has finished."""
        return self.deps.wait_idle(timeout)

    def freeze_startup_heap(self, poll: float = 0.5, give_up_after: float = 900.0) -> None:
        """Hide what start-up built from the garbage collector: now, and again once the bot
        is ready (the model and index load in the background).

        Otherwise every full collection walks all the objects the libraries, the model and
        the index hold. On a bot serving a burst of slash commands that took about 100 ms and
        stalled every request in flight (most of the acks' p99). Only for a serving process:
        frozen objects are never freed, which a test building many apps would leak.
        """
        gc.collect()
        gc.freeze()

        def when_ready() -> None:
            deadline = time.monotonic() + give_up_after
            while not self.ops.is_ready():
                if time.monotonic() > deadline:
                    return
                time.sleep(poll)
            gc.collect()
            gc.freeze()

        threading.Thread(target=when_ready, name="hpcbot-freeze-heap", daemon=True).start()

    def close(self, wait: bool = True) -> None:
        """Finish queued work and release the database and services."""
        self.deps.workers.shutdown(wait=wait)
        self.deps.services.close()
        if self.deps.usage is not None:
            self.deps.usage.close()
        self.deps.store.close()


def build_app(
    settings: Settings,
    services: Services,
    *,
    mode: Mode | None = None,
    store: StateStore | None = None,
    usage: UsageService | None = None,
) -> SlackApp:
    """`usage` replaces the projects of the usage config (the sandbox's demo project)."""
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
    from bot.fit import fit_desk
    from bot.notify.wiring import notify_desk
    from bot.schedule import knowledge_from_services, subscription_desk
    from bot.usage.wiring import usage_desk

    ops = Ops.for_app(store, services)
    desk = usage_desk(settings, store, services.catalog, usage)
    deps = Deps(
        services=ops.metrics.instrument(services),
        store=store,
        workers=ThreadPoolExecutor(16, thread_name_prefix="hpcbot-work"),
        log_message_text=settings.logs.message_text,
        subscriptions=subscription_desk(
            settings,
            store,
            knowledge_from_services(settings, services),
            desk,
            services.clock,
        ),
        fit=fit_desk(settings, services),
        usage=desk,
        notify=notify_desk(
            settings, store, desk.service if desk else None, ops.metrics.count_job_notification
        ),
        timezone=settings.knowledge.timezone,
        languages=settings.knowledge.languages,
        locales=UserLocales(settings.knowledge.languages),
    )
    app.use(ops.middleware())
    app.use(_attach(deps))
    app.use(_skip_duplicate_events(store))
    register_listeners(app)
    secret = settings.slack.signing_secret if mode == "http" else None
    return SlackApp(app, deps, ops, secret or None)


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
