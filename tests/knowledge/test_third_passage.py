"""Two shown passages are followed by a third when it matches the question about as well as the
second had to: which of three close passages holds the value is a toss-up."""

from __future__ import annotations

from knowledge.assistant import Calibration, with_third
from knowledge.extract import Extract
from knowledge.retrieve import Retrieved
from knowledge.store import Chunk

RATIO = Calibration().second_extract_ratio
PAGE = "file:///news/transfer-gateway.html"


def _extract(chunk_id: str, text: str, score: float, url: str = PAGE) -> Extract:
    chunk = Chunk(id=chunk_id, text=text, url=url, title="Transfer gateway")
    hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
    return Extract(hit, text, score)


LAUNCH = _extract("gw#0", "The transfer gateway enters production on 8 March.", 1.04)
NODES = _extract("gw#1", "The gateway has six data-transfer nodes with two 100 Gbit/s links.", 0.90)
LIMIT = _extract("gw#2", "Each user may have at most four transfers running at a time.", 0.89)
SUPPORT = _extract("gw#3", "Questions go to the support desk.", 0.33)
LIMIT_AGAIN = _extract("gw#2", "Each user may have at most four transfers running.", 0.88)


def test_a_third_passage_matching_as_well_as_the_second_is_shown() -> None:
    assert with_third([LAUNCH, NODES], [LAUNCH, NODES, LIMIT, SUPPORT], RATIO) == [
        LAUNCH,
        NODES,
        LIMIT,
    ]


def test_a_passage_far_below_the_lead_is_not_shown_third() -> None:
    assert with_third([LAUNCH, NODES], [LAUNCH, NODES, SUPPORT], RATIO) == [LAUNCH, NODES]


def test_a_lone_lead_gets_no_third_passage() -> None:
    assert with_third([LAUNCH], [LAUNCH, NODES, LIMIT], RATIO) == [LAUNCH]


def test_another_window_of_a_chunk_already_shown_is_not_shown_third() -> None:
    shown = with_third([LAUNCH, LIMIT], [LAUNCH, LIMIT, LIMIT_AGAIN], RATIO)
    assert shown == [LAUNCH, LIMIT]
