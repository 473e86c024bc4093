"""The bot's own words: every language says every message, with English's placeholders, and
the language is chosen only among those HPCBOT_LANGUAGES turns on."""

from __future__ import annotations

import dataclasses
import string

import pytest
from pydantic import ValidationError

from bot.config import KnowledgeSettings
from bot.i18n import CATALOGUE, ENGLISH, answer_language, locale_language, words_for
from bot.i18n.words import Words

MESSAGES = [f.name for f in dataclasses.fields(Words) if f.name != "language"]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_catalogue_has_every_language_hpcbot_reads() -> None:
    assert set(CATALOGUE) == {"en", "de", "fr", "it", "es", "pl"}
    assert set(CATALOGUE) == set(KnowledgeSettings().languages)
    assert all(words.language == code for code, words in CATALOGUE.items())


@pytest.mark.parametrize("language", sorted(set(CATALOGUE) - {"en"}))
def test_every_language_says_every_message_with_englishs_placeholders(language: str) -> None:
    words = CATALOGUE[language]
    for name in MESSAGES:
        text, english = getattr(words, name), getattr(ENGLISH, name)
        assert isinstance(text, str) and text, (language, name)
        assert placeholders(text) == placeholders(english), (language, name)
        text.format(**dict.fromkeys(placeholders(english), "x"))  # well formed
    # A translation, not a copy: the longer messages differ from English.
    copied = [
        n
        for n in MESSAGES
        if len(getattr(ENGLISH, n)) > 20 and getattr(words, n) == getattr(ENGLISH, n)
    ]
    assert copied == [], language


def test_weekdays_are_seven_and_numbers_use_the_languages_separator() -> None:
    assert all(len(w.weekdays.split(" ")) == 7 for w in CATALOGUE.values())
    assert words_for("de").weekday(4) == "Fr" and ENGLISH.weekday(6) == "Sun"
    assert [words_for(c).number(100_004) for c in ("en", "de", "fr", "pl")] == [
        "100,004",
        "100.004",
        "100\u202f004",
        "100\u00a0004",
    ]


def test_an_answer_speaks_the_questions_language_only_when_it_is_on() -> None:
    everything = KnowledgeSettings().languages
    assert answer_language("it", everything) == "it"
    assert answer_language("it", ("en", "de")) == "en"
    assert answer_language("pt", everything) == "en"  # read, perhaps, but no words for it


def test_a_slack_locale_picks_its_language_only_when_it_is_on() -> None:
    everything = KnowledgeSettings().languages
    assert [
        locale_language(locale, everything)
        for locale in ("de-DE", "fr-FR", "es-LA", "it-IT", "pl-PL", "en-GB", "pt-BR", "", None)
    ] == ["de", "fr", "es", "it", "pl", "en", "en", "en", "en"]
    assert locale_language("fr-FR", ("en", "de")) == "en"


def test_unknown_codes_get_english_words() -> None:
    assert words_for("pt") is ENGLISH and words_for("xx") is ENGLISH
    with pytest.raises(ValidationError):
        KnowledgeSettings(languages=("en", "pt"))  # type: ignore[arg-type]
