"""Each person's Slack locale, as `users.info` with `include_locale` reports it, kept a while.

Slack sends no locale with slash commands or button clicks, so the bot asks once per person
and keeps the answer for a day (a locale rarely changes). Any failure means English, kept
only briefly so that a rate limit or a blip does not decide a whole day.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n import locale_language

log = logging.getLogger(__name__)

LOCALE_TTL_SECONDS = 24 * 3600
FAILED_TTL_SECONDS = 300
MAX_PEOPLE = 10_000


class UserLocales:
    def __init__(
        self,
        enabled: Collection[str],
        *,
        ttl_seconds: float = LOCALE_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._enabled = frozenset(enabled)
        self._ttl = ttl_seconds
        self._clock = clock
        self._known: dict[str, tuple[str, float]] = {}  # user -> (language, expires)
        self._lock = threading.Lock()

    def cached(self, user: str) -> str | None:
        """The person's language if it is known and fresh (no Slack call), else None."""
        if not user or len(self._enabled) == 1:
            return "en"
        with self._lock:
            known = self._known.get(user)
        if known is None or known[1] <= self._clock():
            return None
        return known[0]

    def language(self, client: WebClient, user: str) -> str:
        """The language of `user`'s Slack locale if it is on, else English; never raises."""
        known = self.cached(user)
        if known is not None:
            return known
        ttl = self._ttl
        try:
            info = client.users_info(user=user, include_locale=True)
            language = locale_language((info.get("user") or {}).get("locale"), self._enabled)
        except (SlackApiError, OSError) as exc:
            reason = exc.response.get("error") if isinstance(exc, SlackApiError) else exc
            log.warning("users.info failed for a locale, answering in English: %s", reason)
            language, ttl = "en", min(ttl, FAILED_TTL_SECONDS)
        self._remember(user, language, ttl)
        return language

    def _remember(self, user: str, language: str, ttl: float) -> None:
        now = self._clock()
        with self._lock:
            if len(self._known) >= MAX_PEOPLE:
                self._known = {u: k for u, k in self._known.items() if k[1] > now}
                while len(self._known) >= MAX_PEOPLE:
                    self._known.pop(next(iter(self._known)))
            self._known[user] = (language, now + ttl)
