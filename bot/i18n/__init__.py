"""The bot's own words in the reader's language, and which language that is.

`words_for(code)` gives the `Words` of a language (English for any code it does not have);
`answer_language` and `locale_language` decide the code: an answer speaks the language the
question was asked in, everything else the language of the person's Slack locale, each only
when `HPCBOT_LANGUAGES` has it on. `UserLocales` (bot.i18n.locales) looks the locale up.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.i18n import de, en, es, fr, it, pl
from bot.i18n.words import Words

ENGLISH = en.WORDS
CATALOGUE: dict[str, Words] = {m.WORDS.language: m.WORDS for m in (en, de, fr, it, es, pl)}


def words_for(language: str) -> Words:
    return CATALOGUE.get(language, ENGLISH)


def answer_language(asked_in: str, enabled: Collection[str]) -> str:
    """The language of an answer's words: the question's, if it is on; else English."""
    return asked_in if asked_in in enabled and asked_in in CATALOGUE else "en"


def locale_language(locale: str | None, enabled: Collection[str]) -> str:
    """The language of a Slack locale ("de-DE", "fr-FR", "pt-BR"), if it is on; else English."""
    code = (locale or "").replace("_", "-").split("-")[0].lower()
    return code if code in enabled and code in CATALOGUE else "en"


__all__ = ["CATALOGUE", "ENGLISH", "Words", "answer_language", "locale_language", "words_for"]
