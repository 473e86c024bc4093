"""Question routing onto the catalog: the dev questions it must claim, and what it must leave alone."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from paths import DEV_QUESTIONS as SHARED_DEV_QUESTIONS

import knowledge.catalog
from knowledge.catalog import Catalog, load_catalog
from knowledge.catalog_answers import route_question

DATA = Path(knowledge.catalog.__file__).parent / "data"
DEV_QUESTIONS = SHARED_DEV_QUESTIONS
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("UTC"))
CATALOG_IDS = ["d15", "d16", "d17", "d18", "d19", "d20", "d21", "d22", "d23", "d32", "d33", "d34"]


def _dev() -> dict[str, dict[str, Any]]:
    if not DEV_QUESTIONS.is_file():
        pytest.skip("the shared dev question set is not available")
    return {item["id"]: item for item in yaml.safe_load(DEV_QUESTIONS.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)


@pytest.mark.parametrize("qid", CATALOG_IDS)
def test_facts_questions_are_answered_from_the_catalog(catalog: Catalog, qid: str) -> None:
    item = _dev()[qid]
    answer = route_question(item["question"], catalog, NOW)
    assert answer is not None and answer.route == "catalog" and not answer.abstained
    assert any(re.search(p, answer.text, re.I) for p in item["expect_any"]), answer.text


def test_every_claimed_dev_question_matches_its_expectation(catalog: Catalog) -> None:
    for qid, item in _dev().items():
        answer = route_question(item["question"], catalog, NOW)
        if answer is None or item.get("abstain"):
            continue
        assert any(re.search(p, answer.text, re.I) for p in item["expect_any"]), (qid, answer.text)


def test_unknown_call_deadline_abstains_with_known_calls_and_where_to_ask(catalog: Catalog) -> None:
    answer = route_question(_dev()["d24"]["question"], catalog, NOW)
    assert answer is not None and answer.abstained
    assert "I have no record of a **Quantum Gaming** call" in answer.text
    assert "AI Factories Large Scale" in answer.text
    assert (
        "EuroHPC access helpdesk" in answer.text
        and "https://access.eurohpc-ju.europa.eu/" in answer.text
    )


@pytest.mark.parametrize("qid", ["d35", "d36"])
def test_off_topic_dev_questions_are_left_alone(catalog: Catalog, qid: str) -> None:
    assert route_question(_dev()[qid]["question"], catalog, NOW) is None


@pytest.mark.parametrize(
    "question",
    [
        "How do I request GPUs on LUMI in my sbatch script?",
        "Can I run Jupyter notebooks on LEONARDO?",
        "What is the best way to do large-scale training on LUMI?",
        "Is LUMI down right now?",
        "What is the deadline for submitting our paper?",
        "How many GPUs should I request for a 7B model on LUMI?",
        "Which regular expression library should I use?",
    ],
)
def test_questions_outside_the_catalog_return_none(catalog: Catalog, question: str) -> None:
    assert route_question(question, catalog, NOW) is None


def test_next_cutoff_answer_is_computed_from_now(catalog: Catalog) -> None:
    answer = route_question(
        "When is the next Large Scale cut-off?",
        catalog,
        datetime(2026, 12, 20, tzinfo=ZoneInfo("UTC")),
    )
    assert answer is not None
    assert answer.text.startswith(
        "**Next AI Factories Large Scale cut-off: Mon 4 Jan 2027, 10:00 CET**"
    )
    assert "(confirm on the official page)" in answer.text


def test_deadline_for_a_call_without_future_dates_says_so(catalog: Catalog) -> None:
    answer = route_question("What's the deadline for Extreme Scale access?", catalog, NOW)
    assert answer is not None
    assert "**No future Extreme Scale Access cut-off is on record**" in answer.text
    assert "26 Oct 2026" in answer.text


def test_deadline_for_a_continuous_call_says_it_is_always_open(catalog: Catalog) -> None:
    answer = route_question("Is there a deadline for Playground?", catalog, NOW)
    assert answer is not None
    assert "continuously open" in answer.text


def test_eligibility_answer_states_rule_and_source(catalog: Catalog) -> None:
    answer = route_question("Who is eligible for Regular Access?", catalog, NOW)
    assert answer is not None
    assert (
        "**Regular Access, who can apply:** Academic or public research organisations"
        in answer.text
    )
    assert "Source: http://www.prace-ri.eu/regular-access/, as of 2026-11-27" in answer.text


def test_citations_carry_as_of_and_confirmation(catalog: Catalog) -> None:
    answer = route_question(
        "How long can an AI Factories Large Scale allocation last?", catalog, NOW
    )
    assert answer is not None
    [citation] = answer.citations
    assert citation.url == "https://www.eurohpc-ju.europa.eu/large-scale-access-ai-factories_en"
    assert citation.as_of is not None and citation.as_of.isoformat() == "2026-01-01"
    assert citation.confirmed is False
    assert "(confirm on the official page)" in answer.text


def test_stale_facts_get_an_explicit_note(catalog: Catalog) -> None:
    answer = route_question(
        "What is the maximum walltime on the standard-g partition?", catalog, NOW
    )
    assert answer is not None
    assert "Note: this was last checked on 2024-10-15, more than 90 days ago" in answer.text
    assert "stale" in answer.notes


def test_fresh_confirmed_facts_carry_no_warnings(catalog: Catalog) -> None:
    answer = route_question("What GPUs are in a LEONARDO Booster node?", catalog, NOW)
    assert answer is not None
    assert "confirm on the official page" not in answer.text
    assert "Note:" not in answer.text
    assert answer.notes == ()


def test_gpu_debug_partition_question_points_at_dev_g(catalog: Catalog) -> None:
    answer = route_question(
        "Is there a GPU debug partition on LUMI and what are its limits?", catalog, NOW
    )
    assert answer is not None
    assert "`dev-g` on LUMI-G: max walltime 3 hours, max 32 nodes per job" in answer.text
