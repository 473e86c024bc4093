"""A lead passage that holds no value of the kind asked for is followed by the passage of its
page that does. The texts are written for these tests."""

from __future__ import annotations

import pytest
from fakes.embedder import HashEmbedder

from knowledge.assistant import Assistant
from knowledge.extract import Extract
from knowledge.retrieve import Retrieved
from knowledge.service import open_assistant
from knowledge.store import Chunk, Index

PAGE = "file:///manuals/subnet-manager.pdf"


def _extract(chunk_id: str, text: str, score: float) -> Extract:
    chunk = Chunk(id=chunk_id, text=text, url=PAGE, title="Subnet manager")
    hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
    return Extract(hit, text, score)


# The lead matches the question's words (transaction, timeout, fabric) and holds numbers, but no
# duration; the option's passage below it says how long.
RETRY = _extract(
    "sm#3",
    "Before the next transaction, wait for the response to arrive: wait time > retry count x "
    "subnet timeout + processing time for the fabric (see section 3.2.9).",
    0.75,
)
TIMEOUT = _extract(
    "sm#8",
    "--timeout sets the time used for transaction timeouts. Default: 100 ms. On subnets of more "
    "than 1000 nodes, about 1000 ms is reasonable.",
    0.49,
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    index = Index(tmp_path_factory.mktemp("index"), HashEmbedder(dimensions=256))
    return open_assistant(index, None)


def test_a_duration_asked_is_not_given_by_a_lead_holding_only_other_numbers(
    assistant: Assistant,
) -> None:
    question = "What transaction timeout does the manual suggest for a fabric this size?"
    assert assistant._shown(question, [RETRY, TIMEOUT]) == [RETRY, TIMEOUT]


def test_a_lead_holding_the_duration_asked_takes_no_passage_below_the_close_ratio(
    assistant: Assistant,
) -> None:
    # A passage scoring 0.55, about 61% of the lead: enough for one holding the value the lead
    # lacks, not for one merely close to it.
    lead = _extract("sm#8", TIMEOUT.text, 0.9)
    below = _extract("sm#3", RETRY.text, 0.55)
    question = "What is the default transaction timeout?"
    assert assistant._shown(question, [lead, below]) == [lead]


def test_the_passage_holding_the_value_comes_before_a_closer_one_without_it(
    assistant: Assistant,
) -> None:
    lead = _extract("sm#3", RETRY.text, 0.9)
    close = _extract("sm#5", "The subnet manager sweeps the fabric for changes.", 0.6)
    value = _extract("sm#8", TIMEOUT.text, 0.55)
    question = "What transaction timeout does the manual suggest for a fabric this size?"
    assert assistant._shown(question, [lead, close, value]) == [lead, value]
