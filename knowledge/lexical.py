"""Lexical side of hybrid retrieval: a tokenizer that keeps HPC terms whole, and BM25.

Exact terms matter in HPC questions (`small-g`, `lumi-allocations`, `--account`, `lumi.csc.fi`),
so compound tokens are kept as one token *and* split into their parts.
"""

from __future__ import annotations

import difflib
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

# Latin letters with diacritics belong to their words ("kraków"), folded per token below.
_LETTER = r"[a-z0-9\u00df-\u00f6\u00f8-\u024f]"
_TOKEN = re.compile(_LETTER + r"+(?:[-_.]" + _LETTER + r"+)*")
_PARTS = re.compile(r"[-_.]")
# Where a chat message's sentence ends: a full stop, "!" or "?" before the next word.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me more most my
    no nor not now of off on once only or other our ours out over own same she should so some such
    than that the their theirs them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours us
    get got use using used want need needs also may might must shall one per via
    let lets please tell know like many much
    myself yourself yourselves ourselves themselves himself herself till til thru
    nobody somebody anybody everybody anyone someone everyone nothing something anything
    everything""".split()
    # Contractions as typed in chat without the apostrophe ("dont", "whats"), and as they come
    # out of the apostrophe being dropped below ("don't" -> "dont").
    + """dont doesnt didnt wont cant couldnt shouldnt wouldnt isnt arent wasnt werent havent hasnt
    hadnt whats hows wheres whos thats theres im ive youre youve theyre theyve weve ill
    itll""".split()
)
# The light stemmer keeps a word's inflections apart from the word a passage uses: "causing"
# stems to "caus" (passages say "cause"), and "killed", "recognized", "hardly", "heavily" stay as
# typed. A word known by its base is no word the documents have never seen.
_INFLECTIONS = (("", "e"), ("ed", ""), ("d", ""), ("ily", "y"), ("ly", ""))
_MIN_BASE = 4
# How close an unknown word must be to a known one to read as its typo (difflib's ratio: one
# letter wrong, missing or doubled in a word of six or more).
_TYPO_CUTOFF = 0.85
# A word this many passages use may be what a one-letter slip meant.
_SLIP_SOURCE_MIN = 3
# "LUMI's" is LUMI; any other apostrophe inside a word joins it ("don't" -> "dont").
_POSSESSIVE = re.compile(r"(?<=[a-z0-9])['\u2019]s\b")
_APOSTROPHE = re.compile(r"(?<=[a-z])['\u2019](?=[a-z])")


# Processing units take a plural "s" like any noun ("GPUs", "CPUs"): their "us" is no Latin
# ending such as "status" keeps.
_PROCESSING_UNITS = frozenset(f"{letter}pus" for letter in "acdginqtvx")


# Words typed short for the word the pages write, or write as often ("max walltime", "the env",
# "which dir"): one token, so that either matches the other. Looked up before the plural rules,
# so a short word's plural is listed too. A name that holds one ("Data Center GPU Max", "Max
# Planck", "/usr/bin/env") is read the same way: rare beside the questions that gain.
_SHORT_FOR = {
    "max": "maximum",
    "dir": "directory",
    "dirs": "directory",
    "env": "environment",
    "envs": "environment",
}


def _stem(token: str) -> str:
    if token in _SHORT_FOR:
        return _SHORT_FOR[token]
    # A deliberately light stemmer: plurals and -ing only (and the short words above).
    # Aggressive stemming merges HPC terms that must stay apart (e.g. "gres" vs "gre").
    if len(token) > 6 and token.endswith("ing") and not token[-4].isdigit():
        stem = token[:-3]
        if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            stem = stem[:-1]  # debugging -> debug, running -> run
        return stem
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    if token in _PROCESSING_UNITS:
        return token[:-1]
    return token


# Letters that no Unicode decomposition takes apart (both callers fold lower-case text).
_UNDECOMPOSED = {"ß": "ss", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d"}


def _plain_letter(letter: str) -> str:
    decomposed = unicodedata.normalize("NFKD", _UNDECOMPOSED.get(letter, letter))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Latin letters with diacritics (Latin-1 to Latin Extended-B) and loose combining marks, decomposed
# once here: folding a word is then one table lookup per letter.
_FOLD = str.maketrans(
    {
        **{chr(cp): _plain_letter(chr(cp)) for cp in range(0xC0, 0x250)},
        **{chr(cp): "" for cp in range(0x300, 0x370)},
    }
)


def fold_diacritics(text: str) -> str:
    """Text without diacritics: "Kraków", "Jülich" and "Türkiye" as they are typed in chat
    ("Krakow"), and whole words rather than "krak" and "w"."""
    return text.translate(_FOLD)


def variant_of(word: str) -> str | None:
    """The name a variant name varies, lower-cased: "lumi" for "LUMI-P", "small" for "small-g"
    (a word, a hyphen and one letter or digit); None for any other word, "multi-node" and the
    French "utilise-t-il" among them."""
    head, dash, mark = word.rpartition("-")
    if dash and len(mark) == 1 and mark.isalnum() and head[-1:].isalnum():
        return head.casefold()
    return None


# A compound of words ("cpu-cores", "booster-gpu"), not a name with a part of a letter or two
# ("small-g", "lumi-o").
_COMPOUND_OF_WORDS = re.compile(r"[^\W\d_]{3,}(?:[-_.][^\W\d_]{3,})+")


def compound_words(token: str) -> list[str]:
    """The words of a compound written in one ("CPU-Cores": "CPU", "Cores"), or [] when
    `token` is none (a single word, or a name such as "small-g")."""
    return _PARTS.split(token) if _COMPOUND_OF_WORDS.fullmatch(token) else []


def by_first_letter(tokens: Iterable[str]) -> dict[str, list[str]]:
    """Tokens grouped by their first letter, sorted (for `closest_spelling`)."""
    grouped: defaultdict[str, list[str]] = defaultdict(list)
    for token in sorted(tokens):
        grouped[token[:1]].append(token)
    return dict(grouped)


def closest_spelling(token: str, by_letter: dict[str, list[str]]) -> str | None:
    """The known token `token` reads as a typo of: the same first letter and about one letter
    in six different ("allocaton", "realisticaly"); None if none is that close."""
    close = difflib.get_close_matches(token, by_letter.get(token[:1], []), n=1, cutoff=_TYPO_CUTOFF)
    return close[0] if close else None


def typo_of(word: str, by_letter: dict[str, list[str]]) -> str | None:
    """The known word `word` is one slip away from: one letter wrong, missing, added or two
    swapped ("allocaton", "waltime", "playgorund"), the same first letter, letters only, and
    neither word the start of the other ("openmpi" is no typo of "openmp", nor "customers" of
    "custom"). None when no known word, or more than one, is that close."""
    found = [
        known
        for known in by_letter.get(word[:1], [])
        if abs(len(known) - len(word)) <= 1
        and known.isalpha()
        and not known.startswith(word)
        and not word.startswith(known)
        and _one_slip(word, known)
    ]
    return found[0] if len(found) == 1 else None


def _one_slip(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by one letter changed, added, dropped, or two swapped."""
    if a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            # Not the last letter: "employer" and "employed" are two words, not a slip.
            return diffs[0] < len(a) - 1
        i = diffs[0]
        return len(diffs) == 2 and diffs[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def chat_sentences(text: str) -> list[str]:
    """The sentences of a chat message, as written ("we run on LUMI. which partition?")."""
    return _SENTENCE_END.split(text.strip())


def tokenize(text: str) -> list[str]:
    """Lower-case tokens without stop words and diacritics; compounds also yield their parts."""
    tokens: list[str] = []
    text = _APOSTROPHE.sub("", _POSSESSIVE.sub("", text.lower()))
    for match in _TOKEN.finditer(text):
        token = match.group(0).strip("-_.")
        if not token.isascii():
            # Per token, not per text: most passages hold a dash or a quote mark, few a letter
            # with a diacritic, and every answer tokenizes dozens of passages.
            token = fold_diacritics(token)
        if not token:
            continue
        # Interned: a 10,000-chunk corpus has millions of tokens but a small vocabulary.
        if _PARTS.search(token):
            tokens.append(sys.intern(token))
            for part in _PARTS.split(token):
                if part and part not in STOPWORDS:
                    tokens.append(sys.intern(_stem(part)))
        elif token not in STOPWORDS:
            tokens.append(sys.intern(_stem(token)))
    return tokens


class LexicalIndex:
    """BM25 over a fixed list of texts (rebuilt when the chunk set changes)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        corpus = [tokenize(text) for text in texts]
        self._document_frequency: Counter[str] = Counter()
        # The tokens by their first letter, for `misspells`.
        self._by_letter: dict[str, list[str]] | None = None
        for tokens in corpus:
            self._document_frequency.update(set(tokens))
        import bm25s  # with scipy, a few hundred ms: paid when an index is searched, not at import

        self._bm25 = bm25s.BM25()
        if self.size:
            self._bm25.index(corpus, show_progress=False)

    def idf(self, token: str) -> float:
        """Inverse document frequency; unseen tokens get the highest value."""
        df = self._document_frequency.get(token, 0)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def known(self, token: str) -> bool:
        """Whether a passage uses the token, or the word it inflects ("killed", "hardly")."""
        if token in self._document_frequency:
            return True
        return any(
            token.endswith(ending)
            and len(token) - len(ending) >= _MIN_BASE
            and token[: len(token) - len(ending)] + base in self._document_frequency
            for ending, base in _INFLECTIONS
        )

    def misspells(self, token: str) -> bool:
        """Whether the token reads as a typo of one the passages use: it starts with the same
        letter and differs in about one letter in six ("realisticaly", "partion")."""
        return closest_spelling(token, self._grouped()) is not None

    def slip_of(self, word: str) -> str | None:
        """The word at least three passages use that `word` is one slip away from (see
        `typo_of`): one passage's own typo is no word to correct to."""
        found = typo_of(word, self._grouped())
        return found if found is not None and self.frequency(found) >= _SLIP_SOURCE_MIN else None

    def _grouped(self) -> dict[str, list[str]]:
        if self._by_letter is None:
            # Grouped once per index, on the first question that needs it (rarely asked).
            self._by_letter = by_first_letter(self._document_frequency)
        return self._by_letter

    def frequency(self, token: str) -> int:
        """In how many passages the token occurs."""
        return self._document_frequency.get(token, 0)

    def scores(self, query_tokens: Sequence[str]) -> npt.NDArray[np.float32]:
        present = [t for t in query_tokens if t in self._document_frequency]
        if not self.size or not present:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(present), dtype=np.float32)
