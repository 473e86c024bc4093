"""Questions in words reach the fit finder through the curated fact of topic `fit_workload`."""

from __future__ import annotations

from fitdata import DATA, NOW, fit_data

from knowledge.catalog.catalog import load_catalog
from knowledge.catalog.facts import catalog_facts
from knowledge.fit.question import ASK_FOR_MORE, request_from_question


def test_the_workload_in_a_question_is_read_by_units_and_data_names() -> None:
    request = request_from_question(
        fit_data(), "We are a start-up in Germany: we need to LoRA a 70B model on 5B tokens on LUMI"
    )
    assert request is not None and request.workload is not None
    assert (request.workload.task.id, request.workload.params, request.workload.tokens) == (
        "lora",
        70e9,
        5e9,
    )
    assert request.applicant.org is not None and request.applicant.org.id == "startup"
    assert request.applicant.country is not None and request.applicant.country.code == "DE"
    assert request.machine == "lumi"


def test_gpu_hours_alone_are_a_size_too() -> None:
    request = request_from_question(fit_data(), "which route for 50k GPU-hours?")
    assert request is not None and (request.workload, request.gpu_hours) == (None, 50_000)


def test_gpu_hours_given_with_a_model_size_but_no_tokens_are_the_size() -> None:
    question = "we estimate ~200k gpu hours to pretrain our 7B model. which AIF option is that?"
    request = request_from_question(fit_data(), question)
    assert request is not None and (request.workload, request.gpu_hours) == (None, 200_000)


def test_the_fit_workload_fact_answers_the_issue_example() -> None:
    facts = {f.id: f for f in catalog_facts(load_catalog(DATA), DATA)}
    fact = facts["calls/fit-workload"]
    assert fact.topics == ("fit_workload",)
    text = fact.text_at(
        NOW, "we need to fine-tune a 70B model on 20B tokens, where should we apply?"
    )
    assert text.splitlines()[0] == (
        "**Apply to AI Factories Fast Lane (continuously open: apply any time), asking for about "
        "21,368 GPU-hours on LEONARDO Booster.**"
    )
    assert "full fine-tuning of a 70B-parameter model on 20B tokens: 6·N·D = 8.4e21 FLOPs" in text


def test_without_sizes_the_fact_says_what_it_needs() -> None:
    facts = {f.id: f for f in catalog_facts(load_catalog(DATA), DATA)}
    assert facts["calls/fit-workload"].text_at(NOW, "where should we apply?") == ASK_FOR_MORE
