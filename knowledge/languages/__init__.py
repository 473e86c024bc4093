"""Questions in other languages than English, answered from English sources.

`Languages` detects a question's language among the enabled ones and turns it into English
search words (`knowledge.languages.glossary`); `words_for` gives the assistant's own sentences
in that language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.languages.detect import ENGLISH, QUOTED, detect, is_english
from knowledge.languages.docwords import documentation_words
from knowledge.languages.glossary import glossary
from knowledge.languages.words import Words, words_for
from knowledge.lexical import chat_sentences

SUPPORTED = ("en", "de", "fr", "it", "es", "pl")
# What a quotation kept as written stands for while the rest is read (see `Languages.read`): a
# technical token, which every glossary keeps as written.
_HELD = "hpcbot_quotation_"
_HELD_AGAIN = re.compile(_HELD + r"(\d+)")
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
        # A quotation in English (an error message, a command) is searched for as written,
        # not read word by word as the question's language ("slurmstepd" is no German
        # compound, French "or" is no "now"). It stands in the question as a placeholder the
        # reading keeps, so that the clause around it is read whole: a German verb's particle
        # after it still finds its verb ("bricht mit "..." ab").
        quotations: list[str] = []

        def hold(quoted: re.Match[str]) -> str:
            inner = quoted.group()[1:-1].strip()
            # One word is too little to tell its language ("„Knoten“"), and a quotation that
            # is not clearly English is read as the rest ("« job annulé »").
            if len(inner.split()) < 2 or not is_english(inner, self.enabled):
                return f" {inner} "
            quotations.append(inner)
            return f" {_HELD}{len(quotations) - 1} "

        held = QUOTED.sub(hold, question)
        # Sentence by sentence: a reading keeps where the sentence that asks starts ("unsere
        # Jobs fliegen raus. Welche Partition ist preemptible?"), which its words alone lose.
        read = glossary(language)
        # A sentence that asked keeps its question mark: where one question ends and the next
        # begins is how a reading's parts are told apart (see `answer_kinds.asked_parts`).
        readings = [
            (reading, s.rstrip().endswith("?"))
            for s in chat_sentences(held)
            if (reading := read.translate(s, known, names).strip())
        ]
        english = "".join(
            reading + ("" if i == len(readings) - 1 else "? " if asked else ". ")
            for i, (reading, asked) in enumerate(readings)
        )
        english = _HELD_AGAIN.sub(lambda found: quotations[int(found.group(1))], english)
        return Asked(question, language, english)


__all__ = ["Asked", "Languages", "NOUNS_CAPITALISED", "SUPPORTED", "Words", "words_for"]
