"""A lead passage shown alone is followed by the next passage of its page when that one scores
nearly as well: the page's best match often sets the scene and the next one answers."""

from __future__ import annotations

from knowledge.assistant import Calibration, with_runner_up
from knowledge.extract import Extract
from knowledge.retrieve import Retrieved
from knowledge.store import Chunk

RATIO = Calibration().page_runner_up_ratio
PAGE = "file:///docs/run.html"


def _extract(chunk_id: str, url: str, text: str, score: float) -> Extract:
    chunk = Chunk(id=chunk_id, text=text, url=url, title="docker run")
    hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
    return Extract(hit, text, score)


EXAMPLE = _extract("run#4", PAGE, "The following example limits the memory (-m) to 500M.", 0.74)
OPTION_ROW = _extract(
    "run#2", PAGE, "Option -m: Memory limit. Number is a positive integer. Minimum is 4M.", 0.70
)
OTHER_PAGE = _extract(
    "compose#1", "file:///docs/compose.html", "Set mem_limit in the service's section.", 0.73
)
FAR_BEHIND = _extract("run#9", PAGE, "Use --oom-kill-disable only with -m set.", 0.30)


def test_the_next_passage_of_the_lead_page_follows_a_lone_lead() -> None:
    shown = with_runner_up([EXAMPLE], [EXAMPLE, OTHER_PAGE, OPTION_ROW], RATIO)
    assert shown == [EXAMPLE, OPTION_ROW]


def test_a_passage_of_another_page_does_not_follow_as_runner_up() -> None:
    assert with_runner_up([EXAMPLE], [EXAMPLE, OTHER_PAGE], RATIO) == [EXAMPLE]


def test_a_passage_scoring_far_below_the_lead_does_not_follow() -> None:
    assert with_runner_up([EXAMPLE], [EXAMPLE, FAR_BEHIND], RATIO) == [EXAMPLE]


def test_a_lead_already_followed_gets_no_third_passage() -> None:
    shown = with_runner_up([EXAMPLE, OTHER_PAGE], [EXAMPLE, OTHER_PAGE, OPTION_ROW], RATIO)
    assert shown == [EXAMPLE, OTHER_PAGE]
