"""Which curated fact answers, with the real model: questions worded unlike topics.yaml's own
examples still reach the fact of the topic they ask about. The model is the session's
(`real_embedder`), not a second copy loaded for this module."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import knowledge
from knowledge.assistant import Assistant
from knowledge.embed import Embedder
from knowledge.service import open_assistant
from knowledge.store import Index

pytestmark = pytest.mark.slow

DATA = Path(knowledge.__file__).parent / "data"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("UTC"))


@pytest.fixture(scope="module")
def curated_only(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Assistant:
    # No documents: the curated facts alone, as on a fresh install.
    index = Index(tmp_path_factory.mktemp("index"), real_embedder)
    return open_assistant(index, DATA, clock=lambda: NOW)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # How a machine's or EuroHPC's time is split.
        (
            "what part of LUMI can companies get through EuroHPC?",
            "**LUMI:** EuroHPC allocates half of LUMI",
        ),
        # The shares per mode come with their caveat: an older overview, a rough guide.
        (
            "roughly which percentage of eurohpc compute is handed out via extreme scale access?",
            "**Extreme Scale Access:** The split of EuroHPC time between access modes",
        ),
        # A part of a sum is a share: "up to 50%" answers, not a price.
        (
            "for the sites hosting an ai factory, how much of the supercomputer cost does the eu cover?",
            "A host entity gets EU funding for up to 50%",
        ),
        # Applications are what the call's pages count as proposals.
        (
            "ffplus innovation studies, first call: how many got funded and out of how many applications?",
            "**FFplus innovation studies, what came before:** Call 1 drew 62 proposals",
        ),
        ("can the JU hand out time without any call at all?", "Almost all of it."),
        # Asked which AI Factory, a fact naming it answers, also when the question names it
        # by its host.
        ("which AI Factory is the one at Cyfronet in Krakow?", "**Gaia AI Factory**"),
        # ... and when it names the machine asked about, it asks about that one.
        ("what machine is leonardo?", "**LEONARDO** is a pre-exascale"),
        ("what machine is the jupiter ai factory built on?", "**JAIF** AI Factory system"),
        ("how much of marenostrum 5's cost did the eu pay?", "**MareNostrum 5:** Its five-year"),
        # Asked what a partition is called, the machine's Slurm partitions answer.
        ("karolina: whats the partition called for normal gpu jobs?", "**Karolina** `qgpu"),
        # Who built a machine and what it cost.
        ("what did JUPITER cost to build?", "**JUPITER** is an exascale EuroHPC supercomputer"),
        ("how pricey was deucalion", "**Deucalion** is operational"),
        # A machine's own country or city only says which machine is meant.
        ("is the french alice recoque usable already?", "**Alice Recoque** is planned."),
        (
            "who is constructing the Greek DAEDALUS and at what price?",
            "**DAEDALUS** is being installed. Awarded to HPE",
        ),
        ("Is Vega in Maribor still running?", "**Vega** is operational"),
        # ... also when its place comes between it and what is asked of it, or the kind of
        # thing it is after its name.
        ("is daedalus in greece ready for jobs", "**DAEDALUS:** EuroHPC said"),
        (
            "is the Alice Recoque supercomputer open yet",
            "**Alice Recoque:** It is not expected to power on before 2027",
        ),
        # A programme's winners are in its summary, not in what the winners got.
        (
            "which teams got picked as winners in the large ai grand challenge?",
            "**Large AI Grand Challenge, in short:** Prize competition whose four winners",
        ),
        # When an allocation starts, not how long it lasts.
        (
            "once fast lane approves us, when can the allocation start?",
            "**AI Factories Fast Lane, time to access:**",
        ),
        (
            "for how many months does a large scale allocation run?",
            "**AI Factories Large Scale, how long an allocation lasts:**",
        ),
        # A French question's English words: "citizen" is a word of the FAQ entry's question
        # ("Do our engineers need to be EU citizens?"), not of its answer.
        (
            "engineer must citizen EU for use machine EuroHPC",
            "No. What counts is where the applying organisation is established",
        ),
        # An FAQ entry answers more than its heading asks: the access policy's decision is in
        # the entry on how much of each machine the JU allocates.
        (
            "we need to reference the governing board decision behind the eurohpc access policy",
            "Between 35% and 50% of every EuroHPC system's capacity",
        ),
        # A call's note answers what it reports, and a note on the AI Factories programme
        # the question about the programme's history.
        (
            "is it true the fast lane form asks for some minimum amount of gpu-hours?",
            "**AI Factories Fast Lane:** One applicant reports",
        ),
        (
            "under which governing board decision did eurohpc add the ai factories pillar?",
            "The AI Factories became a pillar of EuroHPC's work programme",
        ),
        # A machine's note, compared with its name masked: the name alone fits every fact of
        # the machine.
        (
            "in job scripts people share from leonardo, which prefix marks ai factory accounts?",
            "**LEONARDO:** Projects on LEONARDO show up in public job scripts",
        ),
        # How many cores a job gets, not how many the node has.
        (
            "how many cpu cores per gpu can my job get at most on lumi-g?",
            "**LUMI:** LUMI-G nodes run in low-noise mode",
        ),
        # The memory of one GPU, which a machine's note gives and its partition's facts do not.
        (
            "how much HBM does each GPU on the JUPITER booster have?",
            "**JUPITER:** On the Booster, each GPU has 96 GB of HBM3",
        ),
        # When a machine's contract was signed is part of how it was procured, and so is who
        # won its tender: its vendor.
        ("alice recoque contract - signed when?", "**Alice Recoque** is planned. Contract signed"),
        ("daedalus, who won the tender?", "**DAEDALUS** vendor: HPE."),
        # A project named by its id in a paper's acknowledgement, and the call it came through.
        (
            "which call gave project EUHPC_A06_067 its compute time",
            "**AI for Science and Collaborative EU Projects:** A 2025-26 paper thanks EuroHPC "
            "for project EUHPC_A06_067",
        ),
        # Whether the AI Factory must be in one's own country is in the entry on who may log in.
        (
            "no AI factory in croatia as far as we know - can we go through one somewhere else?",
            "No. What counts is where the applying organisation is established",
        ),
        # What an application must include is part of how it is reviewed.
        (
            "apart from the web form, what paperwork goes with a regular access application?",
            "**Regular Access, how proposals are selected:**",
        ),
        # A past cut-off asked by a year counted from today, or by a calendar day that a time
        # after the cut-off does not give.
        (
            "extreme scale access, the cut-off in spring this year - what day was it?",
            "**Extreme Scale Access cut-offs in 2026:** 4 May 2026, 26 Oct 2026.",
        ),
        (
            "ai for science: which exact day was the cut-off just before summer 2026?",
            "**AI for Science and Collaborative EU Projects cut-offs in 2026:** 27 Feb 2026",
        ),
        # "Came in" ends the thing counted, as "come in" does.
        (
            "back in the 2023/24 grand challenge, how many proposals came in?",
            "**Large AI Grand Challenge, what came before:** The challenge drew 94 proposals.",
        ),
        # A sum asked in euros is money: the system's contract, not who hosts the factory.
        (
            "IT4LIA's new ai system: how big is the contract in euros?",
            "**IT4LIA** AI Factory system: a new AI supercomputer alongside LEONARDO",
        ),
        # What a job is billed, worked out from the machine's rule.
        (
            "two standard-g nodes for 6 hours on lumi - how many gpu-hours is that?",
            "**A job of 2 nodes on standard-g for 6 h is billed 48 GPU-hours**",
        ),
        (
            "karolina: 3 gpus for 8 hours, how many node-hours get billed?",
            "**A job of 3 GPUs for 8 h is billed 3 node-hours**",
        ),
        # A partition's GPUs in all, asked as a total.
        (
            "how many A100s does karolina have across all its gpu nodes in total?",
            "**Karolina GPU nodes** (gpu, 72 nodes)",
        ),
        (
            "lumi-ai in kajaani: when did they sign the contract?",
            "**LUMI AI Factory** AI Factory system: LUMI-AI",
        ),
        # A count of the names a fact lists.
        (
            "how many partner countries does the lumi ai factory have?",
            "**5 countries:** **LUMI AI Factory** is an AI Factory hosted by CSC",
        ),
        # A typo of a word the facts use reads as that word.
        (
            "if we land an extreme scale allocaton, how long does it run?",
            "**Extreme Scale Access, how long an allocation lasts:** 1 year",
        ),
        # The first batch is the first wave, not the antennas' budget.
        (
            "how much money was behind the first batch of ai factories?",
            "The first wave is worth EUR 1.5 B",
        ),
    ],
)
def test_a_question_reaches_the_fact_of_its_topic(
    curated_only: Assistant, question: str, lead: str
) -> None:
    answer = curated_only.ask(question)
    assert answer.route == "catalog"
    assert answer.text.startswith(lead)


def test_a_planned_machine_s_status_says_when_it_is_expected(curated_only: Assistant) -> None:
    answer = curated_only.ask("can we already get time on alice recoque? if not, when?")
    assert answer.route == "catalog"
    assert "**Alice Recoque** is planned." in answer.text
    assert "not expected to power on before 2027" in answer.text


def test_which_calls_are_always_open_lists_every_one(curated_only: Assistant) -> None:
    answer = curated_only.ask("which calls are continuously open?")
    assert answer.route == "catalog"
    for call in ("Benchmark Access", "Development Access", "Fast Lane", "Playground"):
        assert f"{call}** is continuously open" in answer.text
    assert "Large Scale" not in answer.text


def test_which_calls_have_no_deadline_is_answered_by_the_cut_offs(curated_only: Assistant) -> None:
    answer = curated_only.ask("which calls have no deadline at all")
    assert answer.route == "catalog"
    assert "No deadline for" in answer.text


def test_a_fact_naming_no_ai_factory_does_not_say_which_one(curated_only: Assistant) -> None:
    answer = curated_only.ask(
        "our office is in dublin. the irish AI factory antenna, which AI factory is it linked to?"
    )
    assert answer.abstained
    assert "Ireland has an **AI Factory Antenna**." in answer.text


def test_a_fact_naming_no_country_does_not_say_which_one(curated_only: Assistant) -> None:
    answer = curated_only.ask(
        "the 2025 antennas call got 14 proposals and funded 13. which country's bid was the one "
        "that didn't make it?"
    )
    assert answer.abstained
    assert "it received 14 proposals" in answer.text


def test_a_thing_asked_of_each_mode_is_given_for_every_call_of_the_family(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask(
        "how many working days from request to compute for each of the three industry modes "
        "(for large scale counted from the cut-off)?"
    )
    assert answer.text.splitlines()[:3] == [
        "**AI Factories Large Scale, time to access:** Within 10 working days of the cut-off.",
        "**AI Factories Playground, time to access:** About 2 working days after the "
        "eligibility and technical check.",
        "**AI Factories Fast Lane, time to access:** About 4 working days.",
    ]


def test_the_day_access_starts_after_a_named_cut_off_is_answered_by_the_time_to_access(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask(
        "if we make the mid-september 2026 large scale cut-off, by what date at the latest "
        "should we be able to start computing?"
    )
    assert answer.text.splitlines()[0] == (
        "**AI Factories Large Scale, time to access:** Within 10 working days of the cut-off. "
        "For the cut-off on 15 Sep 2026, that is by 29 Sep 2026 (weekends skipped, public "
        "holidays not)."
    )


def test_which_partition_is_answered_by_the_partition_not_by_its_scheduler(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask("which karolina slurm partition is for long cpu jobs?")
    assert answer.text.splitlines()[0] == "**Karolina** `qcpu_long` on CPU nodes. Long CPU jobs."


def test_which_one_is_the_long_queue_is_not_answered_by_the_scheduler_s_name(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask(
        "we have cpu hours on karolina for runs of several days. of the slurm partition names "
        "it has since the move away from pbs, which one is the long-running cpu queue?"
    )
    assert "runs the **Slurm** batch scheduler" not in answer.text.splitlines()[0]


def test_a_cpu_model_does_not_give_its_clock_rate(curated_only: Assistant) -> None:
    answer = curated_only.ask("what's the cpu clock speed on leonardo's dcgp nodes?")
    assert answer.abstained
    assert "**LEONARDO DCGP** (cpu, 1,536 nodes)" in answer.text


def test_a_note_about_a_call_not_named_is_answered_with_the_entry_that_fits_better(
    curated_only: Assistant,
) -> None:
    # The FAQ entry on free AI Factory access joins the note on the SME option.
    answer = curated_only.ask(
        "we keep our model closed. on free ai factory compute, must we publish anything, "
        "or is there some confidentiality thing for smes?"
    )
    assert answer.route == "catalog"
    assert answer.text.startswith(
        '**AI Factories Large Scale:** One applicant mentions an "SME confidentiality option"'
    )
    assert "Usually yes. The AI Factories run three access modes" in answer.text


def test_a_machine_s_peak_performance_does_not_give_its_place_on_the_top500(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask("where does vega sit on the top500 these days?")
    assert answer.abstained
    assert "**Vega** peak: 6.9 PF." in answer.text


def test_an_antenna_s_country_and_link_do_not_say_who_runs_it(curated_only: Assistant) -> None:
    answer = curated_only.ask("the latvian ai factory antenna, which organisation runs it?")
    assert answer.abstained
    assert "Latvia has an **AI Factory Antenna**, linked to LUMI AI Factory." in answer.text


def test_who_hosts_a_machine_is_answered_by_its_host(curated_only: Assistant) -> None:
    answer = curated_only.ask("which organisation runs karolina?")
    assert answer.route == "catalog"
    assert answer.text.startswith("**Karolina** is hosted by IT4Innovations")


def test_a_partner_country_is_answered_by_the_ai_factory_it_partners(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask("we're in istanbul. is turkey a member of any ai factory?")
    assert answer.route == "catalog"
    assert answer.text.startswith("**BSC AI Factory** is an AI Factory hosted by")
    assert "Partners: Portugal, Romania, Türkiye." in answer.text


def test_an_ai_factory_hosted_in_a_country_comes_before_one_it_partners(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask("is there an ai factory in czechia?")
    assert answer.route == "catalog"
    assert answer.text.startswith("**CZAI** is an AI Factory hosted by IT4Innovations")
    assert "**LUMI AI Factory** is an AI Factory hosted by CSC" in answer.text


def test_a_count_of_a_countrys_ai_factories_is_answered_by_the_count(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask("spanish startup here. how many ai factories does spain have?")
    assert answer.route == "catalog"
    assert answer.text.startswith(
        "**Spain** hosts 2 AI Factories: BSC AI Factory, at Barcelona Supercomputing Center"
    )


def test_a_question_of_two_parts_no_topic_fits_whole_is_answered_part_by_part(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask(
        "large scale: is there a peer review or only a technical check, and once the cut-off"
        " has passed how fast are we on the machine?"
    )
    assert answer.route == "catalog"
    assert "how proposals are selected:** Technical assessment plus peer review." in answer.text
    assert "time to access:** Within 10 working days of the cut-off." in answer.text


def test_a_part_asking_when_something_goes_live_is_not_given_by_a_day_gone_by(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask(
        "we want to go through PIAST-AI. when does their machine go live and what gpus will it"
        " have?"
    )
    assert answer.abstained
    assert "selected in wave 2" not in answer.text


def test_who_built_which_machine_is_answered_by_the_list_of_builders(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask("which of the eurohpc machines were built by HPE?")
    assert answer.route == "catalog"
    assert answer.text.startswith("**Who built the EuroHPC machines:** LUMI: HPE Cray EX;")


def test_the_list_of_builders_does_not_answer_for_a_machine_it_leaves_out(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask("which vendor built arrhenius?")
    assert "Who built the EuroHPC machines" not in answer.text


def test_a_rate_of_data_asked_for_is_not_given_by_a_size(curated_only: Assistant) -> None:
    answer = curated_only.ask("what HBM bandwidth does each GH200 GPU on the jupiter booster have?")
    assert answer.abstained
    assert "96 GB of HBM3" in answer.text


def test_the_ai_factory_set_aside_does_not_answer(curated_only: Assistant) -> None:
    answer = curated_only.ask("apart from AI:AT, is austria part of some other ai factory?")
    assert answer.route == "catalog"
    assert answer.text.startswith("**IT4LIA** is an AI Factory hosted by CINECA")
    assert "AI:AT" not in answer.text


def test_the_day_submissions_opened_is_answered_by_the_fact_that_says_it(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask(
        "second ffplus innovation studies call, from what day could we submit?"
    )
    assert answer.route == "catalog"
    assert "Call 2 opened for proposals on 3 Feb 2026 at 09:00." in answer.text


def test_the_day_a_challenge_kicked_off_is_when_it_was_launched(curated_only: Assistant) -> None:
    answer = curated_only.ask("when did the large ai grand challenge first kick off?")
    assert answer.route == "catalog"
    assert "launched the competition on 16 Nov 2023" in answer.text


def test_the_hour_a_cut_off_closes_is_answered_by_the_cut_offs(curated_only: Assistant) -> None:
    answer = curated_only.ask("ai for science deadlines: what time of day do submissions close?")
    assert answer.route == "catalog"
    assert answer.text.startswith(
        "**Next AI for Science and Collaborative EU Projects cut-off: Fri 11 Dec 2026, 10:00 CET**"
    )


def test_the_next_deadline_of_all_calls_lists_every_upcoming_cut_off(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask(
        "of all the eurohpc and ai factory calls, which deadline comes first?"
    )
    assert answer.route == "catalog"
    assert answer.text.startswith("**Next cut-offs on record:**")


def test_a_machine_named_only_in_what_the_question_states_is_not_the_one_asked_about(
    curated_only: Assistant,
) -> None:
    # Deucalion's version is what the asker knows; Discoverer's is not on record.
    answer = curated_only.ask(
        "deucalion runs slurm 23.11.4 - which slurm version is discoverer on?"
    )
    assert answer.abstained
    assert "23.11.4" not in answer.text


def test_facts_that_name_neither_of_two_things_offered_do_not_choose(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask("leonardo's 100 PB of storage: is that lustre or gpfs?")
    assert answer.abstained


def test_a_scheduler_fact_does_not_name_a_partition(curated_only: Assistant) -> None:
    answer = curated_only.ask("for vega's gpu partition, what partition name goes in --partition?")
    assert answer.abstained


def test_a_share_of_capacity_does_not_say_on_which_machines(curated_only: Assistant) -> None:
    answer = curated_only.ask("the frontier ai grand challenge: which machine(s) exactly?")
    assert answer.abstained


def test_no_ai_factory_at_home_is_answered_by_the_one_the_country_partners_and_the_entry(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask(
        "no AI factory in estonia as far as we know - can we go through one somewhere else?"
    )
    assert answer.route == "catalog"
    assert answer.text.startswith("**LUMI AI Factory** is an AI Factory hosted by CSC")
    assert "The AI Factory you use does not have to be in your" in answer.text


def test_a_place_set_aside_still_leaves_the_fact_about_what_is_asked(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask("the bsc ai factory: which partner countries has it besides spain?")
    assert answer.route == "catalog"
    assert answer.text.startswith("**BSC AI Factory** is an AI Factory hosted by")


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # A machine's storage, by the fact that sizes it.
        ("how many PB of disk does leonardo have, roughly?", "more than 100 PB of storage"),
        # Who funds a programme, by its grant.
        ("which eu grant is ffplus paid from?", "FFplus is funded by EU grant 101163317"),
        # The day an AI Factory's system contract was signed, by its system fact.
        (
            "on which day did the meluxina-ai supercomputer deal get signed?",
            "contract signed 22 Jul 2026",
        ),
        # How long awarded hours can be used is how long an allocation lasts.
        (
            "ai for science: how long until our awarded hours run out?",
            "how long an allocation lasts:** 6 months",
        ),
        # A machine's servers are counted as its nodes.
        ("how many servers are in karolina's cpu partition?", "720 nodes"),
        # What the sites notes hold: a status page, a version, the commands that show a budget.
        ("where do I check whether JUPITER is down?", "https://status.jsc.fz-juelich.de/"),
        ("which slurm version is deucalion on?", "batch scheduler, version 23.11.4"),
        ("how do we keep track of the budget on leonardo's booster?", "`saldo -b`"),
        # The command is asked, not how many node-hours are left.
        ("what's the command to see how many node-hours we have left on MeluXina?", "`myquota`"),
        ("on karolina, what do i type to see how many node-hours are left?", "`it4ifree`"),
        # A partition's memory in all, and the machine a country hosts.
        (
            "what's the total gpu memory of the leonardo booster, all a100s summed?",
            "884,736 GB of GPU memory",
        ),
        ("where are the user docs of the luxembourg machine?", "docs.lxp.lu"),
        # A billing weight is billing, not hardware.
        ("how is a gpu weighted against a cpu core in vega's billing?", "A100 GPU 2.0"),
        # A call the catalogue does not list is named by its identifier.
        (
            "which eurohpc call pays for networking the ai factories? we need its identifier",
            "HORIZON-JU-EUROHPC-2026-COAIF-03",
        ),
        # An identifier names the facts that hold it: the days between two of them.
        (
            "how many days was the coaif-03 call open, from launch to deadline?",
            "From 28 Apr 2026 to 23 Jun 2026: 56 days",
        ),
        # A figure the lead gives only with another fact: that fact joins it.
        (
            "how many times bigger is the fast lane ceiling than the minimum the form "
            "reportedly asked for?",
            "Worked out: 50,000 GPU-hours is 5 times 10,000 GPU-hours.",
        ),
        # A part asking the command that shows an amount is answered by the command.
        (
            "on deucalion our accounts end in a, x or g. what do the suffixes stand for, and "
            "which command shows how much of each we have used?",
            "`billing -a <account>`",
        ),
        # That no job API is documented answers whether there is one.
        ("is there a REST API for submitting jobs on LUMI?", "no REST API for submitting jobs"),
        # Asked how to look a budget up, the command answers, not the machine's own budget.
        (
            "just got access to jupiter. how do i check from the terminal how much of our "
            "project's compute budget has been used up?",
            "`jutil user projects -o columns`",
        ),
        # A host for moving data in is a login host.
        (
            "we need to push ~20 TB of training shards onto marenostrum 5. is there a separate "
            "data transfer node we should use instead of the normal login nodes?",
            "transfer1/transfer2 for data transfer",
        ),
        # Figures one fact gives, worked out: nodes per rack, places on a list; and two
        # facts' figures together: by how much one beats the other.
        ("jupiter booster: on average, how many nodes per rack?", "about 47.5 nodes per rack"),
        (
            "discoverer on the top500: how many places did it slide between june 2021 and "
            "june 2022?",
            "from 91st to 113th is 22 places lower",
        ),
        (
            "top500 hpl: by how many PF does lumi beat leonardo?",
            "379.7 PF less 238.7 PF is 141 PF",
        ),
        (
            "a maxed-out fast lane allocation used up in a single 30-day month: roughly how many "
            "gpus running flat out 24/7 is that?",
            "about 69.4 GPUs running the whole time",
        ),
        # Figures worked out of one fact's own: a part of an amount, the cut-offs of a month.
        ("how much of deucalion's price tag did the EU pay, in euros?", "is EUR 7 M"),
        (
            "which cut-offs of any call fell in october 2026?",
            "**Cut-offs on record from 1 Oct 2026 to 31 Oct 2026, all calls (4):**",
        ),
        # A quarter as planners write it.
        (
            "any cut-offs in Q1 2027?",
            "**Cut-offs on record from 1 Jan 2027 to 31 Mar 2027, all calls (1):**",
        ),
    ],
)
def test_a_question_is_answered_by_the_fact_that_says_it(
    curated_only: Assistant, question: str, says: str
) -> None:
    answer = curated_only.ask(question)
    assert answer.route == "catalog"
    assert says in answer.text


def test_a_machine_s_total_storage_does_not_give_its_quota(curated_only: Assistant) -> None:
    answer = curated_only.ask("what's the per-user home quota on leonardo?")
    assert answer.abstained
    lumi = curated_only.ask("what's the per-user home quota on lumi?")
    assert lumi.route == "catalog" and "home 20 GB" in lumi.text


def test_a_part_of_a_whole_asked_in_another_language_is_answered_by_its_share(
    curated_only: Assistant,
) -> None:
    answer = curated_only.ask(
        "Vega ist zwischen EuroHPC und Slowenien aufgeteilt: wie viel vom nationalen Teil "
        "bekommt die Industrie?"
    )
    assert answer.route == "catalog" and not answer.abstained
    assert "up to 20% goes to industry" in answer.text


def test_a_quota_asked_in_german_is_a_limit_and_in_italian_a_share(
    curated_only: Assistant,
) -> None:
    german = curated_only.ask("wie groß ist die Home-Quota auf Leonardo?")
    assert german.abstained
    italian = curated_only.ask("quanta parte della quota EuroHPC di LUMI va all'industria?")
    assert italian.route == "catalog" and "up to 20% of that half" in italian.text
