"""Figures worked out from one fact's own figures, or two facts' together: a part given as a
percentage, an amount shared out per item, sizes added up, one count as a share of another,
how many times one amount is another, the days between two days."""

from __future__ import annotations

import pytest

from knowledge.answer_kinds import with_span
from knowledge.figures import with_figures, worked_across, works_out_figures

COST = "Launched on 6 Sep 2023; it cost EUR 20 M, 35% of it from the EU."
ANTENNAS = (
    "13 AI Factory Antennas were announced on 13 Oct 2025, with about EUR 55 M of EU money "
    "matched by national funds."
)
STORAGE = "IBM storage: 200 PB of high-performance disk plus a 400 PB archive."
CALL = (
    "Call 1 drew 62 proposals and funded 18 sub-projects, whose 36 organisations included 20 SMEs."
)


@pytest.mark.parametrize(
    ("text", "question", "figure"),
    [
        (
            COST,
            "how many euros of its cost came from the eu side?",
            "Worked out: 35% of EUR 20 M is EUR 7 M.",
        ),
        (
            ANTENNAS,
            "on average, roughly how much eu money does one antenna get?",
            "Worked out: EUR 55 M over 13 Antennas is about EUR 4.2 M each.",
        ),
        (
            STORAGE,
            "fast tier plus archive together: how many PB?",
            "Worked out: together 600 PB (200 PB + 400 PB).",
        ),
        (
            CALL,
            "roughly what percentage of the proposals got funded?",
            "Worked out: 18 of 62 is about 29%.",
        ),
        (
            "Up to 50,000 GPU-hours on one system; one applicant reports a minimum of 10,000 GPU-hours.",
            "how many times bigger is the ceiling than the reported minimum?",
            "Worked out: 50,000 GPU-hours is 5 times 10,000 GPU-hours.",
        ),
        (
            "**JUPITER Booster** (gpu, 5,938 nodes): 23,752 superchips in 125 racks.",
            "jupiter booster: on average, how many nodes per rack?",
            "Worked out: 5,938 nodes over 125 racks is about 47.5 nodes per rack.",
        ),
        (
            "**Discoverer** TOP500: 91st in June 2021, 113th in June 2022.",
            "how many places did it slide between june 2021 and june 2022?",
            "Worked out: from 91st to 113th is 22 places lower.",
        ),
        (
            "Up to 50,000 GPU-hours on one system.",
            "a maxed-out allocation in a single 30-day month is how many gpus running 24/7?",
            "Worked out: 50,000 GPU-hours over 30 days of 24 hours is about 69.4 GPUs running "
            "the whole time.",
        ),
        (
            "Storage: 200 PB of disk, and an archive of 350 PB.",
            "by how many PB is the archive bigger than the disk?",
            "Worked out: 350 PB less 200 PB is 150 PB.",
        ),
    ],
)
def test_a_figure_asked_for_is_worked_out_of_the_fact_s_own(
    text: str, question: str, figure: str
) -> None:
    assert with_figures(text, question) == f"{text} {figure}"
    assert works_out_figures(text, question)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # The part asked for is not the one the percentage is of: "from Portugal" is not said.
        (COST, "how many euros came from portugal?"),
        # The whole cost is given, not worked out.
        (COST, "how much did deucalion cost?"),
        # The count is of something else than the thing asked per.
        (ANTENNAS, "how much money does each ai factory get on average?"),
        # An amount said of each one already is no whole to share out.
        (
            "Each experiment gets up to EUR 200,000 over 10 experiments per call.",
            "how much does each experiment get on average?",
        ),
        # Added up only in the unit asked, and not where the fact gives its own total.
        (STORAGE, "fast tier plus archive together: how many TB?"),
        ("80 PB in total: 20 PB on each of four file systems.", "how many PB together?"),
        # A share of a thing the fact does not count.
        (CALL, "what percentage of the SMEs were start-ups?"),
        # "Call 1" is the call's place, not a count of anything.
        ("Call 1 drew 62 proposals.", "what share of the proposals were from call 1?"),
        # A count per item the fact states itself needs no working out.
        (
            "**LEONARDO Booster** (3,456 nodes): 4 GPUs per node; 13,824 GPUs in total.",
            "how many gpus per node?",
        ),
        # Nor one of a thing the fact does not count.
        ("**JUPITER Booster** (5,938 nodes) in 125 racks.", "how many gpus per rack?"),
        # Compute time spread over a period only in the unit the things asked are billed in.
        ("Up to 50,000 GPU-hours on one system.", "how many nodes running 24/7 for a month?"),
        # A difference of one amount only, or of two in other units, is none.
        (STORAGE.replace("plus a 400 PB archive", "and 400 TB of tape"), "by how much bigger?"),
    ],
)
def test_no_figure_is_worked_out_of_figures_of_other_things(text: str, question: str) -> None:
    assert with_figures(text, question) == text
    assert not works_out_figures(text, question)


def test_a_machine_s_performance_is_no_count_of_machines() -> None:
    # "A 6.9 PF Atos machine" counts no machines, and "how much of each machine" asks no money.
    text = "Inaugurated in 2021 as the first EuroHPC system: a 6.9 PF Atos machine that cost EUR 17.2 M."
    assert with_figures(text, "how much of each machine does eurohpc control?") == text
    assert with_figures(text, "how much money per machine on average?") == text


def test_the_days_between_are_given_from_two_texts_that_each_give_one() -> None:
    opened = "A coordination call (COAIF-03) opened on 28 Apr 2026."
    closed = "The coordination call COAIF-03 closed on 23 Jun 2026."
    asked = "how many days between its launch and the deadline?"
    assert worked_across([opened, closed], asked) == (
        "From 28 Apr 2026 to 23 Jun 2026: 56 days, 8 weeks."
    )
    # Not when one text works it out alone, nor unasked.
    assert worked_across([with_span(f"{opened} {closed}", asked), closed], asked) == ""
    assert worked_across([opened, closed], "when did it close?") == ""


def test_how_many_times_one_amount_is_another_is_worked_out_across_two_texts() -> None:
    texts = [
        "**Fast Lane:** one applicant reports that the form asked for more than 10,000 GPU-hours.",
        "**Fast Lane, what you can get:** Up to 50,000 GPU-hours on one system.",
    ]
    asked = "how many times bigger is the official ceiling than that reported minimum?"
    assert (
        worked_across(texts, asked) == "Worked out: 50,000 GPU-hours is 5 times 10,000 GPU-hours."
    )
    # Two amounts in different units are not compared.
    assert worked_across([texts[0], "Up to EUR 300k per study."], asked) == ""


def test_by_how_much_one_machine_beats_another_is_worked_out_as_written() -> None:
    texts = ["**LEONARDO** HPL: about 238.7 PF.", "**LUMI** HPL (LUMI-G): 379.70 PF."]
    asked = "top500 hpl: by how many PF does lumi beat leonardo?"
    assert worked_across(texts, asked) == "Worked out: 379.7 PF less 238.7 PF is 141 PF."


def test_the_lead_is_paired_with_each_other_text_when_all_together_give_nothing() -> None:
    lead = "**Call:** it opened on 28 Apr 2026."
    other = "**Another call:** its cut-offs were 4 May 2026 and 26 Oct 2026."
    closed = "**Call:** it closed on 23 Jun 2026."
    asked = "how many days from its opening to its close?"
    # All four days together name no single span; the lead with the third text does.
    assert worked_across([lead, other, closed], asked) == (
        "From 28 Apr 2026 to 23 Jun 2026: 56 days, 8 weeks."
    )
