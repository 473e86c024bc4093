"""Hybrid retrieval: dense (Chroma) and lexical (BM25) rankings fused by reciprocal rank.

On top of plain reciprocal-rank fusion, a chunk is lifted when other chunks of the same
document also rank: a page *about* the topic beats a page that mentions it once (a page too
short to have more passages is not held to that). Ranks alone
forget by how much a chunk leads, so a little of each side's score (as a share of that side's
best) is added back. It settles near ties in favour of the chunk that leads by more; it is too
small to overturn the support of a document with several well-ranked passages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from knowledge.languages.docwords import documentation_words
from knowledge.lexical import LexicalIndex, tokenize
from knowledge.store import Chunk, Index

RRF_K = 60
_DOTTED_NUMBER = re.compile(r"\d+(?:\.\d+)+")


def searched_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens a question is searched with: a dotted number ("2.1") as itself, without the
    pieces the tokenizer also gives ("2", "1"), which match every 2 and 1 of the documents:
    "we're on PyTorch 2.1 with ROCm 5.6. ..." led the search to pages of version lists."""
    kept: list[str] = []
    skip: list[str] = []
    for token in tokens:
        if skip and token == skip[0]:
            skip.pop(0)
            continue
        skip = token.split(".") if _DOTTED_NUMBER.fullmatch(token) else []
        kept.append(token)
    return tuple(kept)


@dataclass(frozen=True)
class Retrieved:
    chunk: Chunk
    score: float
    dense: float
    lexical: float
    dense_rank: int | None
    lexical_rank: int | None


@dataclass(frozen=True)
class Retrieval:
    query: str
    # What the lexical side searched for: the question's words and the documentation's words
    # for its chat phrases (see knowledge.languages.docwords).
    tokens: tuple[str, ...]
    hits: tuple[Retrieved, ...]
    lexical: LexicalIndex
    top_dense: float
    vector: npt.NDArray[np.float32]
    # The question's own words: how sure an answer from these hits can be is read on them.
    asked_tokens: tuple[str, ...] = ()
    # The lexical score of every chunk of the index, in the word index's order: what else of a
    # page matches is read off it without searching again (empty for a retrieval made without
    # an index, as in tests).
    lexical_scores: npt.NDArray[np.float32] = field(
        default_factory=lambda: np.zeros(0, dtype=np.float32)
    )
    # The similarity of the last dense candidate: a chunk found by its words alone is at most
    # this close in meaning (0 when the dense search returned fewer than it was asked for).
    dense_floor: float = 0.0


@dataclass
class _Candidate:
    chunk: Chunk
    rrf: float = 0.0
    dense: float = 0.0
    lexical: float = 0.0
    dense_rank: int | None = None
    lexical_rank: int | None = None
    score: float = 0.0


@dataclass(frozen=True)
class Weights:
    dense: float = 1.0
    lexical: float = 1.0
    document: float = 0.3
    support_depth: int = 2
    magnitude: float = 0.01
    # A page of fewer chunks than the support counts has no further passages to rank: each it
    # lacks counts as this share of its best one. Without it a one-passage page (the help
    # desk's hours) trailed every page of many passages that each matched a little. Chosen
    # from 0 / 0.25 / 0.5 / 1 on the spent sets and development set u (0.5: five more right
    # answers of 713 in English, one more of 792 in five other languages).
    short_page: float = 0.5


class HybridRetriever:
    """Fuses the dense and lexical rankings of the same chunks."""

    def __init__(
        self, index: Index, *, candidates: int = 40, weights: Weights | None = None
    ) -> None:
        self.index = index
        self.candidates = candidates
        self.weights = weights or Weights()
        self._sizes: tuple[list[Chunk], dict[str, int]] | None = None

    def _page_sizes(self, chunks: list[Chunk]) -> dict[str, int]:
        """How many chunks each page has (counted once per version of the index)."""
        if self._sizes is None or self._sizes[0] is not chunks:
            counts: dict[str, int] = defaultdict(int)
            for chunk in chunks:
                counts[chunk.url] += 1
            self._sizes = (chunks, dict(counts))
        return self._sizes[1]

    def retrieve(
        self, query: str, k: int = 8, vector: npt.NDArray[np.float32] | None = None
    ) -> Retrieval:
        """The best `k` chunks for `query` (`vector`: its embedding, if already computed).

        The lexical side also searches for the documentation's words for the query's chat
        phrases ("got killed": terminated); the model reads the query as asked."""
        lexical, chunks = self.index.lexical()
        asked_tokens = tuple(tokenize(query))
        added = documentation_words(query)
        searched = searched_words(asked_tokens)
        tokens = (*searched, *tokenize(" ".join(added))) if added else searched
        if vector is None:
            vector = self.index.embedder.embed_query(query)
        dense_hits = self.index.dense_search(vector, self.candidates)
        candidates: dict[str, _Candidate] = {}
        w = self.weights

        for rank, hit in enumerate(dense_hits):
            candidate = candidates.setdefault(hit.chunk.id, _Candidate(hit.chunk))
            candidate.rrf += w.dense / (RRF_K + rank + 1)
            candidate.dense, candidate.dense_rank = hit.score, rank
        scores = lexical.scores(tokens)
        if scores.size and float(scores.max()) > 0:
            for rank, position in enumerate(np.argsort(-scores)[: self.candidates]):
                value = float(scores[position])
                if value <= 0:
                    break
                chunk = chunks[int(position)]
                candidate = candidates.setdefault(chunk.id, _Candidate(chunk))
                candidate.rrf += w.lexical / (RRF_K + rank + 1)
                candidate.lexical, candidate.lexical_rank = value, rank

        by_document: dict[str, list[float]] = defaultdict(list)
        for candidate in candidates.values():
            by_document[candidate.chunk.url].append(candidate.rrf)
        sizes = self._page_sizes(chunks)
        document_support = {}
        for url, values in by_document.items():
            ranked_values = sorted(values, reverse=True)
            support = sum(ranked_values[1 : 1 + w.support_depth])
            missing = max(0, min(w.support_depth, 1 + w.support_depth - sizes.get(url, 1)))
            support += w.short_page * missing * ranked_values[0]
            document_support[url] = support
        best_dense = max((c.dense for c in candidates.values()), default=0.0) or 1.0
        best_lexical = max((c.lexical for c in candidates.values()), default=0.0) or 1.0
        for candidate in candidates.values():
            lead = (candidate.dense / best_dense + candidate.lexical / best_lexical) / 2
            candidate.score = (
                candidate.rrf
                + w.document * document_support[candidate.chunk.url]
                + w.magnitude * lead
            )

        ranked = sorted(candidates.values(), key=lambda c: c.score, reverse=True)[:k]
        hits = tuple(
            Retrieved(c.chunk, c.score, c.dense, c.lexical, c.dense_rank, c.lexical_rank)
            for c in ranked
        )
        top_dense = dense_hits[0].score if dense_hits else 0.0
        dense_floor = dense_hits[-1].score if len(dense_hits) >= self.candidates else 0.0
        return Retrieval(
            query=query,
            tokens=tokens,
            hits=hits,
            lexical=lexical,
            top_dense=top_dense,
            dense_floor=dense_floor,
            vector=vector,
            asked_tokens=asked_tokens,
            lexical_scores=scores,
        )
