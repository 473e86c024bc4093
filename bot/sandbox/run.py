"""`Sandbox`: the local Slack peer, the page, and hpcbot connected to them, in one process."""

from __future__ import annotations

import dataclasses
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TextIO

from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.config import ConfigError, Settings
from bot.sandbox.demo import with_demo_fallback
from bot.sandbox.index import BuildStatus, IndexBuild
from bot.sandbox.page import CHANNEL, SandboxPage
from bot.sandbox.peer import FakeSlack
from bot.sandbox.peer.clock import Clock as PeerClock
from bot.services import Services

if TYPE_CHECKING:
    from bot.app import SlackApp
    from bot.schedule.scheduler import ScheduledPosts
    from knowledge.usage import UsageService

log = logging.getLogger(__name__)
FAST_FORWARD_STEP = 3600.0


class SandboxClock:
    """The sandbox's clock as the scheduler reads it (`now()`, aware UTC): real time plus
    however far the page's "fast-forward" control has moved it."""

    def __init__(self, clock: PeerClock) -> None:
        self._clock = clock

    def now(self) -> datetime:
        return datetime.fromtimestamp(self._clock.now(), UTC)


class Sandbox:
    """Start with `start()` (returns the page's URL), stop with `stop()`.

    Pass `services` to use fixed ones (tests); without, the real services are used and the
    index is built from the bundled knowledge in the background (`build`).
    """

    def __init__(
        self,
        settings: Settings,
        services: Services | None = None,
        *,
        port: int | None = None,
        on_status: Callable[[BuildStatus], None] | None = None,
    ) -> None:
        self.settings = settings
        self.peer = FakeSlack(port=settings.server.port if port is None else port)
        self.clock = SandboxClock(self.peer.clock)
        # Called with the seconds skipped after every fast-forward (e.g. "run due posts now").
        self.on_advance: list[Callable[[float], None]] = []
        self._services = services
        self._on_status = on_status
        self.build = None if services is not None else IndexBuild(settings, self._status_moved)
        self.page = SandboxPage(self.peer, status=self._status, fast_forward=self.fast_forward)
        self.app: SlackApp | None = None
        self._handler: SocketModeHandler | None = None
        self._posts: ScheduledPosts | None = None
        self._next_due: float | None = None  # the next scheduled post, on the sandbox clock
        self._sweep: Callable[[], None] | None = None  # posts what is due, updates `_next_due`

    @property
    def url(self) -> str:
        return self.peer.url

    def _status(self) -> BuildStatus | None:
        return self.build.status if self.build is not None else None

    def _status_moved(self, status: BuildStatus) -> None:
        self.page.changed()
        if self._on_status is not None:
            self._on_status(status)

    def fast_forward(self, seconds: float) -> None:
        """Move the sandbox clock `seconds` ahead, in steps of at most an hour, running the
        `on_advance` hooks after each step: scheduled posts fire as if the time had passed
        (one big jump would leave them past their grace window, so they'd count as missed)."""
        clock = self.peer.clock
        if self._sweep is not None:
            self._sweep()  # a subscription made since the last sweep: learn when it is due
        end = clock.now() + seconds
        while (now := clock.now()) < end - 0.001:
            step = min(FAST_FORWARD_STEP, end - now)
            if self._next_due is not None and 0 < self._next_due - now < step:
                step = self._next_due - now  # land on it: posted on time, not "late"
            clock.advance(step)
            for hook in self.on_advance:
                hook(step)

    def bot_settings(self) -> Settings:
        """The settings hpcbot runs with: the peer's tokens and Web API, Socket Mode."""
        peer = self.peer
        return self.settings.override(
            slack={
                "bot_token": peer.bot_token,
                "app_token": peer.app_token,
                "signing_secret": peer.signing_secret,
                "api_url": peer.api_url,
            }
        )

    def start(self) -> str:
        from bot.app import build_app

        try:
            self.peer.start()
        except RuntimeError as exc:
            raise ConfigError(
                f"The sandbox could not listen on 127.0.0.1:{self.peer.port} ({exc}). "
                "Set HPCBOT_PORT to a free port, e.g. HPCBOT_PORT=3001."
            ) from None
        settings = self.bot_settings()
        services = self._services
        if services is None:
            assert self.build is not None
            build = self.build
            services = Services.from_settings(settings, ask=build.ask)
            services = dataclasses.replace(
                services,
                queue=with_demo_fallback(services.queue),
                readiness=lambda: None if build.status.ready else build.status.describe(),
            )
        # Fast-forwarding moves every "now": /hpc fit's next cut-off, and when a subscription
        # was made (else one made after a fast-forward would owe posts from before it existed).
        services = dataclasses.replace(services, clock=self.clock.now)
        demo = self._demo_usage(settings, services)
        self.app = build_app(settings, services, mode="socket", usage=demo)
        if demo is not None and self.app.deps.usage is not None:
            # The demo project is #general's, as if a workspace admin had linked it.
            self.app.deps.usage.links.link(CHANNEL, demo.projects[0], "sandbox")
        self._handler = SocketModeHandler(self.app.bolt, self.peer.app_token)
        self._handler.connect()  # type: ignore[no-untyped-call]
        self.peer.wait_for(lambda: self.peer.hub.connected, timeout=10)
        if settings.schedule.scheduler:
            self._start_scheduled_posts(settings, services)
        if self.build is not None:
            self.build.start()
        return self.url

    def _demo_usage(self, settings: Settings, services: Services) -> UsageService | None:
        """The demo project's usage when the usage config lists no project (else None)."""
        from bot.sandbox.demo_usage import demo_usage_service
        from knowledge import CatalogSource
        from knowledge.usage import billing_rules, load_usage_config

        if load_usage_config(settings.usage_config_path).projects:
            return None
        catalog = services.catalog or CatalogSource(settings.knowledge.knowledge_dir)
        return demo_usage_service(self.clock.now().date(), billing_rules(catalog))

    def _start_scheduled_posts(self, settings: Settings, services: Services) -> None:
        """Scheduled posts on the sandbox clock: fast-forwarding sweeps, so due posts appear."""
        from bot.schedule import knowledge_from_services, scheduled_posts

        knowledge = knowledge_from_services(settings, services)
        assert self.app is not None
        posts = scheduled_posts(
            settings, knowledge=knowledge, clock=self.clock, usage=self.app.deps.usage
        ).start()
        self._posts = posts

        def sweep() -> None:
            due = posts.sweep().next_due.values()
            self._next_due = min(due).timestamp() if due else None

        self._sweep = sweep
        self.on_advance.append(lambda seconds: sweep())

    def stop(self) -> None:
        self._sweep = None
        if self._posts is not None:
            self._posts.stop()
            self._posts = None
        if self.app is not None:
            self.app.wait_idle(5)
        if self._handler is not None:
            # SocketModeClient.close() waits about a second for its queue; don't wait for it.
            threading.Thread(target=_close_quietly, args=(self._handler,), daemon=True).start()
        if self.app is not None:
            self.app.close(wait=False)
        self.peer.stop()

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _close_quietly(handler: SocketModeHandler) -> None:
    try:
        handler.close()  # type: ignore[no-untyped-call]
    except AttributeError:  # slack-sdk quirk after a forced reconnect
        pass


class ConsoleProgress:
    """Index progress on the terminal: one rewritten line on a TTY, a few plain lines in logs."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._last: tuple[str, int] = ("", -1)

    def __call__(self, status: BuildStatus) -> None:
        key = (status.phase, status.done // (1 if self.tty else 5))
        if key == self._last and status.phase != "ready":
            return
        self._last = key
        line = f"hpcbot sandbox: {status.describe()}"
        final = status.phase in ("ready", "failed")
        if self.tty:
            self.stream.write(f"\r\033[K{line}" + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def run_sandbox(settings: Settings) -> None:
    """`hpcbot serve` without Slack tokens: serve the sandbox until interrupted."""
    from bot.logs import install as install_logging

    install_logging(settings.logs.level, settings.logs.format)
    started = time.monotonic()
    sandbox = Sandbox(settings, on_status=ConsoleProgress())
    stopped = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopped.set())
    url = sandbox.start()
    print(
        f"hpcbot sandbox: no SLACK_BOT_TOKEN, so hpcbot is connected to a local Slack.\n"
        f"hpcbot sandbox: open {url} (ready in {time.monotonic() - started:.1f} s; "
        "Ctrl-C stops it). Set the Slack tokens to connect to your workspace instead.",
        flush=True,
    )
    try:
        stopped.wait()
    finally:
        sandbox.stop()
