"""Each person's Slack locale, asked of Slack (the local peer) once and kept a day."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fakeslack import ALICE, BOB, FakeSlack
from slack_sdk import WebClient

from bot.i18n.locales import FAILED_TTL_SECONDS, LOCALE_TTL_SECONDS, UserLocales

EVERYTHING = ("en", "de", "fr", "it", "es", "pl")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    with fake:
        yield fake


@pytest.fixture
def client(slack: FakeSlack) -> WebClient:
    return WebClient(token=slack.bot_token, base_url=slack.api_url)


def test_a_locale_is_asked_once_a_day(slack: FakeSlack, client: WebClient) -> None:
    clock = Clock()
    locales = UserLocales(EVERYTHING, clock=clock)
    slack.ws.locales[ALICE] = "it-IT"
    assert locales.cached(ALICE) is None
    assert locales.language(client, ALICE) == "it"
    slack.ws.locales[ALICE] = "es-ES"  # changed in Slack: seen after a day, not before
    clock.now += LOCALE_TTL_SECONDS - 1
    assert locales.language(client, ALICE) == "it" and locales.cached(ALICE) == "it"
    clock.now += 2
    assert locales.cached(ALICE) is None and locales.language(client, ALICE) == "es"
    assert len(slack.api_calls("users.info")) == 2


def test_failures_mean_english_for_a_few_minutes(slack: FakeSlack, client: WebClient) -> None:
    clock = Clock()
    locales = UserLocales(EVERYTHING, clock=clock)
    slack.ws.locales[BOB] = "de-DE"
    assert locales.language(client, "U0NOBODY") == "en"  # user_not_found
    slack.inject_fault("users.info", status=200, error="fatal_error")
    assert locales.language(client, BOB) == "en"
    clock.now += FAILED_TTL_SECONDS + 1
    assert locales.language(client, BOB) == "de"


def test_with_only_english_on_slack_is_never_asked(slack: FakeSlack, client: WebClient) -> None:
    locales = UserLocales(("en",))
    slack.ws.locales[ALICE] = "de-DE"
    assert locales.cached(ALICE) == "en" and locales.language(client, ALICE) == "en"
    assert slack.api_calls("users.info") == []
