"""Which language a question is written in, among those enabled.

Questions are short and full of names and English technical terms ("Wie viele GPUs hat ein
LUMI-G-Knoten?"), which mislead detectors trained on prose. Function words do not: articles,
prepositions, auxiliaries and question words are what a sentence in a language cannot avoid.
Each glossary marks its function words; English has its own list here. Letters only one
language uses (ß, ñ, ł ...) add weight.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from knowledge.languages.glossary import (
    DROP,
    ENGLISH_FUNCTION_WORDS,
    QUESTION_WORDS,
    glossary,
    words,
)

ENGLISH = "en"


# English "doesn't", "can't", "won't": the "not" they say.
_NOT = re.compile(r"\b(?:(can)|(won)|\w+n)['’]t\b", re.I)


def _spelt_out(found: re.Match[str]) -> str:
    if found.group(1):
        return "cannot"
    if found.group(2):
        return "will not"
    return found.group(0)[:-3] + " not"


# Letters that point to one language (lower case); each occurrence counts this much.
_LETTERS = {
    "de": ("ßäöü", 1.0),
    "fr": ("çœêâîûëï", 1.0),
    "it": ("ìò", 0.5),
    "es": ("ñ¿¡", 2.0),
    "pl": ("ąćęłńśźż", 2.0),
}
# A language other than English needs at least this score, and more than English's.
_MIN_SCORE = 2.0
# Other words the glossary knows count less: languages share many stems ("informa-").
_VOCABULARY_WEIGHT = 0.5


@cache
def _english_lexicon(languages: tuple[str, ...]) -> frozenset[str]:
    """Every English word the glossaries translate to (built once, not per question), less
    the words a glossary lists as a function word of its own: Italian "come" (how) is no
    evidence of English because French "venir" reads as "come"."""
    english = frozenset().union(*(glossary(code).english_words for code in languages))
    return english - {
        form
        for code in languages
        for form, meaning in glossary(code).forms.items()
        if meaning == DROP or meaning in QUESTION_WORDS or meaning in ENGLISH_FUNCTION_WORDS
    }


def _english_word(token: str, lexicon: frozenset[str]) -> bool:
    """Whether a token is a word of the English lexicon, or its plural or -ing form."""
    if token in lexicon:
        return True
    for ending in ("s", "es", "ing"):
        if len(token) > len(ending) + 2 and token.endswith(ending):
            stem = token[: -len(ending)]
            # "pinning" -> "pin", "containers" -> "container", "caches" -> "cache".
            if stem in lexicon or stem[:-1] in lexicon and stem[-1:] == stem[-2:-1]:
                return True
            if ending == "ing" and stem + "e" in lexicon:
                return True
    return False


# What the asker quotes: an error message, a command, a page's title. It is in the language
# it was printed in, usually English, whatever language the question around it is asked in.
# Bounded, so that an opening mark never closed costs no more than a short scan.
QUOTED = re.compile(
    r'"[^"\n]{0,300}"|`[^`\n]{0,300}`|„[^“”\n]{0,300}[“”]|«[^»\n]{0,300}»|»[^«\n]{0,300}«|'
    r"“[^”\n]{0,300}”"
)


def detect(question: str, enabled: Iterable[str]) -> str:
    """The ISO 639-1 code of the question's language among `enabled`; English when unsure."""
    others = [code for code in enabled if code != ENGLISH]
    if not others:
        return ENGLISH
    # The asker's own words first, when there are some besides the quotation; if they are too
    # few to tell ("Was bedeutet" is English "was" and one German word), the whole question.
    unquoted = QUOTED.sub(" ", question)
    if unquoted != question and len(words(unquoted)) >= 2:
        language, _ = _scores(unquoted, others)
        if language != ENGLISH:
            return language
    language, _ = _scores(question, others)
    return language


def is_english(text: str, enabled: Iterable[str]) -> bool:
    """Whether `text` shows more English than any other enabled language (not merely too
    little of another to tell)."""
    others = [code for code in enabled if code != ENGLISH]
    _, (english, best_score) = _scores(text, others)
    return english > 0 and english > best_score


def _scores(question: str, others: list[str]) -> tuple[str, tuple[float, float]]:
    """The language detected, and the scores of English and of the best other language."""
    # English "doesn't" splits into "doesn" and "t", and a lone "t" is French ("y a-t-il"):
    # read as the "not" it is.
    question = _NOT.sub(_spelt_out, question)
    # Acronyms are names ("AI", "EU"), not the French "ai" and "eu" they fold to; in a
    # question typed all in capitals every word looks like one.
    shouted = question.isupper()
    tokens = [w.casefold() for w in words(question) if shouted or not (len(w) > 1 and w.isupper())]
    english_lexicon = _english_lexicon(tuple(others))
    english = float(sum(t in ENGLISH_FUNCTION_WORDS for t in tokens))
    # An English content word ("job", "limit", "many") is evidence for English only: a
    # foreign stemmer would otherwise cut it down to one of its own stems ("many" -> "man").
    # So is its plural or -ing form ("containers", "limits", "pinning"), which a foreign stemmer
    # would cut down the same way.
    lexical = [_english_word(t, english_lexicon) for t in tokens]
    english += _VOCABULARY_WEIGHT * sum(
        known and t not in ENGLISH_FUNCTION_WORDS for t, known in zip(tokens, lexical, strict=True)
    )
    ambiguous = [
        t
        for t, known in zip(tokens, lexical, strict=True)
        if not known or t in ENGLISH_FUNCTION_WORDS
    ]
    lowered = question.casefold()
    best, best_score = ENGLISH, 0.0
    for code in others:
        known = glossary(code)
        score = float(known.function_word_count(ambiguous))
        score += _VOCABULARY_WEIGHT * known.vocabulary_count(ambiguous)
        letters, weight = _LETTERS.get(code, ("", 0.0))
        score += weight * sum(lowered.count(ch) for ch in letters)
        if score > best_score:
            best, best_score = code, score
    # A short question with no English in it ("najmniejsza partycja", "passwort vergessen")
    # has few words to score: half a point a word is enough evidence, up to the usual bar; one
    # word alone is too little ("segfaults" is no German).
    needed = (
        _MIN_SCORE
        if english or len(tokens) < 2
        else min(_MIN_SCORE, _VOCABULARY_WEIGHT * len(tokens))
    )
    if best_score >= needed and best_score > english:
        return best, (english, best_score)
    return ENGLISH, (english, best_score)
