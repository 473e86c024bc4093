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
("crashed", "crashes", "crash"), in order, with up to two other words between two of its words:
"my output file got overwritten" says "output overwritten", and a glossary's "log file
overwrite" says "log overwrite".
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import snowballstemmer

from knowledge.errors import CatalogError

VOCABULARY = Path(__file__).parent / "data" / "en-docwords.tsv"
# How many other words may stand between two words of a phrase ("output file got overwritten").
_GAP = 2
# Hyphenated words are one word: "small-cap" does not say "cap".
_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_STEMMER = snowballstemmer.stemmer("english")

Phrase = tuple[str, ...]


def _keys(text: str) -> list[str]:
    """The words of `text` as inflection-free keys: Snowball stems, a final e dropped (Snowball
    leaves "queue" but stems "queued" to "queu")."""
    words = [w.casefold().replace("’", "'") for w in _WORD.findall(text)]
    return [stem.rstrip("e") or stem for stem in _STEMMER.stemWords(words)]


@cache
def _vocabulary(path: Path) -> dict[str, list[tuple[Phrase, str]]]:
    """The phrases by their first word's key, longest first; each with its documentation words."""
    phrases: dict[Phrase, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        phrase, sep, documented = line.partition("\t")
        keys = tuple(_keys(phrase))
        if not sep or not keys or not documented.strip():
            raise CatalogError(f"{path}:{number}: write 'user phrase<TAB>documentation words'")
        phrases.setdefault(keys, " ".join(documented.split()))
    by_first: dict[str, list[tuple[Phrase, str]]] = defaultdict(list)
    for keys, documented in phrases.items():
        by_first[keys[0]].append((keys, documented))
    for entries in by_first.values():
        entries.sort(key=lambda entry: len(entry[0]), reverse=True)
    return dict(by_first)


def _match(keys: list[str], start: int, phrase: Phrase) -> tuple[int, ...] | None:
    """The positions of `phrase` in `keys` from `start`, gaps allowed, or None."""
    positions = [start]
    for key in phrase[1:]:
        after = positions[-1] + 1
        found = next(
            (i for i in range(after, min(after + _GAP + 1, len(keys))) if keys[i] == key), None
        )
        if found is None:
            return None
        positions.append(found)
    return tuple(positions)


def documentation_words(text: str, vocabulary: Path = VOCABULARY) -> tuple[str, ...]:
    """The documentation's words for the user's phrases in `text`, each once, in order."""
    phrases = _vocabulary(vocabulary)
    keys = _keys(text)
    found: list[tuple[frozenset[int], str]] = []
    for start, key in enumerate(keys):
        for phrase, documented in phrases.get(key, ()):
            positions = _match(keys, start, phrase)
            if positions is not None:
                found.append((frozenset(positions), documented))
    # A phrase inside a longer one that matched is read as the longer one ("restarted itself"
    # is automatic requeuing, not also a requeue); overlapping phrases both count ("gpu hours"
    # and "hours left").
    kept = (
        documented
        for positions, documented in found
        if not any(positions < other for other, _ in found)
    )
    return tuple(dict.fromkeys(kept))
