"""Two shown passages are followed by a third when it matches the question about as well as the
second had to: which of three close passages holds the value is a toss-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.embedder import HashEmbedder

from ingest.pipeline import ingest
from ingest.sources import local_documents
from knowledge.assistant import Assistant, Calibration, with_third
from knowledge.extract import Extract
from knowledge.retrieve import Retrieved
from knowledge.service import open_assistant
from knowledge.store import Chunk, Index

RATIO = Calibration().second_extract_ratio
PAGE = "file:///news/transfer-gateway.html"


def _extract(chunk_id: str, text: str, score: float) -> Extract:
    chunk = Chunk(id=chunk_id, text=text, url=PAGE, title="Transfer gateway")
    hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
    return Extract(hit, text, score)


LAUNCH = _extract("gw#0", "The transfer gateway enters production on 8 March.", 1.04)
NODES = _extract("gw#1", "The gateway has six data-transfer nodes with two 100 Gbit/s links.", 0.90)
LIMIT = _extract("gw#2", "Each user may have at most four transfers running at a time.", 0.89)
SUPPORT = _extract("gw#3", "Questions go to the support desk.", 0.33)
# Another window of the chunk the second passage shows, with none of its text.
NODES_AGAIN = _extract("gw#1", "Transfers restart by themselves after a network outage.", 0.89)
# Another chunk repeating the second passage's text.
NODES_COPY = _extract("gw#7", NODES.text, 0.89)


def test_a_third_passage_matching_as_well_as_the_second_is_shown() -> None:
    shown = with_third([LAUNCH, NODES], [LAUNCH, NODES, LIMIT, SUPPORT], RATIO)
    assert shown == [LAUNCH, NODES, LIMIT]


def test_a_passage_far_below_the_lead_is_not_shown_third() -> None:
    assert with_third([LAUNCH, NODES], [LAUNCH, NODES, SUPPORT], RATIO) == [LAUNCH, NODES]


def test_a_lone_lead_gets_no_third_passage() -> None:
    assert with_third([LAUNCH], [LAUNCH, NODES, LIMIT], RATIO) == [LAUNCH]


def test_another_window_of_a_chunk_already_shown_is_not_shown_third() -> None:
    shown = with_third([LAUNCH, NODES], [LAUNCH, NODES, NODES_AGAIN], RATIO)
    assert shown == [LAUNCH, NODES]


def test_a_passage_repeating_the_second_is_not_shown_third() -> None:
    shown = with_third([LAUNCH, NODES], [LAUNCH, NODES, NODES_COPY], RATIO)
    assert shown == [LAUNCH, NODES]


def test_a_weak_passage_is_not_shown_third_even_close_to_a_weak_lead() -> None:
    weak = [
        _extract(f"gw#{n}", f"Passage {n} of the page.", score)
        for n, score in enumerate((0.56, 0.52, 0.49))
    ]
    assert with_third(weak[:2], weak, RATIO) == weak[:2]


# Three sections that match "how many transfers can one user run at the gateway" about as well.
GATEWAY = """# Transfer gateway

## Launch

Each user can run transfers at the transfer gateway from March, when it enters production.

## Nodes

The transfer gateway has six nodes, and each user's transfers run on them.

## Limits

Each user of the transfer gateway may run at most four transfers at the same time.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("docs")
    (root / "gateway.md").write_text(GATEWAY, encoding="utf-8")
    index = Index(tmp_path_factory.mktemp("index"), HashEmbedder(dimensions=2048))
    ingest(index, [local_documents(root)])
    return open_assistant(index, None)


def test_an_answer_shows_three_close_passages(assistant: Assistant) -> None:
    answer = assistant.ask("How many transfers can each user run at the transfer gateway?")
    assert answer.route == "retrieval"
    assert answer.text.count("[1]") == 3
