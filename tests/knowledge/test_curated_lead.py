"""Which curated fact leads: the best-scored one, unless another topic fits clearly better."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from knowledge.answer_kinds import asking_sentence
from knowledge.catalog.answerer import ScoredFact, lead_by_topic
from knowledge.catalog.facts import CuratedFact


def _scored(fid: str, topic: str, score: float, topic_score: float) -> ScoredFact:
    fact = CuratedFact(
        id=fid,
        subjects=(),
        topics=(topic,),
        text=fid,
        source="https://example.org/",
        as_of=date(2026, 1, 1),
        confirmed=True,
    )
    return ScoredFact(fact, score, topic_score, named=False)


# "registered in Germany, half the team in Canada": the German AI Factories' hosts score best
# on the name, the eligibility entry fits what is asked.
HOST = _scored("jaif/host", "factory_host", 0.82, 0.44)
ELIGIBLE = _scored("faq/eligible", "faq/eligibility", 0.74, 0.63)
COST = _scored("fast-lane/cost", "cost", 0.5, 0.3)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_a_fact_whose_topic_fits_clearly_better_leads() -> None:
    ranked = [("faq/eligibility", 0.63), ("factory_host", 0.44), ("cost", 0.3)]
    assert lead_by_topic([HOST, ELIGIBLE, COST], ranked, 0.1) == [ELIGIBLE, HOST, COST]


def test_the_best_scored_fact_keeps_the_lead_within_the_margin() -> None:
    ranked = [("faq/eligibility", 0.52), ("factory_host", 0.44)]
    assert lead_by_topic([HOST, ELIGIBLE, COST], ranked, 0.1) == [HOST, ELIGIBLE, COST]


def test_a_better_topic_without_a_candidate_fact_gives_way_to_the_next_one() -> None:
    # "usage" has no fact to give (or only facts about another machine than the one named).
    ranked = [("usage", 0.8), ("faq/eligibility", 0.63), ("factory_host", 0.44)]
    assert lead_by_topic([HOST, ELIGIBLE], ranked, 0.1) == [ELIGIBLE, HOST]


def test_the_sentence_that_asks_is_the_last_of_several() -> None:
    question = "on Leonardo our jobs need more than a day. which QoS do people use?"
    assert asking_sentence(question) == "which QoS do people use?"


def test_a_one_sentence_question_has_no_separate_asking_sentence() -> None:
    assert asking_sentence("Which QoS do people use on LEONARDO for long runs?") is None


def test_a_closing_fragment_is_not_the_sentence_that_asks() -> None:
    assert asking_sentence("Which QoS do people use on LEONARDO for long runs? Thanks!") is None


def test_a_named_lead_giving_the_value_asked_keeps_the_lead() -> None:
    # "AI for Science, if we get it, how long does the allocation run?": the calls' offers fit
    # the words best, the named call's allocation length answers.
    duration = ScoredFact(
        replace(_scored("a4s/duration", "duration", 0, 0).fact, text="6 months."),
        1.1,
        0.59,
        named=True,
    )
    offer = _scored("calls/offer", "offer", 0.9, 0.75)
    ranked = [("offer", 0.75), ("duration", 0.59)]
    question = "if we get it, how long does the allocation run?"
    assert lead_by_topic([duration, offer], ranked, 0.1, question=question, now=NOW) == [
        duration,
        offer,
    ]
    assert lead_by_topic([duration, offer], ranked, 0.1, question="what do we get?", now=NOW) == [
        offer,
        duration,
    ]


def test_a_named_lead_giving_the_value_gives_way_only_to_another_named_fact_giving_it() -> None:
    # "Fast Lane: once we apply, how long until we get access?": both durations, the time to
    # access fits what is asked.
    def named(fid: str, topic: str, text: str, topic_score: float) -> ScoredFact:
        fact = replace(_scored(fid, topic, 0, 0).fact, text=text)
        return ScoredFact(fact, 1.0, topic_score, named=True)

    length = named("fl/duration", "duration", "1 to 3 months.", 0.55)
    access = named("fl/time_to_access", "time_to_access", "About 4 working days.", 0.75)
    ranked = [("time_to_access", 0.75), ("duration", 0.55)]
    question = "once we apply, how long until we get access?"
    assert lead_by_topic([length, access], ranked, 0.1, question=question, now=NOW) == [
        access,
        length,
    ]
