"""What listeners need besides Bolt's own arguments, attached to every request's context."""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.i18n import Words, answer_language, words_for
from bot.i18n.locales import UserLocales
from bot.services import Services
from bot.state import StateStore
from knowledge import Answer

if TYPE_CHECKING:
    from bot.fit import FitDesk
    from bot.notify.desk import NotifyDesk
    from bot.schedule.desk import SubscriptionDesk
    from bot.usage.desk import UsageDesk

CONTEXT_KEY = "hpcbot"
log = logging.getLogger(__name__)
# Set by a transport that can tell when its ack has left (the HTTP server): work handed off in
# that request waits here until then, instead of competing for the interpreter with the acks
# still being written. Unset (Socket Mode, scheduler, tests): work starts at once.
_HELD: contextvars.ContextVar[list[Callable[[], None]] | None] = contextvars.ContextVar(
    "hpcbot_held_work", default=None
)


def hold_work_until_acked() -> None:
    """Call in the request's context before dispatching it; then `release_held_work`."""
    _HELD.set([])


def release_held_work() -> None:
    """Start the work handed off in this request's context (call once its ack is sent)."""
    held = _HELD.get()
    _HELD.set(None)
    for start in held or ():
        start()


@dataclass
class Deps:
    services: Services
    store: StateStore
    workers: Executor
    log_message_text: bool = False
    subscriptions: SubscriptionDesk | None = None  # /hpc subscribe; None: not offered
    fit: FitDesk | None = None  # /hpc fit; None: not offered
    usage: UsageDesk | None = None  # /usage, /hpc link; None: no usage config
    notify: NotifyDesk | None = None  # /hpc notify and GET /notify; None: not set up
    timezone: str = "Europe/Brussels"
    languages: tuple[str, ...] = ("en",)  # HPCBOT_LANGUAGES: what the bot may speak
    locales: UserLocales = field(default_factory=lambda: UserLocales(("en",)))
    _pending: int = field(default=0, init=False)
    _idle: threading.Condition = field(default_factory=threading.Condition, init=False)

    def after_ack(
        self, work: Callable[[], None], *, body: dict[str, Any], client: WebClient
    ) -> None:
        """Run `work` on the worker pool; its errors go to the one error handler."""
        from bot.listeners.errors import handle_error

        def run() -> None:
            try:
                work()
            except Exception as error:
                handle_error(error, body, client)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

        with self._idle:
            self._pending += 1
        # Copy the request's context so log records after the ack keep its event id.
        context = contextvars.copy_context()

        def start() -> None:
            self.workers.submit(context.run, run)

        held = _HELD.get()
        if held is None:
            start()
        else:
            held.append(start)

    def answer_words(self, answer: Answer) -> Words:
        """The bot's words around an answer: the question's language if it is on, else English."""
        return words_for(answer_language(answer.language, self.languages))

    def words_of(self, client: WebClient, user: str) -> Words:
        """The bot's words for `user`: their Slack locale's language (may ask Slack; after acks)."""
        return words_for(self.locales.language(client, user))

    def known_words(self, user: str) -> Words | None:
        """`words_of` when that needs no Slack call (before an ack), else None."""
        language = self.locales.cached(user)
        return None if language is None else words_for(language)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no after-ack work is queued or running (graceful shutdown, tests)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)


def deps_of(context: BoltContext) -> Deps:
    deps = context.get(CONTEXT_KEY)
    if not isinstance(deps, Deps):
        raise RuntimeError("hpcbot dependencies are missing; build the app with bot.app.build_app")
    return deps
