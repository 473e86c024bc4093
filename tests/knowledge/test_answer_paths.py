"""Every way an answer can come about, one row each: curated, document, replaced, merged,
more specific than the fact, abstained, unknown name, follow-up. Real index (embedded Chroma),
real catalogue, the hash embedder instead of the model, so each row runs in milliseconds."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakes.embedder import HashEmbedder

import knowledge
from ingest.pipeline import ingest
from ingest.sources import local_documents
from knowledge.answer_kinds import holds
from knowledge.assistant import (
    WHERE_TO_ASK,
    Assistant,
    Calibration,
    DocumentSignals,
    _asks_what_a_page_says,
    _shows_place,
    _written,
    document_confidence,
)
from knowledge.catalog.answerer import CuratedMatch
from knowledge.catalog.facts import CuratedFact, Subject
from knowledge.extract import Extract
from knowledge.service import open_assistant
from knowledge.store import Index

DATA = Path(knowledge.__file__).parent / "data"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("UTC"))
LUMIG_SOURCE = "https://docs.lumi-supercomputer.eu/hardware/lumig/"

# Wide enough that different words seldom share a slot: with hundreds of topic examples, a
# narrow hashed bag of words matches questions to examples by collisions, not by words.
WIDE = 2048

DOCUMENTS = {
    "site/batch/job-arrays.md": (
        "# Job arrays\n\n"
        "A job array runs the same batch script many times. Submit ten array tasks with "
        "`sbatch --array=1-10 job.sh`; each task reads its index from SLURM_ARRAY_TASK_ID.\n"
    ),
    # Said in the documentation's words, asked in a user's ("cap how many run at the same time").
    "site/batch/array-throttling.md": (
        "# Throttling array tasks\n\n"
        "The maximum number of simultaneously running tasks of an array is set with a percent "
        "sign after the range: `--array=0-15%4`.\n"
    ),
    # What happens to tasks that break the login nodes' rules, in the documentation's words.
    "site/login/fair-use.md": (
        "# Fair use of the login nodes\n\n"
        "Tasks that break the fair use rules of the login nodes are terminated without warning.\n"
    ),
    # A newer local copy of the page a curated fact cites: it may replace the fact.
    "mirror/docs/hardware/lumig.md": (
        "# LUMI-G\n\n"
        "Each LUMI-G node has 4 AMD MI250X GPUs, seen by Slurm as 8 GPUs (GCDs), "
        "and 512 GiB of memory; the GPU node count is 2978.\n"
    ),
    # A newer copy of LUMI's billing page: the rule, and no job's sum.
    "mirror/docs/runjobs/lumi_env/billing.md": (
        "# Billing\n\n"
        "On LUMI-G the standard-g partition bills whole nodes: every node-hour of a job there "
        "counts as 4 GPU-hours of the project's allocation, whatever the job uses.\n"
    ),
    # A news item about a company no curated fact knows.
    "news/orbis-labs.md": (
        "# Orbis Labs finishes its pilot\n\n"
        "The start-up Orbis Labs used 42,000 GPU-hours of its AI Factories Fast Lane allocation "
        "on LUMI to train a weather model.\n"
    ),
    # What a curated fact's subject is asked about, beyond what the fact says.
    "news/karolina-gpu-maintenance.md": (
        "# Karolina GPU partition after the February maintenance\n\n"
        "After the February maintenance of Karolina's GPU partition the default CUDA module "
        "becomes CUDA/12.4.0; CUDA/11.7 stays installed for old builds.\n"
    ),
    # What the page is about in one section, the value asked for in a table of another.
    "events/serving-workshops.md": (
        "# Spring workshops\n\n"
        "Four competence centres run a two-day hands-on workshop on LLM inference and "
        "quantisation; each edition uses a local machine.\n\n"
        "## Dates and places\n\n"
        "| Dates | Host | System |\n|---|---|---|\n"
        "| 9-10 March 2027 | LuxProvide | MeluXina |\n"
        "| 13-14 April 2027 | IZUM | Vega |\n"
    ),
    # A story the first section matches, and the sentence that answers what is asked after
    # it in another section of the same page.
    "guide/gpu-aware-mpi.md": (
        "# GPU-aware MPI\n\n"
        "To pass device pointers to MPI_Send with Cray MPICH, link the GTL library; ldd on "
        "the binary then lists libmpi_gtl_hsa next to libmpi_cray.\n\n"
        "## Before launching\n\n"
        "Switch on GPU support at run time: export MPICH_GPU_SUPPORT_ENABLED=1 in the "
        "batch script.\n"
    ),
    # A word one letter from a machine's name (JUPITER) on another machine's page: the
    # documents use the word, so it is no typo, and the page is no page about another machine.
    "site/webui/jupyter.md": (
        "# Jupyter in the web interface\n\n"
        "Start a Jupyter notebook from the LUMI web interface's Jupyter app, and pick the "
        "interactive partition in its form.\n"
    ),
    # Another machine's guide: no answer for a question about Deucalion.
    "guide/lumi-partitions.md": (
        "# Partitions\n\n"
        "The gpu-short partition of LUMI-G takes GPU jobs of at most 4 nodes for 3 days.\n"
    ),
    # Money, but no price: the budget of a programme.
    "news/factory-funding.md": (
        "# AI Factory funding\n\n"
        "The AI Factory in Bologna is funded with EUR 430 million of EU and national money; "
        "GPU-hour allocations on its system start next spring.\n"
    ),
    # The programme a curated fact counts, in more of a question's words than the fact uses,
    # and no count of it.
    "news/factories-coordination.md": (
        "# AI Factories across Europe now coordinate\n\n"
        "The AI Factories across Europe now serve start-ups through one coordination office, "
        "which keeps a common catalogue of their services and trainings.\n"
    ),
    # Counts of applications, no share of them.
    "news/summer-school.md": (
        "# Parallel I/O summer school\n\n"
        "The summer school on parallel I/O received 46 applications; 12 students were "
        "admitted to its week of lectures on Karolina.\n"
    ),
    # Two variants of one name: a page about LUMI-F holds more of a question about LUMI-P's
    # words than LUMI-P's own page does.
    "site/storage/lumi-f.md": (
        "# LUMI-F\n\nThe Lustre file system of LUMI-F gives an aggregate bandwidth of 1 740 GB/s.\n"
    ),
    "site/storage/lumi-p.md": (
        "# LUMI-P\n\nEach of the four LUMI-P storage systems reaches 240 GB/s.\n"
    ),
    # A toolkit said to be installed, without its version.
    "notes/visualisation-nodes.md": (
        "# Visualisation nodes\n\n"
        "The visualisation nodes have 8 NVIDIA A40 GPUs with 10 752 CUDA cores each; the CUDA "
        "Toolkit is installed on them for GPU development.\n"
    ),
    # A guide's table of contents names every topic of the question; the section after it
    # answers.
    "guide/tensorboard-logging.md": (
        "# TensorBoard logging\n\n"
        "## Table of contents\n\n"
        "- Home\n- Multi-GPU training with DDP\n- TensorBoard logging for every process\n"
        "- Profiling\n\n"
        "## Logging from DDP\n\n"
        "Create the SummaryWriter on rank 0 only, so that one process writes the logs.\n"
    ),
    # The images of the current release, and no date for the next one.
    "guide/container-releases.md": (
        "# Container releases\n\n"
        "Each container release ships four images, each building on the one before: ROCm, "
        "then libfabric, then MPICH, then PyTorch.\n"
    ),
    # A date still to come, given.
    "site/login/maintenance.md": (
        "# Login node maintenance\n\n"
        "The next maintenance break of the login nodes starts on 12 January 2027.\n"
    ),
    # A partition's rules with a time limit, and another's without one or a size.
    "site/batch/bulk-partition.md": (
        "# The bulk partition\n\n"
        "Jobs on the bulk partition get whole nodes and may run for up to 48 hours.\n"
    ),
    "site/batch/fabric-partition.md": (
        "# The fabric partition\n\n"
        "The fabric partition is for jobs that test the interconnect; request whole nodes "
        "and name the switch group with --switches.\n"
    ),
    # One AI Factory's system, which says nothing of another's.
    "news/l-aif-system.md": (
        "# The Luxembourg AI Factory's new system\n\n"
        "MeluXina-AI, the new system of the Luxembourg AI Factory, is planned with more than "
        "2,100 GPUs.\n"
    ),
    # How often two reports are refreshed: one says only that it happens, one says how often.
    "site/accounting/quota-report.md": (
        "# The quota report\n\n"
        "The quota report is gathered in the background on a periodic basis, so it may lag "
        "behind what your jobs used.\n"
    ),
    "site/accounting/usage-report.md": (
        "# The usage report\n\n"
        "The usage report of a project is refreshed hourly from the accounting database.\n"
    ),
    # A duration on a machine's GPU nodes that is no time limit of a job.
    "events/meluxina-gpu-hackathon.md": (
        "# GPU hackathon on MeluXina\n\n"
        "This three-day hackathon lets teams port their training jobs to the GPU nodes of "
        "MeluXina with mentors at their side; it runs from 21 to 23 September 2027.\n"
    ),
    # A flag and the version of what it needs, but not the release that brought it.
    "guide/container-gpus.md": (
        "# GPUs in containers\n\n"
        "The --gpus flag of the container engine gives a container the node's GPUs; the host "
        "needs the container toolkit 1.14 or newer installed for it.\n"
    ),
    # A part of the machine no curated fact mentions, and how many nodes it holds.
    "site/hardware/network-groups.md": (
        "# Network groups\n\n"
        "LUMI-C has 8 electrical groups of 256 nodes each; a job inside one group never "
        "crosses the optical links.\n"
    ),
    "notes/leonardo-booster.md": (
        "# LEONARDO Booster notes\n\n"
        "Booster nodes of LEONARDO have 4 NVIDIA A100 GPUs per node; jobs on the booster "
        "should request GPUs per node explicitly.\n"
    ),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("docs")
    for relative, text in DOCUMENTS.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (NOW.timestamp(), NOW.timestamp()))
    index = Index(tmp_path_factory.mktemp("index"), HashEmbedder(dimensions=WIDE))
    ingest(index, [local_documents(root)])
    return open_assistant(index, DATA, clock=lambda: NOW)


@dataclass(frozen=True)
class Row:
    question: str
    route: str
    says: str
    first_source: str
    context: str = ""
    abstained: bool = False


ROWS = {
    "curated fact leads": Row(
        "What is the maximum walltime on the small-g partition?",
        "catalog",
        "max walltime 3 days",
        "https://docs.lumi-supercomputer.eu/runjobs/scheduled-jobs/partitions/",
    ),
    "document answers a usage question": Row(
        "How do I submit a job array with ten array tasks?",
        "retrieval",
        "--array=1-10",
        "site/batch/job-arrays.md",
    ),
    "newer copy of the fact's own source replaces it": Row(
        "How many gpus per node on LUMI-G?",
        "retrieval",
        "8 GPUs (GCDs)",
        "mirror/docs/hardware/lumig.md",
    ),
    "a total worked out is not replaced by the partition's own page": Row(
        "How many GPUs does LUMI-G have in total?",
        "catalog",
        "In all: 11,912 AMD Instinct MI250X GPUs (2,978 nodes × 4 per node).",
        LUMIG_SOURCE,
    ),
    "a passage about what the facts never mention answers what the last sentence asks": Row(
        (
            "Our LUMI-C job needs 200 nodes with 128 cores per node and 256 GiB of memory each. "
            "How many LUMI-C nodes sit in one electrical group?"
        ),
        "retrieval",
        "8 electrical groups of 256 nodes",
        "site/hardware/network-groups.md",
    ),
    "a job's bill worked out from the rule is not replaced by the rule's own page": Row(
        "How many GPU-hours does a job of 3 standard-g nodes for 5 hours bill on LUMI?",
        "catalog",
        "**A job of 3 nodes on standard-g for 5 h is billed 60 GPU-hours**",
        "https://docs.lumi-supercomputer.eu/runjobs/lumi_env/billing/",
    ),
    "unknown question is declined with where to ask": Row(
        "Can you book me a train ticket to Bologna for next week?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a queue limit of a partition whose queues are not on record is declined": Row(
        "max walltime of a job on leonardo's dcgp partition?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a count the matched machine's facts do not give is declined with what they say": Row(
        "How many ACC nodes with H100s does MareNostrum 5 have exactly?",
        "abstain",
        "I don't know: what I have on record about this does not give that value. It says:\n"
        "**MareNostrum 5 ACC** (gpu, node count not on record)",
        "https://www.hardwareluxx.de/index.php/news/allgemein/wirtschaft/"
        "58977-supercomputer-nutzt-gleich-mehrere-neue-cpu-und-gpu-generationen.html",
        abstained=True,
    ),
    # French puts the thing counted first ("combien de coeurs CPU"): read word by word, the
    # count is of cores, not of the CPU that follows.
    "a count asked in another language is found whichever word of it the fact counts": Row(
        "Si je demande un seul GPU sur Karolina, j'ai combien de coeurs CPU avec ?",
        "catalog",
        "one requested GPU is an eighth of a node (16 cores)",
        "https://docs.it4i.cz/en/docs/clusters/karolina/hardware-overview",
    ),
    "a count per node written before a long product name is answered": Row(
        "how many gpus per node on the jupiter booster",
        "catalog",
        "each node has 4 NVIDIA GH200 Grace Hopper superchip GPUs",
        "https://www.hardwareluxx.de/index.php/news/allgemein/wirtschaft/"
        "66331-jupiter-am-jsc-deutschland-hat-den-schnellsten-europ%C3%A4ischen-supercomputer.html",
    ),
    "the release that brought a flag is not given by another version beside it": Row(
        "Which container engine release first added the --gpus flag?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a price the matched facts give is answered": Row(
        "How much does Fast Lane access cost for a start-up?",
        "catalog",
        "Free of charge for start-ups and SMEs",
        "https://www.eurohpc-ju.europa.eu/ai-factories/faqs-ai-factories_en",
    ),
    "a price the matched facts do not give is declined with what they say": Row(
        "¿Cuánto cuesta una hora de GPU en Large Scale de las AI Factories para una gran empresa?",
        "abstain",
        "No lo sé: lo que tengo sobre esto no da ese valor. Dice:\n"
        "**AI Factories Large Scale, what you can get:**",
        "https://www.eurohpc-ju.europa.eu/large-scale-access-ai-factories_en",
        abstained=True,
    ),
    "facts that lack the value asked for are declined however well their topic fits": Row(
        "How many GPU-hours exactly does an AI Factories Playground project get?",
        "abstain",
        "does not give that value. It says:\n**AI Factories Playground, what you can get:**",
        "https://www.eurohpc-ju.europa.eu/playground-access-ai-factories_en",
        abstained=True,
    ),
    "one's share is not given by a programme's whole budget": Row(
        "FFplus business experiments: how much funding does each SME get per experiment?",
        "abstain",
        "does not give that value. It says:\n**FFplus business experiments, what you can get:**",
        "https://www.ffplus-project.eu/en/open-call/business-experiments/",
        abstained=True,
    ),
    "a GPU model the matched facts do not name is declined with what they say": Row(
        "What GPUs will the LUMI AI Factory system have?",
        "abstain",
        "does not give that value. It says:\n**LUMI AI Factory** AI Factory system: LUMI-AI, a "
        "new AI-optimised system in Kajaani expected in 2027 (EUR 387.8 M contract signed "
        "31 Aug 2026).",
        "https://www.eurohpc-ju.europa.eu/eurohpc-ju-signs-contract-deploy-lumi-ai-supercomputer-2026-08-31_en",
        abstained=True,
    ),
    "a time limit neither the facts nor a passage's three-day event gives is declined": Row(
        "What's the maximum walltime for a job on MeluXina's GPU nodes?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a price of one GPU-hour in euros is not given by a budget in euros": Row(
        "How much does one GPU-hour on the Bologna AI Factory system cost in euros?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a share of something is not given by counts of it": Row(
        "What share of the parallel I/O summer school applications get admitted?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "the counts are given when the count is asked": Row(
        "How many applications did the parallel I/O summer school receive?",
        "retrieval",
        "received 46 applications",
        "news/summer-school.md",
    ),
    "a passage about another machine than the one asked about does not answer": Row(
        "Which partition takes GPU jobs of at most 4 nodes for 3 days on Deucalion?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "the sentence that asks is matched when another comes first": Row(
        "Our start-up trains vision models for retail shelves and fine-tunes them every single "
        "week. Which AI Factory is the antenna of Latvia linked to?",
        "catalog",
        "Latvia has an **AI Factory Antenna**, linked to LUMI AI Factory.",
        "https://lumi-ai-factory.eu/?p=1415",
    ),
    "a start-up saying what it does and where it is is not asking about those": Row(
        "We're an ML start-up in Riga. Which AI Factory is the Latvian antenna linked to?",
        "catalog",
        "Latvia has an **AI Factory Antenna**, linked to LUMI AI Factory.",
        "https://lumi-ai-factory.eu/?p=1415",
    ),
    "a call's name of several words stays whole in another language": Row(
        "Wann sind im Jahr 2026 die Cut-offs von AI for Science and Collaborative EU Projects?",
        "catalog",
        "cut-offs in 2026:** 27 Feb 2026, 30 Apr 2026, 30 Jun 2026, 31 Aug 2026, 30 Oct 2026, "
        "11 Dec 2026, each at 10:00 Brussels time.",
        "https://www.eurohpc-ju.europa.eu/eurohpc-ju-call-proposals-ai-science-and-collaborative-eu-projects_en",
    ),
    "a call named with its family after it is that call": Row(
        "When are the cut-offs of Large Scale of the AI Factories in 2027?",
        "catalog",
        "**AI Factories Large Scale cut-offs in 2027:**",
        "https://www.eurohpc-ju.europa.eu/large-scale-access-ai-factories_en",
    ),
    "the call a call replaced is on record": Row(
        "Which call did AI for Science replace?",
        "catalog",
        "AI and Data-Intensive Applications Access",
        "https://europapact.frl/subsidieprogrammas/eurohpc-ju",
    ),
    "deadline of an unknown call is declined": Row(
        "What is the deadline for the Quantum Gaming call?",
        "abstain",
        "I have no record of **Quantum Gaming**",
        "",
        abstained=True,
    ),
    "a name only a document knows takes the question to that document": Row(
        "How many GPU-hours of Fast Lane did Orbis Labs use?",
        "retrieval",
        "42,000 GPU-hours",
        "news/orbis-labs.md",
    ),
    # Typed in lower case: a capitalised "CUDA" would be a name only the documents know,
    # which is the row above.
    "a question asking more than the matched fact says goes to the passage": Row(
        "which accelerator model does karolina run after the february maintenance: which "
        "default cuda module?",
        "retrieval",
        "CUDA/12.4.0",
        "news/karolina-gpu-maintenance.md",
    ),
    "facts giving the count asked for are not replaced by a passage with more of its words": Row(
        "How many AI Factories in the member states serve start-ups across Europe now?",
        "catalog",
        "There are 19 AI Factories in 16 Member States",
        "https://www.wam.ae/en/article/15tcfkh-expands-network-factories-strengthening-its-%E2%80%98ai",
    ),
    "a passage without the value asked for is followed by its page's passage with one": Row(
        "When is the LLM inference and quantisation workshop that runs on Vega?",
        "retrieval",
        "Dates 13-14 April 2027: Host: IZUM; System: Vega",
        "events/serving-workshops.md",
    ),
    "a passage about another variant of the name asked for does not answer for it": Row(
        "What aggregate bandwidth does a Lustre file system of LUMI-P give?",
        "retrieval",
        "240 GB/s",
        "site/storage/lumi-p.md",
    ),
    "a version asked for that no passage gives is declined": Row(
        "Which CUDA Toolkit version is installed on the visualisation nodes?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a date to come that no passage gives is declined": Row(
        "When is the next container release coming out, and which images will it ship?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a date to come that a passage gives is answered": Row(
        "When is the next maintenance break of the login nodes?",
        "retrieval",
        "12 January 2027",
        "site/login/maintenance.md",
    ),
    "a time limit that no passage gives is declined": Row(
        "What is the maximum walltime on the fabric partition?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a time limit that a passage gives is answered": Row(
        "What is the maximum walltime on the bulk partition?",
        "retrieval",
        "may run for up to 48 hours",
        "site/batch/bulk-partition.md",
    ),
    "a size that no passage gives is declined": Row(
        "How much disk space does a job on the fabric partition get?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a value asked about one AI Factory is not answered by another's": Row(
        "How many GPUs will the Dutch AI Factory's new system have?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a value asked about a machine is answered by a passage naming it": Row(
        "How many GPU-hours did Orbis Labs use on LUMI?",
        "retrieval",
        "used 42,000 GPU-hours",
        "news/orbis-labs.md",
    ),
    "a number of nodes asked is not answered by facts without one": Row(
        "What is the largest number of nodes a single job may use on the MareNostrum 5 ACC?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "how often, asked of a passage that says only that it happens, is declined": Row(
        "How often is the quota report gathered in the background?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "how often, asked of a passage that says it, is answered": Row(
        "How often is the usage report of a project refreshed?",
        "retrieval",
        "refreshed hourly",
        "site/accounting/usage-report.md",
    ),
    "a month to come that no passage gives is declined": Row(
        "Which month will the fabric partition for jobs that test the interconnect open?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "emissions that no passage gives are declined": Row(
        "How much CO2 does the usage report of a project emit per hour?",
        "abstain",
        WHERE_TO_ASK,
        "",
        abstained=True,
    ),
    "a table of contents is no answer": Row(
        "Multi-GPU training with DDP: every process does TensorBoard logging. Which process "
        "should?",
        "retrieval",
        "Create the SummaryWriter on rank 0 only",
        "guide/tensorboard-logging.md",
    ),
    "the cut-offs of the year asked about are listed": Row(
        "When are the AI for Science cut-offs in 2026?",
        "catalog",
        "cut-offs in 2026:** 27 Feb 2026, 30 Apr 2026, 30 Jun 2026, 31 Aug 2026, 30 Oct 2026, "
        "11 Dec 2026, each at 10:00 Brussels time. Next: Fri 11 Dec 2026, 10:00 CET.",
        "https://www.eurohpc-ju.europa.eu/eurohpc-ju-call-proposals-ai-science-and-collaborative-eu-projects_en",
    ),
    "after a story, the page's passage holding what is asked follows the one matching it": Row(
        "Passing device pointers to MPI_Send with Cray MPICH crashes. ldd lists libmpi_gtl_hsa "
        "so the GTL library is linked. Is there something to switch on at run time?",
        "retrieval",
        "export MPICH_GPU_SUPPORT_ENABLED=1",
        "guide/gpu-aware-mpi.md",
    ),
    "a year with no cut-off on record is declined with the last one and where to ask": Row(
        "When are the AI for Science cut-offs in 2027?",
        "catalog",
        "**No AI for Science and Collaborative EU Projects cut-off in 2027 is on record**; "
        "the last one on record is 11 Dec 2026 at 10:00 Brussels time.",
        "https://www.eurohpc-ju.europa.eu/eurohpc-ju-call-proposals-ai-science-and-collaborative-eu-projects_en",
        abstained=True,
    ),
    "follow-up takes its topic from the earlier question": Row(
        "and on MareNostrum 5?",
        "catalog",
        "H100",
        "",
        context="What gpus does the LEONARDO Booster have?",
    ),
}


@pytest.mark.parametrize("name", list(ROWS))
def test_answer_path(assistant: Assistant, name: str) -> None:
    row = ROWS[name]
    answer = assistant.ask(row.question, context=row.context or None)
    assert (answer.route, answer.abstained) == (row.route, row.abstained), answer.text
    assert row.says in answer.text
    if row.first_source:
        assert answer.citations[0].url.endswith(row.first_source)


def test_a_replaced_fact_is_still_cited_after_the_passages(assistant: Assistant) -> None:
    answer = assistant.ask("How many gpus per node on LUMI-G?")
    assert answer.citations[-1].url == LUMIG_SOURCE


def test_a_curated_answer_offers_a_matching_document_as_further_reading(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("What gpus per node does the LEONARDO Booster have?")
    assert answer.route == "catalog" and "A100" in answer.text
    assert answer.citations[0].url == "https://leonardo-supercomputer.cineca.eu/hpc-system"
    assert answer.citations[-1].url.endswith("notes/leonardo-booster.md")


def test_curated_answers_show_trust_and_check_date_of_each_source(assistant: Assistant) -> None:
    answer = assistant.ask("How many GPU hours can we get through AI Factories Fast Lane?")
    assert answer.route == "catalog"
    citation = answer.citations[0]
    assert citation.url == "https://www.eurohpc-ju.europa.eu/fast-lane-access-ai-factories_en"
    assert citation.as_of is not None and not citation.confirmed
    assert "confirm on the official page" in answer.text and "unconfirmed" in answer.notes


def test_an_empty_index_still_answers_curated_questions(tmp_path: Path) -> None:
    assistant = open_assistant(
        Index(tmp_path, HashEmbedder(dimensions=WIDE)), DATA, clock=lambda: NOW
    )
    answer = assistant.ask("When is the next AI Factories Large Scale cut-off?")
    assert answer.route == "catalog" and "Next AI Factories Large Scale cut-off" in answer.text


def test_a_how_to_question_naming_a_machine_is_left_to_the_documents(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("How do I submit a batch job array on LUMI?")
    assert answer.route == "retrieval" and "--array=1-10" in answer.text


JOB_ARRAY = "How do I submit a job array with ten array tasks?"


def _page_match(confidence: float) -> DocumentSignals:
    """Signals whose page match alone gives `confidence` (no unseen words, no penalties)."""
    c = Calibration()
    return DocumentSignals(top_dense=c.dense_floor + confidence * c.dense_span, coverage=confidence)


def test_a_sentence_that_answers_closely_lifts_a_loosely_matching_page(
    assistant: Assistant,
) -> None:
    evidence = assistant.gather(JOB_ARRAY)
    assert evidence.extracts[0].score >= 0.5
    # Just under the threshold on the page's own match: the close sentence carries it over.
    loose = replace(evidence, signals=_page_match(Calibration().threshold - 0.02))
    unlifted = replace(Calibration(), extract_weight=0.0)
    assert assistant.decide(loose, unlifted).route == "abstain"
    assert assistant.decide(loose).route == "retrieval"


def test_a_page_whose_best_sentence_matches_poorly_is_declined(assistant: Assistant) -> None:
    evidence = assistant.gather(JOB_ARRAY)
    lead = evidence.extracts[0]
    poor = replace(
        evidence,
        signals=_page_match(Calibration().threshold + 0.03),
        extracts=(Extract(lead.hit, lead.text, 0.1), *evidence.extracts[1:]),
    )
    assert assistant.decide(poor, replace(Calibration(), extract_weight=0.0)).route == "retrieval"
    assert assistant.decide(poor).route == "abstain"


def test_each_word_no_document_uses_costs_the_documents_confidence(
    assistant: Assistant,
) -> None:
    known = assistant.gather(JOB_ARRAY).signals
    unknown = assistant.gather(JOB_ARRAY.replace("ten", "ten quantum")).signals
    assert known is not None and unknown is not None
    assert (known.unseen_words, unknown.unseen_words) == (0, 1)
    c = replace(Calibration(), extract_weight=0.0)
    page = _page_match(0.6)
    assert document_confidence(replace(page, unseen_words=2), 0.6, c) == pytest.approx(
        0.6 - 2 * c.unseen_penalty
    )


def test_a_word_the_documents_use_is_not_read_as_a_machine_s_name(assistant: Assistant) -> None:
    answer = assistant.ask("Which partition do I pick to start jupyter from the web interface?")
    assert answer.route == "retrieval" and "interactive partition" in answer.text
    assert answer.citations[0].url.endswith("site/webui/jupyter.md")


def test_a_question_mostly_in_words_no_document_uses_is_not_answered_by_documents() -> None:
    c = replace(Calibration(), extract_weight=0.0)
    page = _page_match(0.6)
    assert document_confidence(replace(page, unseen_share=c.unseen_share_limit), 0.6, c) == 0.0
    assert document_confidence(replace(page, unseen_share=0.3), 0.6, c) == pytest.approx(
        0.6 - 0.3 * c.unseen_share_penalty
    )


def test_a_question_read_from_another_language_needs_the_surer_match(
    assistant: Assistant,
) -> None:
    evidence = assistant.gather(JOB_ARRAY)
    lead = evidence.extracts[0]
    # A confidence between the two thresholds: 0.28 + 0.2 * (0.5 - 0.28) = 0.324.
    evidence = replace(
        evidence,
        signals=_page_match(0.28),
        extracts=(Extract(lead.hit, lead.text, 0.5), *evidence.extracts[1:]),
    )
    assert assistant.decide(evidence).route == "retrieval"
    assert assistant.decide(replace(evidence, language="de")).route == "abstain"


def test_a_question_read_from_another_language_needs_a_less_close_curated_match(
    assistant: Assistant,
) -> None:
    # Glossary words ("what host username SSH for Leonardo") match the topics' example
    # questions less closely than English does: where no passage answers, the facts answer
    # from a lower score.
    evidence = assistant.gather("What is the maximum walltime on the small-g partition?")
    assert evidence.match is not None
    score = assistant._curated_confidence(evidence.match, evidence.unseen)
    between = replace(
        Calibration(),
        curated_threshold=score + 0.01,
        quiet_curated_threshold=score + 0.01,
        read_curated_threshold=score - 0.01,
    )
    no_passage = replace(evidence, signals=_page_match(0.1))
    assert assistant.decide(no_passage, between).route == "abstain"
    assert assistant.decide(replace(no_passage, language="de"), between).route == "catalog"


def test_where_no_passage_answers_an_english_question_the_facts_answer_from_a_lower_score(
    assistant: Assistant,
) -> None:
    # A user's own words ("where do i actually submit stuff?") fit the topics' example
    # questions less closely than the questions the main bar was fitted on.
    evidence = assistant.gather("What is the maximum walltime on the small-g partition?")
    assert evidence.match is not None
    score = assistant._curated_confidence(evidence.match, evidence.unseen)
    quiet = replace(
        Calibration(), curated_threshold=score + 0.01, quiet_curated_threshold=score - 0.01
    )
    no_passage = replace(evidence, signals=_page_match(0.1))
    assert assistant.decide(no_passage, quiet).route == "catalog"
    assert (
        assistant.decide(no_passage, replace(quiet, quiet_curated_threshold=score + 0.01)).route
        == "abstain"
    )


def test_the_lower_curated_bars_do_not_take_a_question_from_a_passage_that_answers(
    assistant: Assistant,
) -> None:
    evidence = assistant.gather(JOB_ARRAY)
    assert evidence.match is not None and evidence.match.lead is not None
    score = assistant._curated_confidence(evidence.match, evidence.unseen)
    between = replace(
        Calibration(),
        curated_threshold=score + 0.01,
        quiet_curated_threshold=score - 0.01,
        read_curated_threshold=score - 0.01,
    )
    assert assistant.decide(evidence, between).route == "retrieval"
    assert assistant.decide(replace(evidence, language="de"), between).route == "retrieval"


def test_while_the_documents_are_indexed_a_question_in_german_gets_the_fact_in_german(
    assistant: Assistant,
) -> None:
    answer = assistant.curated_only("Was ist die maximale Walltime auf der small-g-Partition?")
    assert answer is not None
    assert (answer.route, answer.language) == ("catalog", "de")
    assert answer.question == "Was ist die maximale Walltime auf der small-g-Partition?"
    assert "max walltime 3 days" in answer.text
    assert "\nQuelle: https://docs.lumi-supercomputer.eu/" in answer.text


def test_a_size_asked_in_another_language_is_not_given_by_a_count_of_gpus(
    assistant: Assistant,
) -> None:
    # Read from Polish: "how many memory every H100 MareNostrum 5 ACC mean how many GB GPU".
    # The facts count the node's GPUs and give no memory size.
    answer = assistant.ask("Ile pamięci ma każda H100 w MareNostrum 5 ACC? Znaczy ile GB na GPU?")
    assert (answer.language, answer.route, answer.abstained) == ("pl", "abstain", True)


def test_a_passage_in_the_documentation_s_words_is_found_for_a_user_s_words(
    assistant: Assistant,
) -> None:
    evidence = assistant.gather("can I cap how many array tasks run at the same time?")
    assert evidence.documents is not None
    assert evidence.documents.hits[0].chunk.url.endswith("site/batch/array-throttling.md")


def test_the_words_the_search_adds_find_a_page_but_do_not_make_it_sure(
    assistant: Assistant,
) -> None:
    # "killed" is no word of the documents; "terminated", added for it, finds the page.
    evidence = assistant.gather("why was it killed?")
    assert evidence.extracts[0].hit.chunk.url.endswith("site/login/fair-use.md")
    assert evidence.signals is not None
    assert evidence.signals.unseen_share == 1.0
    assert assistant.decide(evidence).route == "abstain"


def test_facts_that_give_no_version_lack_the_value_of_which_version(assistant: Assistant) -> None:
    # "What Slurm version is Vega on" is not answered by "Vega runs Slurm".
    evidence = assistant.gather("What Slurm version is Vega on?")
    assert evidence.match is not None and evidence.match.facts
    assert not any(holds(s.fact.text, ("version",)) for s in evidence.match.facts)
    assert assistant._lacks_value(evidence.match)
    assert not assistant._lacks_value(replace(evidence.match, question="Is Vega on Slurm?"))


def _asked_of_one_fact(
    assistant: Assistant, asked: str
) -> tuple[CuratedFact, Callable[[CuratedFact], CuratedMatch]]:
    """A real match's lead fact, and the match asked `asked` with only a given fact in it."""
    evidence = assistant.gather("What Slurm version is LUMI on?")
    assert evidence.match is not None and evidence.match.facts
    matched, lead = evidence.match, evidence.match.facts[0]

    def match(fact: CuratedFact) -> CuratedMatch:
        return replace(matched, facts=(replace(lead, fact=fact),), question=asked)

    return lead.fact, match


def test_facts_that_write_no_command_lack_the_flag_asked_for(assistant: Assistant) -> None:
    lead, match = _asked_of_one_fact(
        assistant, "what's the flag to see soft vs hard limits of the project dirs?"
    )
    quotas = replace(lead, text="Storage quotas: home 20 GB, project 50 GB.", render=None)
    command = replace(quotas, text="Run `lumi-quota -v` to see soft and hard limits.")

    assert assistant._lacks_value(match(quotas))
    assert not assistant._lacks_value(match(command))


def test_facts_that_state_no_time_limit_lack_the_walltime_asked_for(
    assistant: Assistant,
) -> None:
    lead, match = _asked_of_one_fact(
        assistant, "we got a few thousand GPU hours; what's the max walltime for one job there?"
    )
    calls = replace(
        lead,
        text="Regular Access lasts 1 year; resources start at most 4 months after the cut-off.",
        render=None,
    )
    partition = replace(calls, text="standard-g: max walltime 2 days, max 1,024 nodes per job.")
    # How long a call's allocation lasts at most is no limit on a job either.
    allocation = replace(
        calls,
        subjects=(Subject("call", "development", "Development Access"),),
        text="Development Access, how long an allocation lasts: up to 1 year, renewable.",
    )
    assert assistant._lacks_value(match(calls))
    assert assistant._lacks_value(match(allocation))
    assert not assistant._lacks_value(match(partition))


def test_a_cut_off_fact_naming_no_day_lacks_the_date_of_a_past_cut_off(
    assistant: Assistant,
) -> None:
    evidence = assistant.gather("What Slurm version is LUMI on?")
    assert evidence.match is not None and evidence.match.facts
    lead = evidence.match.facts[0]

    def said(text: str) -> CuratedMatch:
        # A cut-off fact with none on record (`unknown_at`), saying `text`.
        fact = replace(lead.fact, text=text, render=None, unknown_at=lambda now, q: True)
        return replace(
            evidence.match,
            facts=(replace(lead, fact=fact),),
            question="What was the Regular Access cut-off date in March 2026?",
        )

    # It names the year asked about, but no day.
    assert assistant._lacks_value(said("**No Regular Access cut-off in 2026 is on record**."))
    # Asked whether there is one, it answers.
    there = replace(
        said("**No Regular Access cut-off in 2026 is on record**."),
        question="Is there a Regular Access cut-off in 2026?",
    )
    assert not assistant._lacks_value(there)
    assert not assistant._lacks_value(
        said("**No future Regular Access cut-off is on record**; the last was 4 Mar 2026.")
    )


def test_facts_naming_only_days_gone_by_lack_a_day_still_ahead(assistant: Assistant) -> None:
    evidence = assistant.gather("What Slurm version is LUMI on?")
    assert evidence.match is not None and evidence.match.facts
    lead = evidence.match.facts[0]
    fact = replace(
        lead.fact, text="The antennas call was open from 22 May to 9 Jul 2025.", render=None
    )
    past = replace(evidence.match, facts=(replace(lead, fact=fact),))

    ahead = replace(past, question="is a second antennas call coming up? when does it close?")
    assert assistant._lacks_value(ahead)
    assert not assistant._lacks_value(replace(past, question="when did the antennas call close?"))


def test_facts_naming_no_calendar_day_lack_the_exact_day_asked(assistant: Assistant) -> None:
    evidence = assistant.gather("What Slurm version is LUMI on?")
    assert evidence.match is not None and evidence.match.facts
    lead = evidence.match.facts[0]

    def said(text: str) -> CuratedMatch:
        fact = replace(lead.fact, text=text, render=None)
        return replace(
            evidence.match,
            facts=(replace(lead, fact=fact),),
            question="on what date was that contract actually signed?",
        )

    assert assistant._lacks_value(said("DAEDALUS was awarded to HPE for about EUR 41 M."))
    assert not assistant._lacks_value(said("The contract was signed on 31 Aug 2026."))
    # A month is as near as some records come: shown, not declined.
    assert not assistant._lacks_value(said("In service since Aug 2021."))


def test_a_system_still_to_be_acquired_says_which_machine_an_ai_factory_runs_on(
    assistant: Assistant,
) -> None:
    evidence = assistant.gather("Which supercomputer does the RO AI Factory run on?")
    assert evidence.match is not None and evidence.match.facts
    lead = evidence.match.facts[0]
    fact = replace(
        lead.fact, text="RO AI Factory system: a system still to be acquired.", render=None
    )
    match = replace(evidence.match, facts=(replace(lead, fact=fact),))
    assert not assistant._lacks_value(match)
    other = replace(
        lead.fact, text="RO AI Factory: proposals are to be selected in 2027.", render=None
    )
    assert assistant._lacks_value(replace(evidence.match, facts=(replace(lead, fact=other),)))


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        # The call asked about is the one whose date is shown: what is asked of it is answered.
        ("ffplus 2nd call: could it close before the official deadline?", True),
        # The third call is not the second, nor does "the next" name one.
        ("when does the third ffplus call close?", False),
        ("when is the next ffplus deadline?", False),
        ("call 2 is closed already. when is the deadline for the third call?", False),
        # Asked what comes after it, the call named is no answer.
        ("after call 2, when is the next ffplus deadline", False),
        ("ffplus 2nd call deadline - will there be another one in 2027?", False),
    ],
)
def test_a_call_named_by_its_place_is_answered_by_the_last_date_on_record_when_it_is_that_call(
    question: str, shown: bool
) -> None:
    text = "No future cut-off is on record; the last was 25 Feb 2026 (call 2 closed)."
    assert _shows_place(question, text) is shown


def test_facts_that_never_use_the_term_asked_for_lack_its_value(assistant: Assistant) -> None:
    # "PUE" is in no fact: LUMI's facts, however well they match, do not give it.
    evidence = assistant.gather("What's the PUE of LUMI?")
    assert evidence.match is not None and evidence.match.facts
    assert assistant._lacks_value(evidence.match)
    # Written as a plain word, it may mean one the facts use ("lasts"): not decided by the word.
    plain = assistant.gather("What's the pue of LUMI?")
    assert plain.match is not None and not assistant._lacks_value(plain.match)
    # A phrase with a word the facts use ("HPL" of "HPL Rmax") is what they call it.
    known = assistant.gather("What's the HPL Rmax of LUMI?")
    assert known.match is not None and not assistant._lacks_value(known.match)


def test_a_thing_no_source_names_asked_to_be_installed_is_declined_by_its_name(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("Is ollama installed on LUMI?")
    assert answer.abstained and answer.route == "abstain"
    assert answer.text.startswith("I don't know: I have no record of **ollama**")


def test_a_live_figure_of_one_s_project_is_declined_with_where_it_is_kept(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("How many GPU-hours are left on project_465001873?")
    assert answer.abstained and answer.route == "abstain" and answer.notes == ("live figures",)
    assert answer.text.startswith("I can't see live figures of your project")
    assert "`lumi-allocations` shows what is left" in answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Wie viele GPU-Stunden haben wir in unserem Projekt noch übrig?", "Aktuelle Zahlen"),
        ("combien d'heures GPU reste-t-il sur notre projet ?", "Je ne vois pas"),
        ("quante ore GPU ci restano nel nostro progetto?", "Non vedo"),
    ],
)
def test_a_live_figure_asked_in_another_language_is_declined_in_it(
    assistant: Assistant, question: str, opening: str
) -> None:
    # Read into English words, the question has lost "our": a project named is one's own.
    answer = assistant.ask(question)
    assert answer.abstained and answer.notes == ("live figures",)
    assert answer.text.startswith(opening)


def test_a_word_of_the_language_asked_to_be_shipped_is_no_unknown_name(
    tmp_path: Path, assistant: Assistant
) -> None:
    question = "Does the image ship a build with logging already wired in?"
    # An embedder that knows no words reads "wired", which no passage uses, as a name...
    assert "I have no record of **wired**" in assistant.ask(question).text
    # ... a model that holds it as a word of the language does not; a new name it still is.
    knowing = open_assistant(
        Index(tmp_path, HashEmbedder(dimensions=WIDE, words=frozenset({"wired", "logging"}))),
        DATA,
        clock=lambda: NOW,
    )
    assert "no record of" not in knowing.ask(question).text
    assert "I have no record of **ollama**" in knowing.ask("Is ollama installed on LUMI?").text


def test_only_an_unknown_name_is_named_not_the_words_asking_if_it_is_there() -> None:
    question = "does the image ship sglang preinstalled, in fp32 or double-precision?"
    unseen = ("ship", "sglang", "preinstal", "fp32", "double-precision")
    assert _written(question, unseen) == "sglang"


def test_a_verb_said_of_the_asker_is_no_unknown_name() -> None:
    question = "some stuff i know is installed (hidden i guess, i'd say) is not listed"
    assert _written(question, ("guess", "say", "stuff")) == "stuff"
    # "I'm" is as often followed by what the asker is: "i'm sglang user".
    assert _written("i'm sglang user, is it installed?", ("sglang",)) == "sglang"


def test_a_typo_in_a_question_asking_what_is_installed_is_no_unknown_name(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("Is the contianer installed on LUMI?")
    assert "no record of" not in answer.text


def test_an_unknown_word_in_a_sentence_of_context_names_nothing_asked_about(
    assistant: Assistant,
) -> None:
    # "Zorblax" is no name in the question whether ollama is installed: only the sentences
    # that ask are read for one.
    answer = assistant.ask("We have nodes for our zorblax runs. Is ollama installed on LUMI?")
    assert answer.text.startswith("I don't know: I have no record of **ollama**, so")


def test_a_statement_of_what_was_installed_names_nothing_asked_about(
    assistant: Assistant,
) -> None:
    # "pip installed the reqs." tells what was done: "reqs" and "cmd" are no names asked about.
    answer = assistant.ask("cloned the docs repo, pip installed the reqs. what cmd builds it?")
    assert "no record of" not in answer.text


def test_a_typo_of_a_word_the_sources_use_is_read_as_that_word(assistant: Assistant) -> None:
    assert (
        assistant.respelled("if we land an extreme scale allocaton, how long does it run?")
        == "if we land an extreme scale allocation, how long does it run?"
    )


def test_names_and_words_no_source_comes_close_to_are_left_as_written(
    assistant: Assistant,
) -> None:
    # Capitalised, it may be a name; "ollama" is one letter from no known word.
    assert assistant.respelled("Is Allocaton installed?") == "Is Allocaton installed?"
    assert assistant.respelled("is ollama installed on lumi?") == "is ollama installed on lumi?"


def test_a_question_with_a_typo_gets_the_answer_of_the_word_meant(assistant: Assistant) -> None:
    answer = assistant.ask("What is the maximum waltime on the small-g partition?")
    assert answer.route == "catalog"
    assert "max walltime 3 days" in answer.text


def test_a_german_question_s_names_are_read_off_it_as_written(assistant: Assistant) -> None:
    asked = assistant.read("Wie reiche ich mit Slurm den Code für ein Job-Array ein?")
    # The reading drops the words between the nouns: "Slurm Code" would read as capitalised
    # words in a row, which in German make a name.
    assert "Slurm Code" in asked.english
    as_read = assistant.gather(asked.english, language=asked.language).match
    as_written = assistant.gather(asked.english, language=asked.language, written=asked.text).match
    assert as_read is not None and as_written is not None
    assert {"slurm", "code"} <= as_read.name_like
    assert not {"slurm", "code"} & as_written.name_like


def test_facts_about_another_place_in_a_series_lack_the_value_asked(
    assistant: Assistant,
) -> None:
    lead, match = _asked_of_one_fact(
        assistant, "how many projects got funded in the second ffplus innovation studies call?"
    )
    first = replace(lead, text="Call 1 drew 62 proposals and funded 18 sub-projects.", render=None)
    second = replace(first, text="Call 2 funded 20 sub-projects.")
    both = replace(first, text="Call 1 funded 18 sub-projects and call 2 funded 20.")
    assert assistant._lacks_value(match(first))
    assert not assistant._lacks_value(match(second))
    assert not assistant._lacks_value(match(both))


def test_facts_about_what_is_named_are_not_replaced_by_a_passage_about_something_else(
    assistant: Assistant,
) -> None:
    evidence = assistant.gather("the czech AI factory: what is it called and what does it run?")
    assert evidence.match is not None and evidence.match.facts
    assert evidence.match.facts[0].named and "CZAI" in evidence.match.facts[0].fact.text
    assert evidence.extracts and "CZAI" not in evidence.extracts[0].text
    # A sure passage that shares far more of the question's words than the facts do.
    specific = replace(evidence, signals=_page_match(0.9), passage_lead=1.0)
    low = replace(Calibration(), curated_threshold=0.0, quiet_curated_threshold=0.0)
    assert assistant.decide(specific, low).route == "catalog"
    # Facts about nothing the question names still give way to it.
    unnamed = replace(evidence.match.facts[0], named=False)
    general = replace(specific, match=replace(evidence.match, facts=(unnamed,)))
    assert assistant.decide(general, low).route == "retrieval"


def test_a_question_of_several_parts_gets_each_part_s_fact(assistant: Assistant) -> None:
    answer = assistant.ask(
        "We're a Romanian start-up. Is there an AI Factory in Romania, and if so who hosts it"
        " and which supercomputer does it use?"
    )
    assert (answer.route, answer.abstained) == ("catalog", False)
    assert "hosted by ICI Bucharest" in answer.text
    assert "**RO AI Factory** AI Factory system: a system still to be acquired." in answer.text
    assert "My sources do not answer this part" not in answer.text


def test_a_part_no_fact_gives_is_named_as_open_beside_the_parts_answered(
    assistant: Assistant,
) -> None:
    answer = assistant.ask(
        "Is there an AI Factory antenna in Malta? Which AI Factory is it linked to?"
    )
    assert (answer.route, answer.abstained) == ("catalog", False)
    assert "Malta has an **AI Factory Antenna**." in answer.text
    assert 'My sources do not answer this part: "Which AI Factory is it linked to".' in answer.text
    assert "part not on record" in answer.notes


def test_facts_giving_nothing_of_a_question_of_one_part_decline(assistant: Assistant) -> None:
    answer = assistant.ask("How many GPUs will the Romanian AI Factory's machine have?")
    assert (answer.route, answer.abstained) == ("abstain", True)
    assert "a system still to be acquired" in answer.text
    assert "My sources do not answer this part" not in answer.text


def test_a_part_asking_for_a_thing_the_facts_never_name_is_not_answered_by_them(
    assistant: Assistant,
) -> None:
    answer = assistant.ask(
        "Karolina GPU nodes: what interconnect, and how much network bandwidth per node?"
    )
    assert answer.abstained
    assert "My sources do not answer this part" not in answer.text


def test_facts_found_by_a_country_are_not_replaced_by_a_passage_that_never_names_it(
    assistant: Assistant,
) -> None:
    evidence = assistant.gather("ml start-up in prague here. which ai factory is the czech one?")
    assert evidence.match is not None and evidence.match.facts
    assert {m.subject.kind for m in evidence.match.mentions} == {"country"}
    assert evidence.extracts and "czech" not in evidence.extracts[0].hit.chunk.text.lower()
    specific = replace(evidence, signals=_page_match(0.9), passage_lead=1.0)
    low = replace(Calibration(), curated_threshold=0.0, quiet_curated_threshold=0.0)
    assert assistant.decide(specific, low).route == "catalog"


def test_a_machine_s_figures_do_not_answer_a_value_asked_of_no_machine(
    assistant: Assistant,
) -> None:
    evidence = assistant.gather("How much memory does a LUMI-C node have?")
    assert evidence.match is not None and evidence.match.facts[0].named
    low = replace(Calibration(), curated_threshold=0.0, quiet_curated_threshold=0.0)
    assert assistant.decide(evidence, low).route == "catalog"
    # The same fact, found for a question that names no machine.
    unnamed = replace(
        evidence.match,
        facts=(replace(evidence.match.facts[0], named=False),),
        mentions=(),
        question="How much memory does the example jobscript request for the node?",
    )
    answer = assistant.decide(replace(evidence, match=unnamed), low)
    assert answer.route != "catalog"
    assert "LUMI-C" not in answer.text


def test_facts_naming_no_place_of_a_series_lack_the_one_asked(assistant: Assistant) -> None:
    answer = assistant.ask("Will there be a fourth wave of AI Factories, and when?")
    assert answer.abstained


def test_a_first_part_left_open_leaves_the_question_declined(assistant: Assistant) -> None:
    evidence = assistant.gather("When was the AI Factory Antennas call open?")
    assert evidence.match is not None and evidence.match.facts
    lead = evidence.match.facts[0]
    past = replace(
        lead.fact,
        text="The AI Factory Antennas call was open from 22 May to 9 Jul 2025.",
        render=None,
    )
    match = replace(evidence.match, facts=(replace(lead, fact=past),))
    # A day still to come is not in facts about days gone by: the part asking one is open.
    later = "Is there an AI Factory Antennas call? When will the next one open?"
    assert assistant._value_check(replace(match, question=later), "en") == (
        False,
        "When will the next one open?",
    )
    # Asked first, it says what the rest is about: the whole question is left open.
    first = "Is there a second AI Factory Antennas call coming up? When does it close?"
    assert assistant._value_check(replace(match, question=first), "en") == (True, None)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("our own rocm image: anything the ai guide says about going that route?", True),
        ("how does that page suggest adding pip packages?", True),
        ("what does the guide recommend for checkpoints?", True),
        ("according to the docs, which partition is for debugging?", True),
        ("do the lumi docs point to some sandbox tutorial to practise in?", True),
        ("which url do the lumi docs link to?", True),
        ("how many nodes does lumi-c have?", False),
        ("where is the user guide of karolina?", False),
    ],
)
def test_a_question_about_what_a_page_says_asks_the_documents(question: str, asks: bool) -> None:
    assert _asks_what_a_page_says(question) is asks
