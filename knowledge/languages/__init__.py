"""Questions in other languages than English, answered from English sources.

`Languages` detects a question's language among the enabled ones and turns it into English
search words (`knowledge.languages.glossary`); `words_for` gives the assistant's own sentences
in that language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.languages.detect import ENGLISH, QUOTED, detect
from knowledge.languages.docwords import documentation_words
from knowledge.languages.glossary import glossary
from knowledge.languages.words import Words, words_for

SUPPORTED = ("en", "de", "fr", "it", "es", "pl")
# Languages that capitalise every noun: there a capital letter does not mark a name.
NOUNS_CAPITALISED = frozenset({"de"})


@dataclass(frozen=True)
class Asked:
    """A question as asked, its language, and what is searched for (English)."""

    text: str
    language: str
    english: str


class Languages:
    """The languages questions may be asked in (English always)."""

    def __init__(self, enabled: Iterable[str] = SUPPORTED) -> None:
        unknown = sorted(set(enabled) - set(SUPPORTED))
        if unknown:
            raise ValueError(
                f"hpcbot does not read {', '.join(unknown)}; choose from {', '.join(SUPPORTED)}"
            )
        self.enabled = tuple(dict.fromkeys([ENGLISH, *enabled]))

    def warm_up(self) -> None:
        """Read the glossaries now, not on the first question in their language."""
        detect("warm up", self.enabled)
        documentation_words("warm up")

    def read(
        self, question: str, known: Callable[[str], bool], names: frozenset[str] = frozenset()
    ) -> Asked:
        """The question's language, and the question in English search words; `names` (of
        calls, machines, AI Factories) stay as written."""
        language = detect(question, self.enabled)
        if language == ENGLISH:
            return Asked(question, ENGLISH, question)
        read = glossary(language)
        # A quotation in English (an error message, a command) is searched for as written,
        # not read word by word as the question's language ("slurmstepd" is no German
        # compound, French "or" is no "now").
        parts: list[str] = []
        start = 0
        for quoted in QUOTED.finditer(question):
            parts.append(read.translate(question[start : quoted.start()], known, names))
            inner = quoted.group()[1:-1].strip()
            # One word is too little to tell its language ("„Knoten“"): read as the rest.
            if len(inner.split()) > 1 and detect(inner, self.enabled) == ENGLISH:
                parts.append(inner)
            else:
                parts.append(read.translate(inner, known, names))
            start = quoted.end()
        parts.append(read.translate(question[start:], known, names))
        return Asked(question, language, " ".join(p for p in parts if p))


__all__ = ["Asked", "Languages", "NOUNS_CAPITALISED", "SUPPORTED", "Words", "words_for"]
