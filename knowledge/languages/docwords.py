"""The documentation's words for what users say in chat.

Users write "my job got killed", "can I cap how many run at once", "is it down?"; the
documentation writes "terminated", "the maximum number of simultaneously running tasks",
"system status". The lexical search finds only the words a passage uses, so the documentation's
words for the user's phrases are added to what is searched for: they find the passage, and
pick its sentence, but how sure the documents are is read on the question's own words, and the
curated facts are matched on those alone. A question read from another language gets them too:
its glossary words are plain English, as a user's own would be.

The vocabulary is a TSV file, `user phrase<TAB>documentation words`, one entry per line, both
sides lower case; `#` starts a comment. A phrase matches whole words in any of their inflections
("crashed", "crashes", "crash"), in order, with at most one other word between two of its words
("whole GPU node" says "whole node", and a glossary's "cores CPU per GPU" says "cores per gpu");
a `~` between two words lets two stand there ("output ~ overwritten": "my output file got
overwritten"). Two phrases that differ only in inflection are one phrase, written once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from knowledge.errors import CatalogError
from knowledge.languages.stems import stem_word

VOCABULARY = Path(__file__).parent / "data" / "en-docwords.tsv"
# How many other words may stand between two words of a phrase, and where it writes `~`.
_GAP = 1
_WIDE_GAP = 2
_GAP_MARK = "~"
# Hyphenated words are one word: "small-cap" does not say "cap".
_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*|" + _GAP_MARK)


@dataclass(frozen=True)
class _Phrase:
    keys: tuple[str, ...]
    # Whether two other words may stand before each key after the first (a `~` before it).
    gaps: tuple[bool, ...]
    documented: str


def _key(stem: str) -> str:
    # Snowball leaves "queue" but stems "queued" to "queu": one final e goes, from stems long
    # enough that no other word is left ("one" stays apart from "on", "use" from "us").
    return stem[:-1] if len(stem) > 3 and stem.endswith("e") else stem


@lru_cache(maxsize=8192)
def _word_key(word: str) -> str:
    if word == _GAP_MARK:
        return word
    return _key(stem_word("english", word))


def _keys(text: str) -> list[str]:
    """The words of `text` as inflection-free keys (`~` kept as it is)."""
    return [_word_key(w.casefold().replace("’", "'")) for w in _WORD.findall(text)]


def _phrase(text: str, documented: str) -> _Phrase | None:
    keys: list[str] = []
    gaps: list[bool] = []
    gap = False
    for key in _keys(text):
        if key == _GAP_MARK:
            gap = bool(keys)
            continue
        keys.append(key)
        gaps.append(gap)
        gap = False
    return _Phrase(tuple(keys), tuple(gaps), documented) if keys else None


@cache
def _vocabulary(path: Path) -> dict[str, list[_Phrase]]:
    """The phrases by their first word's key."""
    seen: dict[tuple[str, ...], int] = {}
    by_first: dict[str, list[_Phrase]] = defaultdict(list)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        text, sep, documented = line.partition("\t")
        phrase = _phrase(text, " ".join(documented.split()))
        if not sep or phrase is None or not phrase.documented:
            raise CatalogError(f"{path}:{number}: write 'user phrase<TAB>documentation words'")
        if phrase.keys in seen:
            raise CatalogError(
                f"{path}:{number}: '{text.strip()}' is line {seen[phrase.keys]}'s phrase in "
                "another inflection; keep one of the two lines"
            )
        seen[phrase.keys] = number
        by_first[phrase.keys[0]].append(phrase)
    return dict(by_first)


def _match(keys: list[str], start: int, phrase: _Phrase) -> tuple[int, ...] | None:
    """The positions of `phrase` in `keys` from `start`, or None."""
    positions = [start]
    for key, gap in zip(phrase.keys[1:], phrase.gaps[1:], strict=True):
        after = positions[-1] + 1
        reach = min(after + (_WIDE_GAP if gap else _GAP) + 1, len(keys))
        found = next((i for i in range(after, reach) if keys[i] == key), None)
        if found is None:
            return None
        positions.append(found)
    return tuple(positions)


def documentation_words(text: str, vocabulary: Path = VOCABULARY) -> tuple[str, ...]:
    """The documentation's words for the user's phrases in `text`, each once, in order."""
    phrases = _vocabulary(vocabulary)
    keys = _keys(text)
    found: dict[frozenset[int], str] = {}
    containing: dict[int, list[frozenset[int]]] = defaultdict(list)
    for start, key in enumerate(keys):
        for phrase in phrases.get(key, ()):
            positions = _match(keys, start, phrase)
            if positions is not None and frozenset(positions) not in found:
                found[frozenset(positions)] = phrase.documented
                for position in positions:
                    containing[position].append(frozenset(positions))
    # A phrase inside a longer one that matched is read as the longer one ("restarted itself"
    # is automatic requeuing, not also a requeue); overlapping phrases both count ("gpu hours"
    # and "hours left"). A longer match holds the shorter one's first word, so only the matches
    # there are compared.
    kept = (
        documented
        for positions, documented in found.items()
        if not any(positions < other for other in containing[min(positions)])
    )
    return tuple(dict.fromkeys(kept))
