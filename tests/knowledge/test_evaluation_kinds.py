"""Evaluation figures split by kind of question: documents, curated facts, declines."""

from __future__ import annotations

from knowledge.evaluation import EvalItem, EvalReport, by_kind, kind_of, score
from knowledge.models import Answer, Citation


def test_each_question_has_one_kind() -> None:
    assert kind_of(EvalItem("1", "q", source="corpus:a.md")) == "document"
    assert kind_of(EvalItem("2", "q", source="facts:1.3")) == "fact"
    assert kind_of(EvalItem("3", "q", abstain=True)) == "decline"


def test_figures_are_given_for_all_and_per_kind() -> None:
    doc = EvalItem("1", "q", expect_any=("2 days",), source="corpus:a.md")
    decline = EvalItem("2", "q", abstain=True)
    answered = Answer("q", "2 days", False, 0.9, (Citation("A", "file:///x/a.md"),))
    declined = Answer("q", "I don't know", True, 0.1, route="abstain")
    report = EvalReport(
        [score(doc, answered, lambda url: False), score(decline, declined, lambda url: False)]
    )
    figures = by_kind(report)
    assert list(figures) == ["all", "decline", "document"]
    assert (
        figures["document"]["hit_at_1"] == 1.0 and figures["decline"]["abstention_accuracy"] == 1.0
    )
    assert figures["all"]["questions"] == 2


def test_a_fact_from_the_sites_notes_is_a_fact_answered_by_the_catalogue() -> None:
    item = EvalItem("4", "which command", expect_any=("saldo",), source="sites:2")
    answer = Answer(
        "q",
        "`saldo -b`",
        False,
        0.9,
        (Citation("LEONARDO", "https://docs.hpc.cineca.it/hpc/hpc_intro.html"),),
        route="catalog",
    )
    result = score(item, answer, lambda url: False)
    assert kind_of(item) == "fact"
    assert (result.hit_at_1, result.correct) == (True, True)
