"""A deterministic embedder: hashed bag of words, unit length. No model weights needed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from knowledge.lexical import tokenize


class HashEmbedder:
    """Each token adds 1 to a hashed dimension; texts sharing words point the same way."""

    def __init__(
        self,
        name: str = "hash-embedder",
        dimensions: int = 64,
        *,
        words: frozenset[str] = frozenset(),
    ) -> None:
        """`words`: the words of the language the embedder knows, as a model's word list."""
        self.name = name
        self.dimensions = dimensions
        self.words = words
        self.embedded: list[str] = []
        self.fail_after: int | None = None

    def _vector(self, text: str) -> npt.NDArray[np.float32]:
        vector = np.zeros(self.dimensions, dtype=np.float32)
        for token in tokenize(text) or ["empty"]:
            slot = int(hashlib.md5(token.encode()).hexdigest(), 16) % self.dimensions
            vector[slot] += 1.0
        return vector / float(np.linalg.norm(vector))

    def embed_documents(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if self.fail_after is not None and len(self.embedded) + len(texts) > self.fail_after:
            raise RuntimeError("simulated crash while embedding")
        self.embedded.extend(texts)
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> npt.NDArray[np.float32]:
        return self._vector(text)
