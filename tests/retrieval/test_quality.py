"""Retrieval and answer quality on the development question set, with the real model."""

from __future__ import annotations

import re

import pytest
from external import evaluation_set
from paths import DEV_QUESTIONS

from bot.config import bundled_knowledge_dir
from knowledge.assistant import Assistant
from knowledge.evaluation import EvalReport, evaluate, load_questions

pytestmark = pytest.mark.slow
evaluation_set(module=True)


@pytest.fixture(scope="module")
def report(assistant: Assistant) -> EvalReport:
    prefix = bundled_knowledge_dir().resolve().as_uri()
    return evaluate(
        assistant.ask, load_questions(DEV_QUESTIONS), lambda url: url.startswith(prefix)
    )


def test_every_corpus_question_cites_its_expected_file(report: EvalReport) -> None:
    misses = [
        r.item.id for r in report.results if r.item.source.startswith("corpus:") and not r.hit_at_5
    ]
    assert misses == []


def test_hit_at_1_is_at_least_0_9(report: EvalReport) -> None:
    assert report.metrics()["hit_at_1"] >= 0.9


def test_answer_correctness_is_at_least_0_9(report: EvalReport) -> None:
    assert report.metrics()["answer_correctness"] >= 0.9


def test_questions_marked_abstain_are_declined(report: EvalReport) -> None:
    wrong = [r.item.id for r in report.results if r.item.abstain and not r.answer.abstained]
    assert wrong == []


def test_no_answerable_question_is_declined(report: EvalReport) -> None:
    declined = [r.item.id for r in report.results if not r.item.abstain and r.answer.abstained]
    assert declined == []


def test_exact_terms_are_found_lexically(assistant: Assistant) -> None:
    answer = assistant.ask("lumi-allocations")

    assert "lumi-allocations" in answer.text
    assert any("billing" in c.url or "dailymanagement" in c.url for c in answer.citations)


def test_off_topic_question_abstains_with_where_to_ask(assistant: Assistant) -> None:
    answer = assistant.ask("What is the best recipe for lasagne?")

    assert answer.abstained
    assert answer.citations == ()
    assert "access.eurohpc-ju.europa.eu" in answer.text


def test_retrieval_answers_quote_only_cited_chunks(assistant: Assistant) -> None:
    answer = assistant.ask("When are files on LUMI scratch deleted?")
    cited = {c.url for c in answer.citations}
    source_text = "\n".join(c.text for c in assistant.index.all_chunks() if c.url in cited)

    assert answer.route == "retrieval"
    for line in re.sub(r"\s*\[\d+\]", "", answer.text).splitlines():
        line = line.strip().strip("`").rstrip("…")
        if line:
            assert line[:40] in source_text, line
