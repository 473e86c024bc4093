"""Hybrid retrieval: how the dense and BM25 rankings are fused into one."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from knowledge.retrieve import HybridRetriever, Weights, searched_words
from knowledge.store import Chunk, Hit

LEADS_BY_FAR = Chunk(id="a", text="far ahead on meaning", url="https://a.example/", title="A")
TOPS_BM25 = Chunk(id="b", text="first on words", url="https://b.example/", title="B")
THIRD = Chunk(id="c", text="third", url="https://c.example/", title="C")


class ScriptedLexical:
    """BM25 scores as given, one per chunk of the index."""

    def __init__(self, scores: Sequence[float]) -> None:
        self._scores = np.array(scores, dtype=np.float32)

    def scores(self, _tokens: Sequence[str]) -> npt.NDArray[np.float32]:
        return self._scores


class ScriptedEmbedder:
    def embed_query(self, _text: str) -> npt.NDArray[np.float32]:
        return np.ones(4, dtype=np.float32)


class ScriptedIndex:
    """The two rankings a query gets, as given: dense (chunk, cosine) and BM25 (per chunk)."""

    embedder = ScriptedEmbedder()

    def __init__(self, dense: list[tuple[Chunk, float]], lexical: dict[Chunk, float]) -> None:
        self._dense = dense
        self._chunks = list(lexical)
        self._lexical = ScriptedLexical(list(lexical.values()))

    def lexical(self) -> tuple[ScriptedLexical, list[Chunk]]:
        return self._lexical, self._chunks

    def dense_search(self, _vector: npt.NDArray[np.float32], k: int) -> list[Hit]:
        return [Hit(chunk, score) for chunk, score in self._dense[:k]]


# Reciprocal ranks alone put "b" first by a hair (dense 2nd + BM25 1st against dense 1st + BM25
# 3rd), although "a" leads the dense side by far and trails "b" on BM25 by little.
NEAR_TIE = ScriptedIndex(
    dense=[(LEADS_BY_FAR, 0.90), (TOPS_BM25, 0.40), (THIRD, 0.30)],
    lexical={TOPS_BM25: 10.0, THIRD: 9.8, LEADS_BY_FAR: 9.5},
)


def test_a_near_tie_of_ranks_goes_to_the_chunk_that_leads_by_more() -> None:
    found = HybridRetriever(NEAR_TIE).retrieve("anything")  # type: ignore[arg-type]

    assert [hit.chunk.id for hit in found.hits] == ["a", "b", "c"]


def test_ranks_alone_would_give_that_tie_to_the_other_chunk() -> None:
    ranks_only = Weights(magnitude=0.0)

    found = HybridRetriever(NEAR_TIE, weights=ranks_only).retrieve("anything")  # type: ignore[arg-type]

    assert [hit.chunk.id for hit in found.hits] == ["b", "a", "c"]


SHORT = Chunk(id="short", text="the help desk's hours", url="https://s.example/", title="S")
LONG = [Chunk(id=f"long{i}", text="some", url="https://l.example/", title="L") for i in (1, 2, 3)]
OTHERS = [
    Chunk(id=f"o{i}", text="other", url=f"https://o{i}.example/", title="O") for i in range(8)
]
# A short page's one passage leads the dense side and is second on words; a long page has one
# passage as good and two that rank only after eight passages of other pages, on both sides.
SHORT_PAGE = ScriptedIndex(
    dense=[
        (SHORT, 0.80),
        (LONG[0], 0.50),
        *((o, 0.45 - 0.001 * i) for i, o in enumerate(OTHERS)),
        (LONG[1], 0.30),
        (LONG[2], 0.29),
    ],
    lexical={
        LONG[0]: 5.0,
        SHORT: 4.9,
        **{o: 4.5 - 0.01 * i for i, o in enumerate(OTHERS)},
        LONG[1]: 3.0,
        LONG[2]: 2.9,
    },
)


def test_a_one_passage_page_ranks_above_a_long_page_s_weak_passages() -> None:
    found = HybridRetriever(SHORT_PAGE).retrieve("anything", k=4)  # type: ignore[arg-type]

    assert [hit.chunk.id for hit in found.hits] == ["long1", "short", "long2", "long3"]


def test_counting_only_the_passages_a_page_has_buries_the_short_page() -> None:
    no_share = Weights(short_page=0.0)

    found = HybridRetriever(SHORT_PAGE, weights=no_share).retrieve("anything", k=4)  # type: ignore[arg-type]

    assert [hit.chunk.id for hit in found.hits] == ["long1", "long2", "long3", "short"]


def test_the_lexical_side_also_searches_the_documentation_s_words_for_chat_phrases() -> None:
    found = HybridRetriever(NEAR_TIE).retrieve("my job got killed")  # type: ignore[arg-type]

    assert found.asked_tokens == ("job", "killed")
    assert found.tokens == ("job", "killed", "terminated")


def test_a_dotted_number_is_searched_whole_not_by_its_pieces() -> None:
    found = HybridRetriever(NEAR_TIE).retrieve("jobs fail on rocm 5.6 with 2 nodes")  # type: ignore[arg-type]

    assert "5.6" in found.tokens
    assert "6" not in found.tokens
    # A number standing alone is still searched.
    assert "2" in found.tokens


def test_the_pieces_of_a_dotted_number_are_dropped_only_where_they_follow_it() -> None:
    assert searched_words(("pytorch", "2.1", "2", "1", "rocm", "1")) == (
        "pytorch",
        "2.1",
        "rocm",
        "1",
    )


def test_a_full_dense_search_says_how_close_its_last_candidate_is() -> None:
    found = HybridRetriever(NEAR_TIE, candidates=3).retrieve("anything")  # type: ignore[arg-type]
    assert found.dense_floor == 0.30


def test_a_dense_search_that_ran_out_of_chunks_sets_no_floor() -> None:
    found = HybridRetriever(NEAR_TIE, candidates=40).retrieve("anything")  # type: ignore[arg-type]
    assert found.dense_floor == 0.0
