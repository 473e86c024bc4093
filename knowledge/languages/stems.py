"""Snowball stems, for the glossaries and for the chat vocabulary.

A Snowball stemmer keeps the word being stemmed in the object, and questions are answered on
several threads: one stemmer per algorithm, each word stemmed under a lock.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

import snowballstemmer

_LOCK = threading.Lock()


@cache
def snowball(algorithm: str) -> Any:
    """The stemmer of a Snowball algorithm ("english", "german", ...), made once."""
    return snowballstemmer.stemmer(algorithm)


def stem_word(algorithm: str, word: str) -> str:
    """`word`'s stem by `algorithm` (uncached: callers cache what recurs)."""
    with _LOCK:
        return str(snowball(algorithm).stemWord(word))
