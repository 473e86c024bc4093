"""The documentation's words for what users say in chat.

Users write "my job got killed", "can I cap how many run at once", "is it down?"; the
documentation writes "terminated", "the maximum number of simultaneously running tasks",
"system status". The lexical search finds only the words a passage uses, so the documentation's
words for the user's phrases are added to what is searched for: they find the passage, and
pick its sentence, but how sure the documents are is read on the question's own words, and the
curated facts are matched on those alone. A question read from another language gets them too:
its glossary words are plain English, as a user's own would be.

The vocabulary is a TSV file, `user phrase<TAB>documentation words`, one entry per line, both
sides lower case; `#` starts a comment. Phrases match whole words, in any case.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from knowledge.errors import CatalogError

VOCABULARY = Path(__file__).parent / "data" / "en-docwords.tsv"


@cache
def _vocabulary(path: Path) -> tuple[re.Pattern[str], dict[str, str]]:
    words: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        phrase, sep, documented = line.partition("\t")
        if not sep or not phrase.strip() or not documented.strip():
            raise CatalogError(f"{path}:{number}: write 'user phrase<TAB>documentation words'")
        words[" ".join(phrase.split()).casefold()] = " ".join(documented.split())
    # Longest first: "got killed" is read before "killed" could be.
    alternatives = sorted(words, key=len, reverse=True)
    spaced = (re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)
    pattern = r"(?<![\w-])(?:" + "|".join(spaced) + r")(?![\w-])" if words else r"(?!)"
    return re.compile(pattern, re.IGNORECASE), words


def documentation_words(text: str, vocabulary: Path = VOCABULARY) -> tuple[str, ...]:
    """The documentation's words for the user's phrases in `text`, each once, in order."""
    pattern, words = _vocabulary(vocabulary)
    found = (words[" ".join(m.group().split()).casefold()] for m in pattern.finditer(text))
    return tuple(dict.fromkeys(found))
