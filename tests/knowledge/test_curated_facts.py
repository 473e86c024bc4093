"""Curated facts: each fact group of the catalogue becomes one typed, sourced fact."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
import yaml
from fakes.embedder import HashEmbedder

import knowledge
from knowledge.catalog.answerer import CuratedAnswerer, _holding_identifiers, compared
from knowledge.catalog.catalog import Catalog, load_catalog
from knowledge.catalog.chat_text import day_text, names_day
from knowledge.catalog.facts import (
    CuratedFact,
    asked_after,
    catalog_facts,
    faq_facts,
    gpu_hours_above,
    gpu_hours_in,
)
from knowledge.catalog.mentions import NameTable, mask, set_aside
from knowledge.errors import CatalogError
from knowledge.sources import same_document

DATA = Path(knowledge.__file__).parent / "data"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("UTC"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)


@pytest.fixture(scope="module")
def facts(catalog: Catalog) -> dict[str, CuratedFact]:
    return {f.id: f for f in catalog_facts(catalog, DATA)}


def test_fact_ids_are_unique(catalog: Catalog) -> None:
    ids = [f.id for f in catalog_facts(catalog, DATA)]
    assert len(ids) == len(set(ids))


def test_a_machines_vendor_is_a_fact_of_its_own_about_who_built_it(
    facts: dict[str, CuratedFact],
) -> None:
    vendor = facts["deucalion/vendor"]
    assert vendor.text == "**Deucalion** vendor: Fujitsu."
    assert vendor.topics == ("procurement",)


def test_a_vendor_is_cited_to_the_group_of_the_machine_that_names_it(
    catalog: Catalog, facts: dict[str, CuratedFact]
) -> None:
    # DAEDALUS's overview does not name HPE; its status ("awarded to HPE") does.
    daedalus = next(m for m in catalog.machines if m.id == "daedalus")
    assert facts["daedalus/vendor"].source == daedalus.status.source != daedalus.overview.source


def test_a_partition_fact_cites_the_partition_source_not_the_machine_page(
    catalog: Catalog, facts: dict[str, CuratedFact]
) -> None:
    part = catalog.machine("lumi").partition("LUMI-G")
    assert part is not None
    fact = facts["lumi/partition/lumi-g"]
    assert (fact.source, fact.as_of, fact.confirmed) == (part.source, part.as_of, part.confirmed)
    assert "MI250X" in fact.text and {s.kind for s in fact.subjects} == {"machine", "partition"}


@pytest.mark.parametrize(
    ("fact_id", "runs_on"),
    [
        ("leonardo/slurm/boost_usr_prod", ["leonardo-booster"]),
        ("lumi/slurm/small-g", ["lumi-g"]),
        ("lumi/slurm/bench", ["lumi-g", "lumi-c"]),
        ("karolina/slurm/qcpu", ["karolina-cpu"]),
    ],
)
def test_a_slurm_partition_fact_is_about_the_hardware_partitions_it_runs_on(
    facts: dict[str, CuratedFact], fact_id: str, runs_on: list[str]
) -> None:
    assert [s.id for s in facts[fact_id].subjects if s.kind == "partition"] == runs_on


def test_a_call_facet_keeps_its_own_trust(catalog: Catalog, facts: dict[str, CuratedFact]) -> None:
    offer = catalog.call("fast-lane").offer
    assert offer is not None
    fact = facts["fast-lane/offer"]
    assert (fact.source, fact.confirmed) == (offer.source, offer.confirmed)
    assert fact.topics == ("offer",)


def test_the_next_cutoff_is_computed_from_the_time_of_asking(
    facts: dict[str, CuratedFact],
) -> None:
    fact = facts["large-scale/cutoffs"]
    early = fact.text_at(datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")))
    late = fact.text_at(datetime(2026, 11, 29, tzinfo=ZoneInfo("UTC")))
    assert early != late and "Next AI Factories Large Scale cut-off" in late


def test_the_cutoffs_after_a_day_the_question_names_are_listed_from_that_day(
    facts: dict[str, CuratedFact],
) -> None:
    fact = facts["large-scale/cutoffs"]
    question = "which Large Scale cut-off comes after 1 Dec 2026?"
    assert fact.text_at(NOW, question) == (
        "**Next AI Factories Large Scale cut-off after 1 Dec 2026: 15 Dec 2026** (then 4 Jan 2027)."
    )
    assert not fact.is_unknown(NOW, question)


def test_after_the_last_cutoff_on_record_none_is_on_record(facts: dict[str, CuratedFact]) -> None:
    fact = facts["large-scale/cutoffs"]
    question = "large scale cutoff after the jan 4 2027 one - mid jan or end of jan?"
    assert fact.text_at(NOW, question).startswith(
        "**No AI Factories Large Scale cut-off after 4 Jan 2027 is on record**; the last one on "
        "record is 4 Jan 2027 at 10:00 Brussels time."
    )
    assert fact.is_unknown(NOW, question)


def test_an_allocation_s_last_day_is_worked_out_when_asked(facts: dict[str, CuratedFact]) -> None:
    fact = facts["ffplus-innovation-studies/duration"]
    asked = "call 2 innovation study: by when would it have to be done at the latest?"
    assert fact.text_at(NOW, asked).endswith(
        "So the longest run from 1 Sep 2026 to 30 Jun 2027 at the latest."
    )
    assert fact.is_worked_out(asked)


def test_an_allocation_s_last_day_is_left_out_when_only_its_length_is_asked(
    facts: dict[str, CuratedFact],
) -> None:
    fact = facts["ffplus-business-experiments/duration"]
    assert fact.text_at(NOW, "how long can a business experiment run?") == (
        "**FFplus business experiments, how long an allocation lasts:** Up to 15 months (call 1 "
        "experiments started on 1 Jan 2025)."
    )


def test_the_start_after_a_cut_off_named_by_part_of_its_month_is_worked_out(
    facts: dict[str, CuratedFact],
) -> None:
    fact = facts["large-scale/time_to_access"]
    asked = "if we make the mid-september 2026 cut-off, by what date can we start computing?"
    assert fact.text_at(NOW, asked).endswith(
        "For the cut-off on 15 Sep 2026, that is by 29 Sep 2026 (weekends skipped, public "
        "holidays not)."
    )
    assert fact.is_worked_out(asked)


def test_the_decision_after_a_cut_off_named_by_its_day_is_a_month_later(
    facts: dict[str, CuratedFact],
) -> None:
    fact = facts["ai-for-science/time_to_access"]
    asked = "if we submit for the 30 june 2026 cut-off, when should we hear back?"
    assert fact.text_at(NOW, asked).endswith(
        "For the cut-off on 30 Jun 2026, that is around 30 Jul 2026."
    )


def test_no_day_is_worked_out_for_a_day_that_is_no_cut_off(facts: dict[str, CuratedFact]) -> None:
    fact = facts["ai-for-science/time_to_access"]
    asked = "if we submit on 3 june 2026, when should we hear back?"
    assert fact.text_at(NOW, asked) == fact.text


def test_asking_for_the_next_cut_off_works_out_no_day_after_it(
    facts: dict[str, CuratedFact],
) -> None:
    assert not facts["large-scale/time_to_access"].is_worked_out(
        "today is 7 dec 2026, when is the next large scale cut-off?"
    )


def test_the_last_cutoff_on_record_comes_with_its_own_note(facts: dict[str, CuratedFact]) -> None:
    # Whether the call could close early is said of its last day.
    text = facts["ffplus-innovation-studies/cutoffs"].text_at(NOW, "next ffplus deadline?")
    assert (
        "the last one on record was 25 Feb 2026 at 17:00 Brussels time (call 2 closed, or" in text
    )


def test_a_years_one_cutoff_is_listed_with_its_hour_and_its_note(
    facts: dict[str, CuratedFact],
) -> None:
    # "The 2nd call closed on 25 Feb 2026: at what time that day?" is answered by the hour, and
    # the note says the day is the second call's.
    text = facts["ffplus-innovation-studies/cutoffs"].text_at(
        NOW, "the 2nd ffplus innovation studies call closed 25 feb 2026, at what time?"
    )
    assert text == (
        "**FFplus innovation studies cut-offs in 2026:** 25 Feb 2026 at 17:00 Brussels time (call"
        " 2 closed, or earlier once 250 proposals arrived). All of them have passed."
    )


def test_a_years_cutoffs_without_an_hour_on_record_are_listed_as_days(
    facts: dict[str, CuratedFact],
) -> None:
    text = facts["extreme-scale/cutoffs"].text_at(NOW, "extreme scale cut-offs in 2026?")
    assert text.startswith("**Extreme Scale Access cut-offs in 2026:** 4 May 2026, 26 Oct 2026.")


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("the cut-off after the jan 4 2027 one", date(2027, 1, 4)),
        ("the one after 4 Jan 2027", date(2027, 1, 4)),
        ("what comes after 2027-01-04", date(2027, 1, 4)),
        # Without a year: the year the question names, else this one.
        ("in 2027, which one follows March 3rd?", date(2027, 3, 3)),
        ("the one after the 30th of November", date(2026, 11, 30)),
        ("the next one after that", None),
        ("after 31 Feb 2027", None),
    ],
)
def test_a_question_names_the_day_it_asks_what_comes_after(question: str, day: date | None) -> None:
    assert asked_after(question, NOW) == day


def test_which_call_fits_follows_the_gpu_hours_asked_for(facts: dict[str, CuratedFact]) -> None:
    fit = facts["calls/fit"]
    assert "**AI Factories Large Scale** fits 200,000 GPU-hours" in fit.text_at(
        NOW, "we need 200,000 GPU hours"
    )
    assert "**AI Factories Fast Lane** fits 20,000 GPU-hours" in fit.text_at(NOW, "20k gpu-h")


def test_more_than_a_call_s_maximum_fits_the_next_call_up(facts: dict[str, CuratedFact]) -> None:
    text = facts["calls/fit"].text_at(NOW, "planning a >50k gpu-h project, which call?")
    assert "**AI Factories Large Scale** fits more than 50,000 GPU-hours" in text
    assert "Fast Lane** fits" not in text


def test_without_an_amount_the_fit_fact_lists_every_route_smallest_first(
    facts: dict[str, CuratedFact],
) -> None:
    text = facts["calls/fit"].text_at(NOW, "which call should we use?")
    assert text.index("Playground") < text.index("Fast Lane") < text.index("Large Scale")


def test_without_an_amount_the_fit_fact_also_lists_the_calls_that_fit_a_purpose(
    facts: dict[str, CuratedFact],
) -> None:
    fit = facts["calls/fit"]
    text = fit.text_at(NOW, "we need a year to port and tune our code, which access mode fits?")
    assert "**Development Access**: allocations for developing, porting and optimising code." in (
        text
    )
    # Its source is cited with the others.
    assert "https://www.hpc-cc.hr/EuroHPC_resursi" in {url for url, _, _ in fit.more_sources}
    # With an amount, only the calls of that size.
    assert "Development Access" not in fit.text_at(NOW, "we need 20k gpu-h")


@pytest.mark.parametrize(
    ("question", "hours"),
    [
        ("We need 200,000 GPU hours", 200_000),
        ("about 50k gpu-hours", 50_000),
        ("1.5 million GPU hours", 1_500_000),
        ("120 000 GPUh", 120_000),
        ("how many gpus does LUMI have", None),
    ],
)
def test_gpu_hour_amounts_are_read_in_their_usual_spellings(
    question: str, hours: int | None
) -> None:
    assert gpu_hours_in(question) == hours


@pytest.mark.parametrize(
    ("question", "above"),
    [
        ("planning a >50k gpu-h project", True),
        ("we need more than 50,000 GPU hours", True),
        ("well over 50k gpu hours", True),
        ("about 50k gpu-hours", False),
        # "Over" said of something else than the amount.
        ("we need 50k gpu hours for over a year", False),
    ],
)
def test_an_amount_said_to_be_exceeded_is_read_as_more_than_it(question: str, above: bool) -> None:
    assert gpu_hours_above(question) is above


def test_faq_entries_become_facts_with_their_own_source_and_date() -> None:
    text = (
        "# FAQ\n\n## Can we?\n\nYes, you can. Confirm on the official page.\n\n"
        "Source: https://example.eu/page (as of 2026-03-01)\n\n"
        "## Must we?\n\nNo.\n\n- Source: https://eurohpc-ju.europa.eu/other (as of 2026-04-02)\n"
    )
    first, second = faq_facts(text)
    assert (first.id, first.source, first.as_of.isoformat(), first.confirmed) == (
        "faq/can-we",
        "https://example.eu/page",
        "2026-03-01",
        False,
    )
    assert (second.text, second.confirmed) == ("No.", True)  # official page, nothing to confirm


def test_an_faq_entry_on_a_third_party_page_is_not_confirmed() -> None:
    text = "## Is it?\n\nYes.\n\nSource: https://example.eu/page (as of 2026-03-01)\n"
    (fact,) = faq_facts(text)
    assert fact.confirmed is False


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("What GPUs does the LEONARDO Booster have?", ["partition:LEONARDO Booster"]),
        ("mn5 vs lumi", ["machine:MareNostrum 5", "machine:LUMI"]),
        ("Is Leonrado down?", ["machine:LEONARDO"]),
        ("how many GPUs does the karolaina system have", ["machine:Karolina"]),
        # Capitals inside a word spell a name of its own (IT4I's AI system), not a typo.
        ("how many GPUs does the KarolAIna system have", []),
        ("limits of the standard-g queue", ["slurm:standard-g"]),
        ("a regular node with large scale training", []),
        ("do we have to pay for fast lane gpu hours?", ["call:AI Factories Fast Lane"]),
        ("When is the next Large Scale cut-off?", ["call:AI Factories Large Scale"]),
        # Typed in lower case, a call's ordinary-word name is the call next to a word about
        # calls: a project, having applied, the AI Factories.
        ("how long does a playground project run for", ["call:AI Factories Playground"]),
        ("applied for playground this morning", ["call:AI Factories Playground"]),
        ("the kids' playground next to the office", []),
        # ... and standing on its own as a name, with no article before it.
        ("how many gpu hours does playground give?", ["call:AI Factories Playground"]),
        ("is playground free for startups?", ["call:AI Factories Playground"]),
        ("a sandbox playground for mpi", []),
        # ... and next to another call's name.
        (
            "torn between playground and fast lane",
            ["call:AI Factories Playground", "call:AI Factories Fast Lane"],
        ),
        # A call's round is a word about calls; a request is not ("regular requests to the
        # helpdesk", "a development node").
        ("if we miss the mid dec large scale round", ["call:AI Factories Large Scale"]),
        ("how many rounds per year for playground", ["call:AI Factories Playground"]),
        ("do regular requests to the helpdesk take long", []),
        (
            "extreme scale as a company, do industry applicants get extra checks?",
            ["call:Extreme Scale Access"],
        ),
        ("how do i request a development node", []),
        ("how long does dev access take to get approved?", ["call:Development Access"]),
        (
            "ai4science - after the cutoff how long till we hear back",
            ["call:AI for Science and Collaborative EU Projects"],
        ),
        ("Which AI factory is in Poland?", ["country:Poland"]),
        ("which ai factory is the swedish one?", ["country:Sweden"]),
        ("Is there a Polish AI Factory?", ["country:Poland"]),
        # A country with one AI Factory, written before "AI Factory", names that one.
        ("the greek AI factory, which supercomputer does it run on?", ["factory:Pharos"]),
        # ... and a country, or a town in it, before a word for a supercomputer, its machine.
        ("where are the docs of the luxembourg machine?", ["machine:MeluXina"]),
        ("when was jülich's exascale machine inaugurated?", ["machine:JUPITER"]),
        ("we're a luxembourg start-up", ["country:Luxembourg"]),
        ("the ai factory in athens, which supercomputer does it run on?", ["factory:Pharos"]),
        ("we need to polish our proposal", []),
        ("when do jobs finish on LUMI?", ["machine:LUMI"]),
        # Chat shorthand for LEONARDO and its Booster.
        ("how big was that alloc on leo booster?", ["partition:LEONARDO Booster"]),
        ("is leo down again", ["machine:LEONARDO"]),
        # A host centre that runs no catalogued machine names its AI Factory.
        ("which AI Factory is the one at Cyfronet in Krakow?", ["factory:Gaia AI Factory"]),
    ],
)
def test_names_are_found_by_alias_spelling_and_typo(
    catalog: Catalog, question: str, found: list[str]
) -> None:
    mentions = NameTable(catalog).find(question)
    assert [f"{m.subject.kind}:{m.subject.name}" for m in mentions] == found


def test_a_word_the_sources_use_is_no_typo_of_a_name(catalog: Catalog) -> None:
    question = "how do I start jupyter in the web ui?"
    assert [m.subject.name for m in NameTable(catalog).find(question)] == ["JUPITER"]
    ordinary = NameTable(catalog, ordinary=lambda word: word.casefold() == "jupyter")
    assert ordinary.find(question) == []
    assert [m.subject.name for m in ordinary.find("is jupiter up?")] == ["JUPITER"]
    assert [m.subject.name for m in ordinary.find("Is Leonrado down?")] == ["LEONARDO"]


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("Kto zbudował Vegę?", "Kto zbudował {system}?"),
        ("Ile GPU jest na Leonardzie?", "Ile GPU jest na {system}?"),
        # A locative that changes the name's last consonant: Vega, "na Vedze".
        ("Jaki jest limit czasu na Vedze?", "Jaki jest limit czasu na {system}?"),
        ("Jak dostać się do Karoliny?", "Jak dostać się do {system}?"),
        (
            "Wie viel Speicher haben LUMIs GPU-Knoten?",
            "Wie viel Speicher haben {system} GPU-Knoten?",
        ),
        ("vegan lumen", "vegan lumen"),
        ("can we already run on LUMI-AI?", "can we already run on {factory}?"),
    ],
)
def test_a_machine_is_found_under_its_inflected_name(
    catalog: Catalog, question: str, found: str
) -> None:
    assert mask(question, NameTable(catalog).find(question)) == found


@pytest.mark.parametrize(
    ("question", "partition"),
    [
        ("max walltime on leonardo's dcgp partition?", "leonardo-dcgp"),
        ("MN5 ACC node memory", "mn5-acc"),
        ("what gpus does leonardo's booster have", "leonardo-booster"),
    ],
)
def test_a_machine_followed_by_a_partitions_short_name_is_that_partition(
    catalog: Catalog, question: str, partition: str
) -> None:
    mentions = NameTable(catalog).find(question)
    assert [(m.subject.kind, m.subject.id) for m in mentions] == [("partition", partition)]


def test_masking_replaces_each_name_with_its_kind(catalog: Catalog) -> None:
    question = "How long does Fast Lane take on LUMI?"
    assert mask(question, NameTable(catalog).find(question)) == (
        "How long does {call} take on {system}?"
    )


def test_masking_spells_out_the_programme_s_short_forms(catalog: Catalog) -> None:
    question = "which AIF sits on top of jupiter? never used EHPC, new to AIFs"
    assert mask(question, NameTable(catalog).find(question)) == (
        "which AI Factory sits on top of {system}? never used EuroHPC, new to AI Factories"
    )


@pytest.mark.parametrize(
    ("question", "masked"),
    [
        ("can we already run jobs on daedalus in greece?", "can we already run jobs on {system}?"),
        ("who is building the greek daedalus machine?", "who is building the {system}?"),
        ("when did vega in maribor officially start", "when did {system} officially start"),
        ("leonardo in bologna, italy: how many gpus", "{system}: how many gpus"),
        ("LEONARDO Booster (Italy) GPUs", "{system} GPUs"),
        ("what does LUMI AI Factory in Finland offer", "what does {factory} offer"),
        ("is arrhenius (the swedish one) live already?", "is {system} live already?"),
        ("is daedalus (greece) operational?", "is {system} operational?"),
    ],
)
def test_a_place_beside_its_own_machine_only_says_which_one_is_meant(
    catalog: Catalog, question: str, masked: str
) -> None:
    assert mask(question, NameTable(catalog).find(question)) == masked


def test_a_capital_is_its_country(catalog: Catalog) -> None:
    question = "we're an ML start-up in Riga, which AI Factory can we use?"
    assert mask(question, NameTable(catalog).find(question)) == (
        "we're an ML start-up in {country}, which AI Factory can we use?"
    )


def test_a_country_with_no_machine_factory_or_antenna_is_still_a_country(
    catalog: Catalog,
) -> None:
    question = "the company is registered in estonia, can we get AI Factory compute?"
    mentions = NameTable(catalog).find(question)
    assert [f"{m.subject.kind}:{m.subject.name}" for m in mentions] == ["country:Estonia"]


def test_a_country_is_named_in_english_or_in_its_own_name(catalog: Catalog) -> None:
    for question in ("is turkey in an ai factory?", "is Türkiye in an ai factory?"):
        mentions = NameTable(catalog).find(question)
        assert [f"{m.subject.kind}:{m.subject.name}" for m in mentions] == ["country:Türkiye"]


def test_a_partner_country_is_a_subject_of_the_ai_factory_it_partners(
    facts: dict[str, CuratedFact],
) -> None:
    subjects = [(s.kind, s.name) for s in facts["factory/bsc-aif"].subjects]
    assert subjects == [
        ("factory", "BSC AI Factory"),
        ("country", "Spain"),
        ("country", "Portugal"),
        ("country", "Romania"),
        ("country", "Türkiye"),
    ]
    assert "Partners: Portugal, Romania, Türkiye." in facts["factory/bsc-aif"].text


@pytest.mark.parametrize(
    ("question", "aside"),
    [
        ("besides AI:AT, is austria a partner in another ai factory?", ["AI:AT"]),
        ("other than LUMI, which machines have AMD gpus?", ["LUMI"]),
        ("apart from the fast lane, which call is always open?", ["AI Factories Fast Lane"]),
        # Named once set aside and once asked about: asked about.
        ("besides LUMI, what else is there? and is LUMI full?", []),
        ("is LUMI or LEONARDO better for us?", []),
        # "Not" after a bracket or a comma sets a name against another; elsewhere it does not.
        ("is lumi's cpu partition (not lumi-g) bigger than leonardo's dcgp?", ["LUMI-G"]),
        ("lumi, not leonardo: how many gpus per node?", ["LEONARDO"]),
        ("whether or not lumi-g has infiniband, what network does it use?", []),
        ("why not leonardo for our cuda code?", []),
        ("we are not playground users yet, how do we apply?", []),
        # Named only in what the question states before asking about another of its kind.
        ("deucalion runs slurm 23.11.4 - which slurm version is discoverer on?", ["Deucalion"]),
        ("we run on LUMI now; which partition on LEONARDO takes small gpu jobs?", ["LUMI"]),
        # A question that refers back to it, or compares with it, is about both.
        ("aif large scale - is it first come first served like fast lane?", []),
        # Named only as what the question compares with, asking about another of its kind.
        ("on vega, which command shows the hours left, like lumi-allocations on lumi?", ["LUMI"]),
        ("is there a rest api on leonardo like on LUMI?", ["LUMI"]),
        ("is the queue on LUMI like on LUMI-G?", []),
        # Asked about nothing else of its kind, it is what the question is about.
        ("we run on LUMI now; which partition fits a 4 gpu job?", []),
        ("which partition fits a 4 gpu job - LUMI or LEONARDO?", []),
    ],
)
def test_a_name_after_besides_is_set_aside(
    catalog: Catalog, question: str, aside: list[str]
) -> None:
    found = set_aside(question, NameTable(catalog).find(question))
    assert sorted(s.name for s in found) == aside


def test_a_host_town_is_its_country(catalog: Catalog) -> None:
    question = "we are a start-up in Ostrava, can we apply for Regular Access?"
    mentions = NameTable(catalog).find(question)
    assert [f"{m.subject.kind}:{m.subject.name}" for m in mentions] == [
        "country:Czechia",
        "call:Regular Access",
    ]


@pytest.mark.parametrize(
    ("question", "found"),
    [
        (
            "we're based in krakow — is there a EuroHPC AI Factory right here, what's it called?",
            ["factory:Gaia AI Factory"],
        ),
        ("is there an AI Factory in Kraków?", ["factory:Gaia AI Factory"]),
        (
            "our start-up sits in Bissen: which AIF is that?",
            ["factory:MeluXina-AI (Luxembourg AI Factory)"],
        ),
        # Where the question names no AI Factory, the town only says where the asker is.
        ("we're based in Krakow, can we apply?", ["country:Poland"]),
        # The town of the one not asked about.
        (
            "there's another german ai factory besides the jülich one, who runs it?",
            ["country:Germany", "country:Germany"],
        ),
        # Where it names one, the town is that one's place or another's.
        ("is Pharos the AI Factory in Krakow?", ["factory:Pharos", "country:Poland"]),
    ],
)
def test_a_town_hosting_one_ai_factory_is_that_factory_when_ai_factories_are_asked(
    catalog: Catalog, question: str, found: list[str]
) -> None:
    mentions = NameTable(catalog).find(question)
    assert [f"{m.subject.kind}:{m.subject.name}" for m in mentions] == found


def test_a_town_read_as_its_ai_factory_is_still_masked_as_a_place(catalog: Catalog) -> None:
    question = "is there an AI Factory in Kraków?"
    assert mask(question, NameTable(catalog).find(question)) == (
        "is there an AI Factory in {country}?"
    )


def test_names_match_without_their_diacritics(catalog: Catalog) -> None:
    question = "is JUPITER in Julich down?"
    assert mask(question, NameTable(catalog).find(question)) == "is {system} down?"


@pytest.mark.parametrize(
    ("question", "masked"),
    [
        (
            "When is the first 2027 cut-off for Large Scale access of the AI Factories?",
            "When is the first 2027 cut-off for {call}?",
        ),
        ("is EuroHPC's Regular Access open to start-ups?", "is {call} open to start-ups?"),
        # A question read from Spanish: "del acceso Large Scale de las AI Factories".
        (
            "when first cut-off 2027 access Large Scale AI Factories",
            "when first cut-off 2027 access {call}",
        ),
        (
            "Which AI Factories take Fast Lane applications?",
            "Which AI Factories take {call} applications?",
        ),
        ("Fast Lane at the LUMI AI Factory", "{call} at the {factory}"),
    ],
)
def test_a_calls_family_written_beside_the_call_is_part_of_its_name(
    catalog: Catalog, question: str, masked: str
) -> None:
    assert mask(question, NameTable(catalog).find(question)) == masked


@pytest.mark.parametrize(
    ("question", "masked"),
    [
        ("is LUMI in Finland?", "is {system} in {country}?"),
        ("is vega in maribor?", "is {system} in {country}?"),
        ("is LUMI in Finland or in Sweden", "is {system} in {country} or in {country}"),
        ("is LUMI in Finland too?", "is {system} in {country} too?"),
        ("is LEONARDO in Italy as well?", "is {system} in {country} as well?"),
        ("is LUMI in Italy for some reason", "is {system} in {country} for some reason"),
        (
            "which supercomputers are in greece besides daedalus",
            "which supercomputers are in {country} besides {system}",
        ),
    ],
)
def test_a_place_that_is_asked_about_or_not_beside_its_machine_stays_a_place(
    catalog: Catalog, question: str, masked: str
) -> None:
    assert mask(question, NameTable(catalog).find(question)) == masked


@pytest.mark.parametrize(
    ("question", "masked"),
    [
        ("is daedalus in greece usable yet", "is {system} usable yet"),
        ("is vega in maribor up and running?", "is {system} up and running?"),
    ],
)
def test_a_place_followed_by_what_is_asked_of_its_machine_only_says_which_machine(
    catalog: Catalog, question: str, masked: str
) -> None:
    assert mask(question, NameTable(catalog).find(question)) == masked


@pytest.mark.parametrize(
    ("question", "masked"),
    [
        (
            "is the greek DAEDALUS supercomputer open to users yet?",
            "is the {system} open to users yet?",
        ),
        ("how many nodes has the LUMI-G system", "how many nodes has the {system}"),
        ("which machines does LUMI have", "which machines does {system} have"),
        # Not a word that only starts like one.
        ("LUMI machine learning frameworks", "{system} machine learning frameworks"),
        ("LUMI system-wide settings", "{system} system-wide settings"),
    ],
)
def test_the_kind_of_thing_a_machine_is_written_after_its_name_is_part_of_its_name(
    catalog: Catalog, question: str, masked: str
) -> None:
    assert mask(question, NameTable(catalog).find(question)) == masked


@pytest.mark.parametrize(
    ("document", "source", "same"),
    [
        (
            "file:///x/lumi-userguide/docs/hardware/lumig.md",
            "https://docs.lumi-supercomputer.eu/hardware/lumig/",
            True,
        ),
        (
            "https://docs.lumi-supercomputer.eu/hardware/lumig",
            "https://docs.lumi-supercomputer.eu/hardware/lumig/",
            True,
        ),
        (
            "https://mirror.example/hardware/lumig/",
            "https://docs.lumi-supercomputer.eu/hardware/lumig/",
            False,
        ),
        ("file:///x/storage/index.md", "https://docs.lumi-supercomputer.eu/storage/", False),
        (
            "file:///x/docs/hardware/lumic.md",
            "https://docs.lumi-supercomputer.eu/hardware/lumig/",
            False,
        ),
        ("file:///x/playground-access.html", "https://eurohpc.eu/playground-access", False),
    ],
)
def test_a_local_copy_is_the_same_document_only_when_its_path_ends_like_the_url(
    document: str, source: str, same: bool
) -> None:
    assert same_document(document, source) is same


def test_how_often_and_when_next_each_carry_the_others_value(
    facts: dict[str, CuratedFact],
) -> None:
    assert facts["large-scale/frequency"].text_at(NOW) == (
        "**AI Factories Large Scale** is reviewed at dated cut-offs (about two cut-offs a month)."
        " **Next AI Factories Large Scale cut-off: Mon 30 Nov 2026, 10:00 CET**"
        " (then 15 Dec 2026, 4 Jan 2027)."
    )
    assert facts["large-scale/cutoffs"].text_at(NOW) == (
        "**Next AI Factories Large Scale cut-off: Mon 30 Nov 2026, 10:00 CET**"
        " (then 15 Dec 2026, 4 Jan 2027). How often: about two cut-offs a month."
    )


def test_the_selection_waves_are_one_fact_citing_each_waves_page(
    catalog: Catalog, facts: dict[str, CuratedFact]
) -> None:
    fact = facts["factories/waves"]
    first, second, third = catalog.waves
    assert "wave 1 on 10 Dec 2024 (7 AI Factories)" in fact.text
    assert fact.source == first.source
    assert [url for url, _, _ in fact.more_sources] == [second.source, third.source]


def test_the_selection_waves_give_the_number_of_factories_in_all(
    catalog: Catalog, facts: dict[str, CuratedFact]
) -> None:
    assert facts["factories/waves"].text.startswith(
        f"{len(catalog.ai_factories)} AI Factories were selected in 3 waves: "
    )
    assert len(catalog.ai_factories) == 19


def test_a_country_hosting_ai_factories_has_a_fact_counting_them_with_their_hosts(
    catalog: Catalog, facts: dict[str, CuratedFact]
) -> None:
    fact = facts["factories/in/spain"]
    spanish = [f for f in catalog.ai_factories if f.country == "Spain"]
    assert fact.text == (
        "**Spain** hosts 2 AI Factories: BSC AI Factory, at Barcelona Supercomputing Center "
        "(BSC), Barcelona; and 1HealthAI, at CESGA, Galicia."
    )
    assert fact.topics == ("factory_host",)
    assert [s.id for s in fact.subjects] == ["spain"]
    assert fact.source == spanish[0].source
    assert [url for url, _, _ in fact.more_sources] == [spanish[1].source]


def test_a_country_hosting_one_ai_factory_counts_it_in_the_singular(
    facts: dict[str, CuratedFact],
) -> None:
    assert facts["factories/in/czechia"].text == (
        "**Czechia** hosts 1 AI Factory: CZAI, at IT4Innovations, Ostrava."
    )


def test_the_host_countries_are_listed_with_their_counts_most_first(
    facts: dict[str, CuratedFact],
) -> None:
    fact = facts["factories/per-country"]
    assert fact.text.startswith(
        "**AI Factories per host country:** Germany 2 (HammerHAI, JAIF); Poland 2 (PIAST-AI, "
        "Gaia AI Factory); Spain 2 (BSC AI Factory, 1HealthAI); Austria 1 (AI:AT); "
    )
    assert fact.subjects == ()
    assert fact.topics == ("factory_host",)


def test_who_built_each_machine_is_one_list_citing_each_machines_source(
    catalog: Catalog, facts: dict[str, CuratedFact]
) -> None:
    fact = facts["machines/vendors"]
    assert fact.text.startswith(
        "**Who built the EuroHPC machines:** LUMI: HPE Cray EX; MareNostrum 5: Atos/Eviden "
    )
    assert "; Karolina: HPE; " in fact.text
    # A maker no source of the machine names is not listed.
    assert fact.text.endswith(" Not on record for LEONARDO, MeluXina, Discoverer, Arrhenius.")
    karolina = next(m for m in catalog.machines if m.id == "karolina")
    cited = {fact.source, *(url for url, _, _ in fact.more_sources)}
    assert facts["karolina/vendor"].source in cited
    assert karolina.vendor == "HPE"


def test_a_factorys_wave_is_dated_and_the_date_cites_the_waves_page(
    catalog: Catalog, facts: dict[str, CuratedFact]
) -> None:
    fact = facts["factory/it4lia"]
    assert "selected in wave 1 (10 Dec 2024)" in fact.text
    assert [url for url, _, _ in fact.more_sources] == [catalog.waves[0].source]


def test_a_fact_also_answers_the_topics_its_entry_names(facts: dict[str, CuratedFact]) -> None:
    # The LUMI note on who allocates which part of the machine answers "how much of LUMI goes
    # to industry" as well as "what is LUMI".
    assert facts["lumi/note/0"].topics == ("overview", "share")
    assert facts["extreme-scale/summary"].topics == ("overview", "share")


def test_what_came_before_a_call_says_what_it_answers_like_a_note(
    facts: dict[str, CuratedFact],
) -> None:
    # "Multiverse Computing got 800,000 hours on MareNostrum 5" answers how much it got.
    assert facts["large-ai-grand-challenge/history"].says_its_topic
    assert not facts["large-ai-grand-challenge/summary"].says_its_topic


def test_a_calls_note_is_a_fact_with_its_own_provenance_and_topics(
    facts: dict[str, CuratedFact],
) -> None:
    # An applicant's report on the Fast Lane form: unconfirmed, cited to the page to check it
    # on, and an answer to "what can we get" as well as to "what is Fast Lane".
    note = facts["fast-lane/note/0"]
    assert note.text.startswith("**AI Factories Fast Lane:** One applicant reports")
    assert "10,000 GPU-hours" in note.text
    assert note.topics == ("overview", "offer")
    assert note.source == "https://www.eurohpc-ju.europa.eu/fast-lane-access-ai-factories_en"
    assert note.confirmed is False
    assert [s.id for s in note.subjects] == ["fast-lane"]


def test_a_note_on_the_ai_factories_programme_is_a_fact_of_its_own_topic(
    facts: dict[str, CuratedFact],
) -> None:
    decision = next(f for f in facts.values() if "Decision 41/2024" in f.text)
    assert decision.id.startswith("factories/note/")
    assert decision.topics == ("factories_programme",)
    assert decision.subjects == ()
    assert decision.confirmed is True
    assert decision.says_its_topic is True


def test_a_note_may_also_answer_a_topic_whose_key_has_an_underscore(
    facts: dict[str, CuratedFact],
) -> None:
    budget = next(f for f in facts.values() if "EUR 1.5 B" in f.text)
    assert budget.topics == ("factories_programme", "factory_waves")


def test_a_fact_answering_a_topic_the_topics_file_lacks_is_refused(tmp_path: Path) -> None:
    knowledge_dir = tmp_path / "data"
    shutil.copytree(DATA, knowledge_dir)
    topics_file = knowledge_dir / "topics.yaml"
    topics = yaml.safe_load(topics_file.read_text(encoding="utf-8"))
    del topics["topics"]["share"]
    topics_file.write_text(yaml.safe_dump(topics), encoding="utf-8")

    def no_model(texts: object) -> np.ndarray:
        raise AssertionError("nothing is embedded before the topics are checked")

    with pytest.raises(CatalogError) as refused:
        CuratedAnswerer(load_catalog(knowledge_dir), knowledge_dir, no_model, no_model)
    assert "does not define: share." in str(refused.value)
    assert str(topics_file) in str(refused.value)


def test_a_fact_borrowing_a_groups_source_does_not_take_its_extra_topics(
    facts: dict[str, CuratedFact],
) -> None:
    # JUPITER's overview says what it cost; the hosting sentence cites the same page but does not.
    assert "procurement" in facts["jupiter/overview"].topics
    assert facts["jupiter/place"].topics == ("place",)


def test_a_machine_overview_takes_the_article_its_tier_needs(
    facts: dict[str, CuratedFact],
) -> None:
    assert facts["jupiter/overview"].text.startswith("**JUPITER** is an exascale EuroHPC")
    assert facts["leonardo/overview"].text.startswith("**LEONARDO** is a pre-exascale EuroHPC")


@pytest.mark.parametrize(
    ("question", "unseen"),
    [
        # The facts write "11 Dec 2026": a month written out is no word they lack.
        ("When is the December cut-off of AI for Science and Collaborative EU Projects?", ()),
        ("When is the Sept cut-off of AI for Science?", ()),
        ("When is the Marchy cut-off of AI for Science?", ("marchy",)),
    ],
)
def test_a_month_the_facts_date_in_is_no_unseen_word(
    catalog: Catalog, question: str, unseen: tuple[str, ...]
) -> None:
    embedder = HashEmbedder()
    answerer = CuratedAnswerer(catalog, DATA, embedder.embed_query, embedder.embed_documents)
    assert answerer.match(question, embedder.embed_query(question)).unseen == unseen


@pytest.mark.parametrize(
    ("question", "unseen"),
    [
        # A German question writes "CPU cores" as one hyphenated word.
        ("How many CPU-Cores per GPU on LUMI?", ()),
        # A part of one letter makes a name, which the facts may not know.
        ("How many GPUs in small-x on LUMI?", ("small-x",)),
    ],
)
def test_a_compound_of_words_the_facts_use_is_no_unseen_word(
    catalog: Catalog, question: str, unseen: tuple[str, ...]
) -> None:
    embedder = HashEmbedder()
    answerer = CuratedAnswerer(catalog, DATA, embedder.embed_query, embedder.embed_documents)
    assert answerer.match(question, embedder.embed_query(question)).unseen == unseen


def test_a_word_of_a_topics_example_questions_is_no_unseen_word(catalog: Catalog) -> None:
    # "citizenship" is in no fact, but in an example question of the FAQ entry on citizens.
    embedder = HashEmbedder()
    answerer = CuratedAnswerer(catalog, DATA, embedder.embed_query, embedder.embed_documents)
    question = "Does citizenship matter for EuroHPC access?"
    assert answerer.match(question, embedder.embed_query(question)).unseen == ()


@pytest.mark.parametrize(
    ("text", "none"),
    [
        (
            "**No Regular Access cut-off in 2026 is on record**. The calendar may be out of date",
            True,
        ),
        # The last day on record answers "when was the last one".
        (
            "**No future Extreme Scale Access cut-off is on record**; the last one on record was 26 Oct 2026.",
            False,
        ),
        ("**Next Regular Access cut-off: Fri 11 Dec 2026, 10:00 CET**.", False),
    ],
)
def test_a_cut_off_fact_gives_no_day_when_none_is_on_record_and_it_names_none(
    text: str, none: bool
) -> None:
    assert names_day(text) is not none


def test_a_day_is_read_as_day_text_writes_it() -> None:
    assert names_day(f"the last one on record was {day_text(date(2026, 10, 26))}.")


LARGE_SCALE_MACHINES = (
    "LUMI, LEONARDO, MareNostrum 5, JUPITER, MeluXina, Karolina, Vega, Discoverer."
)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        (
            "can an AI Factories Large Scale project run on Vega in Slovenia?",
            "Yes: **AI Factories Large Scale** gives access to Vega. All its machines: "
            + LARGE_SCALE_MACHINES,
        ),
        (
            "is Alice Recoque available through Large Scale?",
            "No: Alice Recoque is not among the machines **AI Factories Large Scale** gives "
            "access to: " + LARGE_SCALE_MACHINES,
        ),
        # Not a yes-or-no question, or one naming no machine: the list.
        (
            "which machines can a Large Scale project use, Vega too?",
            "**AI Factories Large Scale** gives access to: " + LARGE_SCALE_MACHINES,
        ),
        (
            "can we choose our machine in Large Scale?",
            "**AI Factories Large Scale** gives access to: " + LARGE_SCALE_MACHINES,
        ),
        # A yes or a no to something else: whether the call is open, the only machine.
        (
            "Is the Large Scale call for JUPITER open right now?",
            "**AI Factories Large Scale** gives access to: " + LARGE_SCALE_MACHINES,
        ),
        (
            "Is Vega the only machine in Large Scale?",
            "**AI Factories Large Scale** gives access to: " + LARGE_SCALE_MACHINES,
        ),
        # Machines on and off the list: no single yes or no.
        (
            "Can I use LUMI or Alice Recoque through Large Scale?",
            "**AI Factories Large Scale** gives access to: " + LARGE_SCALE_MACHINES,
        ),
        # The asking sentence need not come first.
        (
            "We have a project. Can it run on Vega through Large Scale?",
            "Yes: **AI Factories Large Scale** gives access to Vega. All its machines: "
            + LARGE_SCALE_MACHINES,
        ),
    ],
)
def test_a_yes_or_no_question_naming_machines_is_answered_yes_or_no_before_the_list(
    facts: dict[str, CuratedFact], question: str, text: str
) -> None:
    assert facts["large-scale/machines"].text_at(NOW, question) == text


@pytest.mark.parametrize(
    ("question", "masked"),
    [
        # The asker's town beside another place asked about says only where the asker is.
        (
            "We are in Vienna; which organisation hosts the AI Factory in Italy?",
            "We are in {country}; which organisation hosts the AI Factory in {country}?",
        ),
        # A town after its own machine says which machine, with or without its diacritics.
        ("which AI Factory runs on JUPITER in Julich?", "which AI Factory runs on {system}?"),
        ("which AI Factory runs on JUPITER in Jülich?", "which AI Factory runs on {system}?"),
        ("is there an AI Factory in Poznań?", "is there an AI Factory in {country}?"),
        ("we need a turnkey AI Factory solution", "we need a turnkey AI Factory solution"),
        (
            "is MareNostrum 5 in Spain as well as in Portugal?",
            "is {system} in {country} as well as in {country}?",
        ),
    ],
)
def test_towns_and_countries_are_places_only_where_they_are_written(
    catalog: Catalog, question: str, masked: str
) -> None:
    assert mask(question, NameTable(catalog).find(question)) == masked


@pytest.mark.parametrize(
    "question",
    [
        "is there another German AI Factory except the one in Jülich?",
        "which German AI Factory is not in Stuttgart?",
    ],
)
def test_the_town_of_the_one_not_asked_about_stays_a_place(catalog: Catalog, question: str) -> None:
    assert {m.subject.kind for m in NameTable(catalog).find(question)} == {"country"}


@pytest.mark.parametrize(
    ("question", "subjects"),
    [
        ("mn5 vs lumi: more gpus per node?", ["MareNostrum 5", "LUMI"]),
        # A partition is compared with a machine as one of its kind.
        (
            "karolina vs leo booster: which has more a100s per node?",
            ["Karolina", "LEONARDO Booster"],
        ),
        (
            "playground or fast lane access, which is quicker to get?",
            ["AI Factories Playground", "AI Factories Fast Lane"],
        ),
        # Two machines named without setting them side by side, or one only, compare nothing.
        ("we moved from leonardo, how do i log in to lumi?", []),
        ("more nodes than we need: how many nodes does lumi-c have? our leonardo jobs used 16", []),
        ("is lumi bigger than last year?", []),
    ],
)
def test_the_things_a_question_sets_side_by_side_are_compared(
    catalog: Catalog, question: str, subjects: list[str]
) -> None:
    mentions = NameTable(catalog).find(question)
    assert [s.name for s in compared(question, mentions)] == subjects


def test_a_site_s_status_page_portal_allocation_commands_and_api_are_facts_of_their_own(
    facts: dict[str, CuratedFact],
) -> None:
    assert facts["jupiter/status-page"].topics == ("status_page",)
    assert facts["jupiter/status-page"].text.startswith(
        "**JUPITER** service status and announcements: https://status.jsc.fz-juelich.de/ ("
    )
    assert facts["meluxina/portal"].text == (
        "**MeluXina** web portal: https://portal.lxp.lu/ (Open OnDemand)"
    )
    assert facts["karolina/accounting"].topics == ("allocation_check",)
    assert facts["karolina/accounting"].text.startswith(
        "On **Karolina**, a project's allocation and quotas are shown by `it4ifree`."
    )
    assert facts["meluxina/api"].topics == ("api",)
    assert "https://slurm-api.lxp.lu" in facts["meluxina/api"].text


def test_a_scheduler_s_version_is_part_of_its_fact_and_third_party_values_stay_unconfirmed(
    facts: dict[str, CuratedFact],
) -> None:
    deucalion = facts["deucalion/scheduler"]
    assert deucalion.text.startswith(
        "**Deucalion** runs the **Slurm** batch scheduler, version 23.11.4."
    )
    assert deucalion.confirmed is False
    assert facts["lumi/scheduler"].text == "**LUMI** runs the **Slurm** batch scheduler."


@pytest.mark.parametrize(
    ("question", "held"),
    [
        # A command set as code names the facts that write it.
        ("want `it4ifree` on our own ci box. which pip package ships it?", {"karolina/accounting"}),
        ("that coaif-03 call: when did it open?", {"factories/note/6", "factories/note/7"}),
        # A plain word set as code names no fact: many write "small".
        ("a cpu-only job on the partition `small`: how much memory?", set()),
    ],
)
def test_an_identifier_the_question_writes_names_the_facts_that_hold_it(
    facts: dict[str, CuratedFact], question: str, held: set[str]
) -> None:
    assert _holding_identifiers(question, list(facts.values())) == held
