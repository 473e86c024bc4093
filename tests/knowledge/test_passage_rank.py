"""Passages are ranked by how well they match the question and whether they state the kind of
value it asks for: "is there a hard cap" is answered by the sentence giving the limit."""

from __future__ import annotations

import pytest

from knowledge.assistant import RANK_DENSE, retrieval_prior
from knowledge.extract import Extract, best_extract
from knowledge.lexical import LexicalIndex, tokenize
from knowledge.retrieve import Retrieved
from knowledge.store import Chunk

SETUP = (
    "Each rank of mdrun starts OpenMP threads: with ten ranks on a node and two OpenMP threads"
    " each, mdrun runs twenty threads per node."
)
LIMIT = "For efficiency, the OpenMP threads of a rank are limited to 64."
QUOTA = "Project scratch: Quota: 50 TB; Max files: 2000k; Retention: 90 days"
COMMAND = "Detailed output, with the soft and hard quota of each project:\n`lumi-quota -v`"


def _extracts(texts: list[str], question: str) -> list[Extract]:
    lexical = LexicalIndex([*texts, "unrelated text about job arrays"])
    extracts = []
    for number, text in enumerate(texts):
        chunk = Chunk(id=f"page#{number}", text=text, url="file:///docs/page.html", title="Docs")
        hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
        extracts.append(best_extract(hit, question, tuple(tokenize(question)), lexical))
    return extracts


def test_a_passage_stating_the_asked_bound_outranks_one_that_matches_more_words() -> None:
    setup, limit = _extracts(
        [SETUP, LIMIT], "Is there a hard cap on OpenMP threads per rank in mdrun?"
    )
    assert setup.score > limit.score
    assert limit.rank_score > setup.rank_score


def test_a_bound_is_not_weighed_when_a_command_is_asked_for() -> None:
    quota, command = _extracts([QUOTA, COMMAND], "Which command shows our project's maximum quota?")
    assert quota.fit is None
    assert quota.rank_score == quota.score


def test_of_two_chunks_retrieved_alike_the_one_closer_in_meaning_ranks_its_passage_higher() -> None:
    chunk = Chunk(id="page#0", text="text", url="file:///docs/page.html", title="Docs")
    near = Retrieved(chunk, 0.05, dense=0.6, lexical=2.0, dense_rank=3, lexical_rank=0)
    far = Retrieved(chunk, 0.05, dense=0.3, lexical=2.0, dense_rank=9, lexical_rank=0)
    assert retrieval_prior(near, top=0.05) - retrieval_prior(far, top=0.05) == pytest.approx(
        RANK_DENSE * 0.3
    )


def test_a_chunk_found_by_its_words_alone_counts_as_close_as_the_last_dense_candidate() -> None:
    chunk = Chunk(id="page#0", text="text", url="file:///docs/page.html", title="Docs")
    lexical_only = Retrieved(chunk, 0.04, dense=0.0, lexical=2.0, dense_rank=None, lexical_rank=0)
    last_dense = Retrieved(chunk, 0.04, dense=0.3, lexical=0.0, dense_rank=39, lexical_rank=None)
    assert retrieval_prior(lexical_only, top=0.05, dense_floor=0.3) == pytest.approx(
        retrieval_prior(last_dense, top=0.05, dense_floor=0.3)
    )
