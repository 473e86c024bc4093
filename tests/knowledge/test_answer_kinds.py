"""The kind of value a question asks for, and whether a passage or fact holds one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from knowledge.answer_kinds import (
    asked_alternatives,
    asked_attribute,
    asked_bounds,
    asked_line,
    asked_parts,
    asked_subject_kind,
    asks_allotment,
    asks_coming_date,
    asks_day,
    asks_day_ahead,
    asks_each_of_calls,
    asks_end_day,
    asks_exact_day,
    asks_for_value,
    asks_frequency,
    asks_live_figures,
    asks_next_deadline,
    asks_partition_name,
    asks_setting,
    asks_time_limit,
    asks_to_come,
    asks_total,
    asks_usable,
    availability_sentence,
    bare_thing,
    counted_places,
    counted_things,
    counts_cores,
    counts_gpus,
    gives_allotment,
    gives_total,
    holds,
    holds_count,
    measures_gpu_memory,
    measures_node_memory,
    names_calendar_day,
    names_either,
    names_host,
    names_place,
    names_vendor,
    only_other_places,
    only_past_days,
    ordinals,
    places,
    required_kinds,
    says_usable,
    specific_kinds,
    states_bound,
    strict_measures,
    unit_measures,
    valued_kinds,
    wanted_kinds,
    with_listed_count,
    with_span,
)
from knowledge.assistant import rival_topic_score
from knowledge.catalog.answerer import (
    CuratedMatch,
    Rival,
    ScoredFact,
    _name_like,
    fact_value_kinds,
    lead_by_generality,
    lead_by_place,
    lead_by_value,
)
from knowledge.catalog.facts import CuratedFact, Subject
from knowledge.catalog.mentions import Mention


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("How long can a job run on small-g?", ("duration",)),
        # A rate of data: "400 GB/s", which a node count or a memory size does not give.
        ("what's the bandwidth between the two dies of one MI250X?", ("bandwidth",)),
        # An expiry is a lifetime, whichever form of the word is typed.
        ("longest expiry i can set on an s3 key?", ("duration",)),
        # "When creating one" says when, it asks no date.
        ("what's the longest validity I can choose when creating an s3 key?", ("duration",)),
        # The longest of something that lasts is a duration.
        ("we want a full-machine run: what is the longest time slot we can get?", ("duration",)),
        ("How many nodes can one job use?", ("quantity",)),
        ("When is the next Large Scale cut-off?", ("date", "deadline")),
        # Whether there is a deadline: a date gives it, and so does saying there is none.
        ("Is there a deadline for Playground or can we apply whenever?", ("date", "deadline")),
        ("ai4s: when do we hear back?", ("date",)),
        # "When we get ..." says when something holds, it asks no date.
        ("when we get EuroHPC time, is the whole machine shared out?", ()),
        ("Our next run starts soon, and when it does this has to work. Is LUMI up?", ()),
        ("Which option sets the account of a job?", ("code",)),
        # A word between "which" and the thing named: "which configure flag".
        ("which capability flag says it is supported?", ("code",)),
        # A tool is used by its name: "valgrind --tool=massif".
        ("which valgrind tool profiles the heap over time?", ("code",)),
        ("How do I get numdiff to compare against the first file?", ("code",)),
        ("What do I put in the host list to run locally?", ("code",)),
        ("what do i need to tell srun so the container's own MPI starts?", ("code",)),
        ("want every third line. what does the ndselect command look like?", ("code",)),
        ("is there a build switch to bring the old calls back?", ("code",)),
        ("what exit code does it return if it fails?", ("quantity",)),
        ("how far off can the results get?", ("quantity",)),
        ("What is the oldest Perl version it runs on?", ("version",)),
        # A version asked for without the word: a release, the oldest or minimum of a tool.
        ("which cuda release was the backend tested against?", ("version",)),
        ("What's the oldest CUDA toolkit it will build against?", ("version",)),
        ("the minimum gcc that still compiles it?", ("quantity", "version")),
        ("What is the minimum number of nodes for a job?", ("quantity",)),
        ("The oldest files on scratch, when are they deleted?", ("duration", "date")),
        # "How long until": a duration, as a translated question says it too.
        ("When are files on scratch deleted?", ("duration", "date")),
        ("when file scratch delete", ("duration", "date")),
        # "How do I ..." asks what to type or set, whatever the verb; deleting is no duration.
        ("How do I delete a file?", ("code",)),
        ("how do i send the cache somewhere else?", ("code",)),
        # Also without the pronoun, as read from another language ("wie kann ich ... sehen"
        # -> "how can see"), or "how to"; not "how" and a word alone, which a reading that
        # lost words leaves before a noun ("how sacct").
        ("how can see log TensorBoard training LUMI", ("code",)),
        ("How to apply for access to LUMI?", ("code",)),
        ("how enable huge pages 2 MB for application LUMI", ()),
        ("how sacct LUMI keep accounting job", ()),
        # "How" before what is no verb asks no command.
        ("how does the scheduler work?", ()),
        ("libsvm training, how tight is the stopping tolerance by default?", ("default",)),
        # Nor before an adverb, a compound, a name, or a subject whose verb follows.
        ("How widely used is Apptainer?", ()),
        ("How GPU-hours are billed?", ()),
        ("Any idea how Slurm allocates GPUs", ()),
        ("How job priority is computed", ()),
        ("How fairshare works", ()),
        # "Wie weit zurück" read as "how more back": an amount, not a command.
        ("how more back keep sacct job accounting history", ()),
        # "Type" and "link" named, not typed: what to type needs someone to type it.
        ("What type of GPUs does LUMI have?", ()),
        ("What is the link to the LUMI user guide?", ()),
        ("how called partition slurm for GPU node Deucalion", ()),
        ("is there tool to look at GPU utilization", ("code",)),
        ("what extra srun option do we need?", ("code",)),
        ("what is the call for start-ups?", ()),
        ("which big ai call fits a 200k gpu hour project?", ()),
        ("what if my module is missing?", ()),
        ("what must SBATCH --partition enter for GPU nodes", ("code",)),
        ("hours MeluXina put what SBATCH --partition for nodes GPU", ("code",)),
        # A wall time, however it is spelt, lasts.
        ("what maximum wall time partition turbo-g LUMI", ("duration", "quantity")),
        # Asked how soon, the cut-off named is where the wait starts, not a date asked for.
        ("How soon after the cut-off do we get access?", ("duration",)),
        ("How soon after the deadlines do we get access?", ("duration",)),
        ("When is the cut-off?", ("date", "deadline")),
        # What happens when nothing is said is the default.
        ("If I don't pass -j, how many jobs run at once?", ("quantity", "default")),
        ("Which partition do jobs go to by default?", ("default",)),
        ("Tell me about LUMI", ()),
        # Where something goes is a path.
        ("which directory do the course module files have to go in?", ("path",)),
        ("where should we put our conda environment?", ("path",)),
        ("Where is LUMI hosted?", ()),
        # What does not matter is not asked for.
        (
            "I want the module to show up no matter which LUMI stack version is loaded."
            " where do I install it?",
            ("path",),
        ),
        ("whichever version is the default, when was it released?", ("date",)),
        # Chat runs the clause into the question: it ends where the question starts.
        ("no matter which node I pick how many GPUs do I get?", ("quantity",)),
    ],
)
def test_the_question_says_what_kind_of_value_it_wants(
    question: str, kinds: tuple[str, ...]
) -> None:
    assert wanted_kinds(question) == kinds


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        # The command is asked; how much is left is what it shows.
        ("Which command shows how much of our LUMI allocation is left?", ("code",)),
        ("what flag sets the maximum walltime of a job?", ("code",)),
        ("what do i type to see how many node-hours are left?", ("code",)),
        # Asked how to look it up, the way is asked, as a command is.
        ("how do i check from the terminal how much of our budget is used up?", ("code",)),
        ("deucalion: any command to see how much energy our jobs burned?", ("code",)),
        # Asked before the command, the amount is asked too.
        ("How much is left, and which command shows it?", ("quantity", "code")),
        ("How many nodes can one job use?", ("quantity",)),
    ],
)
def test_the_amount_a_command_shows_is_not_asked_for(question: str, kinds: tuple[str, ...]) -> None:
    assert valued_kinds(question) == kinds


@pytest.mark.parametrize(
    ("text", "kind", "held"),
    [
        ("About four working days.", "duration", True),
        ("The limit is 2-00:00:00.", "duration", True),
        ("Access is quick.", "duration", False),
        ("Idle sessions end after twenty minutes.", "duration", True),
        ("Jobs may run for 48:00:00.", "duration", True),
        # A time limit is a duration said to be one, in the same sentence or line.
        ("Jobs on the bulk partition may run for up to 48 hours.", "time limit", True),
        ("**small-g**: max walltime 3 days; max 4 nodes per job", "time limit", True),
        ("PartitionName=standard MaxTime=2-00:00:00", "time limit", True),
        ("This three-day hackathon runs on the GPU nodes.", "time limit", False),
        ("Slower between 13:00 and 19:00. The plant runs close to its limit.", "time limit", False),
        ("Worker jobs with shorter wall times (perhaps 30 minutes) fit in.", "time limit", True),
        # A limit word beside a duration may limit something else.
        ("This three-day hackathon is limited to 30 participants.", "time limit", False),
        ("The 3-day course has a maximum of 20 seats.", "time limit", False),
        # A delay after something is no limit on a run; a limit before what ends the run is.
        ("Resources start at most about 4 months after the cut-off.", "time limit", False),
        ("Jobs can run for a maximum of 24 hours before being terminated.", "time limit", True),
        ("The time limit is 24 hours after which jobs are killed.", "time limit", True),
        ("Jobs are limited to 2 hours, after the limit they are terminated.", "time limit", True),
        ("Access is granted at most 10 days after submission.", "time limit", False),
        ("up to 400 GB/s of peak bidirectional bandwidth", "bandwidth", True),
        ("a 200 Gbps network interface", "bandwidth", True),
        ("The average read from RAM is 7,800 MB/second.", "bandwidth", True),
        ("each die has a 64 GB slice of HBM memory", "bandwidth", False),
        # A throughput of things is a rate too.
        ("The run reached 212.54 images/sec per GPU.", "bandwidth", True),
        ("about 1,500 tokens per second on two GCDs", "bandwidth", True),
        ("the job used 4 nodes with 8 GPUs each", "bandwidth", False),
        ("The call closes at 10:00 CET.", "duration", False),
        ("At least a few thousand data points.", "quantity", True),
        ("Default is 100%, one job per CPU thread.", "default", True),
        ("Run up to N jobs in parallel.", "default", False),
        ("Free of charge for start-ups.", "quantity", True),
        ("Each user may have at most four transfers running.", "quantity", True),
        # A calendar date counts nothing: no answer to "how many".
        ("Published 1 February 2027, in production from 8 March.", "quantity", False),
        ("The partition consists of 2048 nodes.", "quantity", True),
        # The digits of a name are no number of anything.
        ("The keys are saved as id_ed25519 and id_ed25519.pub.", "quantity", False),
        # Timeouts and latencies are durations too, written with or without a space.
        ("A reasonable value for a 1000-node cluster is ~1000ms.", "duration", True),
        ("The latency is 1.2 µs between two nodes.", "duration", True),
        ("We run 2 US sites with 5 of us each.", "duration", False),
        ("Install it on 5 MS-DOS boxes.", "duration", False),
        ("It should be at least 8 characters long.", "quantity", True),
        ("Companies pay per use.", "quantity", False),
        ("Use `sbatch --account=project_465000123`.", "code", True),
        ("The MPI library is fast.", "code", False),
        # A link's slashes and dashes are no path or option.
        ("Bind CPUs to GPUs (see https://docs.example.org/run-jobs/binding/).", "code", False),
        ("Closes on 15 Dec 2026.", "date", True),
        # A deadline relative to what it is for answers "by when" as a calendar date would.
        ("Send the request at least 11 days before the slot.", "date", True),
        ("Register two working days in advance.", "date", True),
        ("Full-machine runs happen on the last Sunday of each month.", "date", True),
        ("Allocations last 11 days.", "date", False),
        # When the page was published or changed answers no "when".
        ("Published 10 January 2027 · Category: calls", "date", False),
        ("Last updated on December 20, 2022.", "date", False),
        ("Published 2 November; the deadline is 3 March 2027.", "date", True),
        ("Playground has no deadline: it is continuously open.", "deadline", True),
        ("Playground is open continuously.", "deadline", True),
        ("The deadline is 3 March 2027.", "deadline", True),
        # Saying there is no deadline answers "is there a deadline", not "when can we start".
        ("Playground has no deadline: it is continuously open.", "date", False),
        ("Check the deadline on the call page.", "deadline", False),
        ("No deadline extensions will be granted.", "deadline", False),
        ("The default modules will be updated on 14 May 2027.", "date", True),
        ("It runs on Perl 5.8 and later.", "version", True),
        ("It runs on any recent Perl.", "version", False),
        # The release that brought something: a version said to be it.
        ("Support for Python 3.12 was added in release 2.11.", "introduced", True),
        ("Since v4.8, a missing modulefile is no error.", "introduced", True),
        ("Needs CMake 3.12+ (3.15+ better).", "introduced", False),
        ("It runs on Perl 5.8 and later.", "introduced", False),
        ("First, load the module cuda/12.1.", "introduced", False),
        ("As of today we ship Python 3.11.", "introduced", False),
        # A measure written with a point is no version.
        ("2x AMD EPYC 7742 (2.25 GHz base)", "version", False),
        ("Create them under `/projappl/project_<number>/www_modules`.", "path", True),
        ("Set it to $HOME/bin first.", "path", True),
        ("Read https://docs.example.org/a/b and/or ask.", "path", False),
    ],
)
def test_a_text_holds_a_value_of_a_kind(text: str, kind: str, held: bool) -> None:
    assert holds(text, (kind,)) is held


@pytest.mark.parametrize(
    ("question", "things"),
    [
        ("How many ACC nodes with H100s does MareNostrum 5 have exactly?", ("nodes",)),
        ("How much HBM memory does each H100 have?", ("memory",)),
        ("how many EuroHPC AI factories exist at this point?", ("factories",)),
        ("How many LUMI-C nodes have more than 256 GiB of memory?", ("nodes",)),
        ("how many cpu cores per node on the general purpose partition?", ("cores",)),
        ("How many GPU-hours are left on our project?", ("gpu-hours",)),
        # A verb after "how many" counts those who did it, unnamed; a participle before a
        # noun is said of the thing counted.
        ("the antennas call: how many applied vs got funded?", ()),
        ("how many reserved nodes does it have?", ("nodes",)),
        # A clause or a time after the thing ends it.
        ("once we submit a request how many days till we can log in?", ("days",)),
        ("how many weeks before the cut-off should we start?", ("weeks",)),
        ("How much does one GPU-hour cost?", ("rate",)),
        ("What is the price of a node-hour for a large company?", ("rate in money",)),
        ("how much cost GPU-hour large company", ("rate",)),
        ("What does the course cost?", ("price",)),
        ("How much does a month on the machine cost us?", ("rate",)),
        ("What does a node-hour cost in euros?", ("rate in money",)),
        ("how much is one lumi gpu-hour in euros?", ("rate in money",)),
        ("price per TB per month for LUMI-O in euros?", ("rate in money",)),
        # A price is money, named or not.
        ("what is the price per GPU-hour for a large company?", ("rate in money",)),
        # Paying off is being worth it.
        ("from about what data size is the numba engine supposed to pay off?", ()),
        ("top up with a credit card, and how much per gpu hour?", ("rate",)),
        ("What is the node count?", ()),
        ("is there a limit on how many fast lane projects one start-up can get?", ("projects",)),
        ("How many nodes a single job can use on LUMI-G?", ("nodes",)),
        # "The number of" asked for counts as "how many" does; merely named, it asks none.
        ("What is the largest number of nodes a job may use on the Booster?", ("nodes",)),
        ("what's the max number of jobs per user on dev-g?", ("jobs",)),
        ("I set the number of threads to 8, why is it slow?", ()),
        ("roughly what share of fast lane applications get approved?", ("percent",)),
        ("what % of large scale proposals get accepted?", ("percent",)),
        ("What is the acceptance rate of Regular Access?", ("percent",)),
        ("what part of the machine is reserved?", ()),
        # A part of a sum of money is no price: a share or an amount answers ("half").
        ("how much of the supercomputer cost does the eu cover?", ()),
        ("how much of their budget goes to SMEs?", ()),
        ("how much of the cost, in euros, did the eu pay?", ("price",)),
        ("how much does the supercomputer cost?", ("price",)),
        # A verb after the thing ends it: the cores are counted, not "along".
        ("if I ask for one A100, how many cpu cores come along with it?", ("cores",)),
        ("how many nodes share one electrical group in the dragonfly?", ("nodes",)),
        # ... a verb after a plural only: in a compound it is a noun.
        ("how much industry share is reserved on lumi?", ("share",)),
        ("how many fair share points do we get?", ("points",)),
        ("how many hold jobs can i have?", ("jobs",)),
        ("how many projects got funded in the second call?", ("projects",)),
        ("how many AI factories r there in total?", ("factories",)),
        ("how many R packages are installed on LUMI?", ("packages",)),
        ("what do we pay off-peak per GPU-hour?", ("rate",)),
        ("no matter how much memory I request, where do the output files go?", ()),
        ("roughly how much less memory does loading 4 columns take?", ("ratio",)),
        # A word qualifying the count ends the thing after it, and is part of it before.
        ("how many gpu hours max can a start-up ask for in Fast Lane?", ("hours",)),
        ("how many GPU-hours exactly does a Playground project get?", ("gpu-hours",)),
        ("how many total GPUs does LUMI have?", ("gpus",)),
        # Asked which GPUs, the answer names their model, which no count of them gives.
        ("which gpus is the new LUMI-AI machine going to have?", ("gpu model",)),
        ("meluxina-ai, which gpu model is going in? h200, b200?", ("gpu model",)),
        ("which gpu type does leonardo have", ("gpu model",)),
        ("what kind of gpus sit in the jupiter booster nodes?", ("gpu model",)),
        ("how many GPU nodes does Deucalion have and which GPUs?", ("nodes", "gpu model")),
        # A GPU backend, partition or kernel is no GPU.
        ("which GPU backend and cmake option should we build with?", ()),
        ("which GPU partition takes short jobs?", ()),
        # A way to reach someone: an address, a number, a named person.
        ("is there an email address for the playground team?", ("email",)),
        ("phone number for the lumi helpdesk?? id rather call", ("phone",)),
        ("who's the head of the LUMI user support team?", ("person",)),
        ("name + email of the FFplus project coordinator?", ("email", "person")),
        ("can I email support about my quota?", ()),
        ("who can apply to Fast Lane?", ()),
        # A rate of data, measured in its own unit.
        ("how much network bandwidth does a single booster node get?", ("bandwidth",)),
        # An amount of power, which only watts give; "computing power" is no such amount.
        ("whats the power cap (tdp) of one mi250x module?", ("energy",)),
        ("how much power does a busy gcd draw?", ("energy",)),
        ("how much computing power does lumi have?", ("power",)),
        # Counted in watts, or asked after power set aside, it is still power.
        ("how many watts does an mi250x draw?", ("energy",)),
        ("regardless of the power limit, what's the tdp of an mi250x?", ("energy",)),
        # A verb after a plural ends the thing counted.
        ("how many member states host an ai factory?", ("states",)),
        ("how many calls offer gpu hours on lumi?", ("calls",)),
        # Power set aside, or asked beside a count, leaves the count asked.
        ("watts aside, how many gcds per lumi-g node", ("gcds",)),
        ("ignoring power limits, what's the max walltime on small-g", ()),
        ("how many gpus per lumi-g node and what's their power draw", ("gpus",)),
        # A preposition ends the thing counted: "off our budget" is not what is counted.
        ("a standard-g node for 6 hours takes how many gpu-hours off our budget?", ("gpu-hours",)),
        ("how many nodes by default?", ("nodes",)),
        # An adverb after the thing is not what is counted.
        ("How many sub-projects actually got funded?", ("sub-projects",)),
        # A count in per cent is a percentage, whatever follows it.
        ("how many percent overhead should sampling add?", ("percent",)),
        ("what percentage slowdown does tracing cause?", ("percent",)),
        # So many times slower is a multiple; so many times a day is a count.
        ("roughly how many times slower than a normal run is memcheck?", ("multiple",)),
        ("how many times can i extend the key?", ("times",)),
        # A verb after the thing says what happened to it: the days are counted.
        ("how many days passed between the two waves?", ("days",)),
        ("how many proposals arrived in the first call?", ("proposals",)),
    ],
)
def test_the_question_says_what_it_counts(question: str, things: tuple[str, ...]) -> None:
    assert counted_things(question) == things


@pytest.mark.parametrize(
    ("english_words", "things"),
    [
        # French, Italian, Spanish: the thing comes first, its qualifier after.
        ("if proposal one GPU Karolina how many core CPU with", ("core", "cpu")),
        # German: a verb the glossary read ends the phrase.
        ("if Karolina only GPU request how many core get", ("core",)),
        ("how much money maximum for single FFplus Innovation Study", ("money", "maximum")),
        # Two questions run together: each phrase ends where the next one starts.
        ("how many GPU node LUMI-G how much Slurm see", ("gpu", "node", "lumi-g", "slurm")),
        # A share is asked without "how many": "le taux d'acceptation", "qué porcentaje".
        ("what acceptance rate proposal Fast Lane AI Factories", ("percent",)),
        ("how many proposal Fast Lane percent approve", ("proposal", "fast", "lane", "percent")),
        # "Was für GPUs hat Discoverer+": the machine's name follows, not a verb.
        ("what kind GPU Discoverer how many per Node", ("gpu model",)),
        # A noun that English also uses as a verb is still a word of the phrase.
        ("how much EuroHPC share LUMI for industry SME reserve", ("eurohpc", "share", "lumi")),
        # A compound written in one ("CPU-Cores") counts its words too; "LUMI-G" is a name.
        ("how many CPU-Cores per GPU LUMI-G", ("cpu-cores", "cpu", "cores")),
        # "Wie viel vom nationalen Teil": a part of a whole, which a percentage gives.
        ("vega how much national part for industry", ("fraction",)),
    ],
)
def test_a_question_read_from_another_language_counts_any_word_of_its_phrase(
    english_words: str, things: tuple[str, ...]
) -> None:
    assert counted_things(english_words, english_order=False) == things


@pytest.mark.parametrize(
    ("text", "thing", "held"),
    [
        ("Each node has 4 NVIDIA H100 GPUs; 2× Intel Xeon CPUs.", "gpus", True),
        # A product's name of five words between the count and the thing.
        ("each node has 4 NVIDIA GH200 Grace Hopper superchip GPUs", "gpus", True),
        ("**LEONARDO Booster** (gpu, 3,456 nodes): each node has 4 A100 GPUs.", "nodes", True),
        ("Fast Lane gives up to 50,000 GPU-hours.", "hours", True),
        ("GPU-hours awarded: 640,000", "gpu-hours", True),
        # A number of GPU-hours or node hours is no number of GPUs or nodes.
        ("Compute: 1,500 GPU-hours per team on MeluXina", "gpus", False),
        ("Each project gets 2,000 node hours.", "nodes", False),
        ("Compute: 1,500 GPU-hours per team on MeluXina", "gpu-hours", True),
        ("There are four AI Factories in the first wave.", "factories", True),
        ("Each GCD has 64 GB of HBM2e.", "memory", True),
        # The digits of a model name count nothing, and a count stops at a sentence's end.
        ("(gpu, node count not on record): each node has 4 NVIDIA H100 GPUs.", "nodes", False),
        ("Planned at about 163 PF HPL. The node count is not known.", "nodes", False),
        ("The HammerHAI AI system, from 2026.", "gpus", False),
        ("Each node has 4 NVIDIA H100 GPUs.", "memory", False),
        ("Up to EUR 300k per study, at most EUR 200k for the lead SME.", "money", True),
        ("Up to EUR 300k per study, at most EUR 200k for the lead SME.", "cash", True),
        ("SMEs and start-ups with generative-AI expertise.", "cash", False),
        ("SMEs and start-ups with generative-AI expertise.", "money", False),
        ("Free of charge for start-ups and SMEs using it for innovation.", "price", True),
        ("On small-g each GCD-hour costs 0.5 GPU-hours.", "price", True),
        ("LUMI-F storage costs 10 times the LUMI-P rate per TB-hour.", "price", True),
        ("AI Factories Large Scale: more than 50,000 GPU-hours.", "price", False),
        ("Not a cost but a grant; the programme pays the participants.", "price", False),
        ("Industry pays EUR 0.80 per GPU-hour.", "rate", True),
        ("A node-hour is billed at €1.20/node-hour.", "rate", True),
        ("It costs 12 euros an hour.", "rate", True),
        ("Free of charge for start-ups and SMEs using it for innovation.", "rate", True),
        ("On small-g each GCD-hour costs 0.5 GPU-hours.", "rate", True),
        ("The third wave alone is worth more than EUR 500 M.", "rate", False),
        ("Up to EUR 300k per study, at most EUR 200k for the lead SME.", "rate", True),
        ("On small-g each GCD-hour costs 0.5 GPU-hours.", "rate in money", False),
        ("Industry pays EUR 0.80 per GPU-hour.", "rate in money", True),
        ("Between 35% and 50% of every system's capacity.", "percent", True),
        ("EuroHPC allocates 35 per cent of the machine.", "percentage", True),
        ("EuroHPC allocates half of LUMI's 2,978 GPU nodes.", "percent", False),
        ("Write to servicedesk@lumi-supercomputer.eu with the job id.", "email", True),
        ("Send a ticket to the LUMI service desk.", "email", False),
        ("Call +358 94 57 2821 on weekdays.", "phone", True),
        ("Cut-off on 2026-01-01, 10:00 CET.", "phone", False),
        ("The programme is run by Dr. Jane Doe.", "person", True),
        ("The LUMI User Support Team answers tickets.", "person", False),
        # An amount of compute: hours of it, a share of a machine, a machine's peak.
        ("Up to 2.5% of EuroHPC's capacity for one year for the winner.", "compute", True),
        ("Fast Lane gives up to 50,000 GPU-hours.", "compute", True),
        ("8 M GPU-hours on LUMI and LEONARDO, shared by the winners.", "compute", True),
        ("A system of 1 EF for AI workloads.", "compute", True),
        ("Two winners, each with a team of 4 researchers.", "compute", False),
        # A GPU model: product codes in any case, family names capitalised.
        ("4 NVIDIA A100 SXM4 64 GB GPUs per node", "gpu model", True),
        ("four AMD Instinct MI250X modules", "gpu model", True),
        ("NVIDIA GH200 superchips", "gpu model", True),
        ("we run on nvidia h100s", "gpu model", True),
        ("Intel Data Center GPU Max 1550", "gpu model", True),
        ("a new AI-optimised system expected by 2027", "gpu model", False),
        # A call's pages count applications as proposals, partners as participants.
        ("Call 1 drew 62 proposals and funded 18 sub-projects.", "applications", True),
        ("at most 3 participants per study", "partners", True),
        ("at most 3 participants per study", "applications", False),
        ("8 GPUs per node", "gpu model", False),
        ("at most max 2048 tasks per job", "gpu model", False),
        ("about 0.2 kWh per GPU-hour", "energy", True),
        ("roughly 12 g CO2e per GPU-hour", "co2", True),
        ("2 tonnes of CO2 a year", "co2", True),
        ("one node-hour is billed as 4 GPU-hours", "co2", False),
        # A fraction, or a size relative to another, is also given by a ratio.
        ("it stops once the fraction explained reaches 0.999", "fraction", True),
        ("it stops once the fraction explained reaches 0.999", "percent", False),
        ("reading 4 of 40 columns takes about 1/10 of the memory", "ratio", True),
        ("budget about 2x the size of the data set in scratch", "ratio", True),
        ("the temporary files take up to 12 GB", "ratio", True),
        ("published on 12/03/2026, see /tmp/1/2", "ratio", False),
        ("fixed in release 0.5.2", "fraction", False),
        ("Each node has 4x AMD MI250X GPUs.", "fraction", False),
        ("peak double-precision performance", "ratio", False),
        ("The call opens in the second half of 2025.", "fraction", False),
        ("each GCD-hour costs 0.5 GPU-hours", "fraction", False),
        ("a 1024 x 1024 matrix", "ratio", False),
        # A bandwidth by a rate of data, which a node's other numbers do not give.
        ("2 dual-port HDR adapters, 400 Gb/s per node in aggregate", "bandwidth", True),
        ("each node has 4 A100 64 GB GPUs and 32 cores", "bandwidth", False),
        # A call's rounds, or shots at it, are its cut-offs.
        ("reviewed at dated cut-offs (six cut-offs in 2026)", "shots", True),
        ("reviewed at dated cut-offs (six cut-offs in 2026)", "rounds", True),
        ("open all year, reviewed as requests arrive", "rounds", False),
        # A machine's servers are its nodes.
        ("**Karolina CPU nodes** (cpu, 720 nodes).", "servers", True),
        ("**Karolina CPU nodes**: 2x AMD EPYC per node.", "servers", False),
        # A node's sockets are its CPUs.
        ("each node has 4 NVIDIA H100 GPUs; 2× Intel Xeon Sapphire Rapids CPUs.", "sockets", True),
        # A multiple: "10-50x", "a factor of 20", "20 times"; not a count of things.
        ("Expect memcheck to run 10-50x slower than the plain binary.", "multiple", True),
        ("Tracing slows the program down by a factor of 3.", "multiple", True),
        (
            "Memcheck runs the program under its own CPU: expect it to take longer.",
            "multiple",
            False,
        ),
        ("Run valgrind4hpc on 4 nodes with 2 tasks each.", "multiple", False),
        # Performance by a rate of operations.
        ("**LEONARDO** sustained (DCGP): over 9 PF.", "performance", True),
        ("**LEONARDO DCGP** (cpu, 1,536 nodes).", "performance", False),
        # A node's GPUs are counted as cards too.
        ("each node has 4 AMD Instinct MI250X GPUs", "cards", True),
    ],
)
def test_a_text_gives_a_number_of_the_thing_counted(text: str, thing: str, held: bool) -> None:
    assert holds_count(text, thing) is held


def test_words_written_as_names_are_the_capitalised_and_the_quoted() -> None:
    assert _name_like('What is the maximum in the AI Factories "turbo lane" mode?') == {
        "ai",
        "factory",
        "turbo",
        "lane",
    }


def test_the_word_beside_partition_or_queue_is_its_name() -> None:
    assert _name_like("what's the max walltime on the turbo-g partition?") == {
        "turbo-g",
        "turbo",
        "g",
    }
    assert _name_like("limite de la partition turbo-g") == {"la", "turbo-g", "turbo", "g"}


def test_an_acronym_before_a_kind_of_software_is_its_field_not_a_name() -> None:
    assert _name_like("We have licenses for a commercial CFD package on LUMI") == {"lumi"}


def test_a_description_starting_with_an_acronym_is_no_name() -> None:
    assert _name_like("Which AI-focused call came before it?") == set()


def test_in_german_a_capital_alone_marks_no_name() -> None:
    # Read from German, every noun is capitalised; a capital inside a word still marks one.
    question = "is there Limit how many Files project Scratch may Dataset some million small JPEGs"
    assert _name_like(question, nouns_capitalised=True) == {"jpeg"}
    assert _name_like("break from Hotel-WLAN for Pitch-Deck", nouns_capitalised=True) == {"wlan"}


def test_in_german_capitalised_words_in_a_row_are_a_name() -> None:
    question = "until when Deadline for EuroHPC Quantum Gaming Call 2031"
    assert _name_like(question, nouns_capitalised=True) == {
        "eurohpc",
        "quantum",
        "gaming",
        "call",
    }


def test_in_german_a_sentences_first_word_starts_no_row() -> None:
    question = "Unser On-Prem-Server hat eine Firewall. Welchen IP-Bereich geben wir frei?"
    assert _name_like(question, nouns_capitalised=True) == {"ip"}


def test_in_german_a_description_starting_with_an_acronym_is_no_name_in_a_row() -> None:
    # German "unser Code ist CUDA-only" reads as "Code CUDA-only": capitalised words in a row,
    # but the second describes the code, as in English.
    question = "which NVIDIA GPUs Accelerated Partition MareNostrum 5 Code CUDA-only"
    assert _name_like(question, nouns_capitalised=True) == {
        "nvidia",
        "gpu",
        "accelerated",
        "partition",
        "marenostrum",
        "code",
        "cuda",
    }


def test_an_apostrophe_closes_no_quoted_name() -> None:
    question = "before 'Turbo Lane' existed, what was EuroHPC's older call called?"
    assert _name_like(question) == {"turbo", "lane", "eurohpc"}


def _fact(fid: str, topic: str, text: str) -> CuratedFact:
    return CuratedFact(
        id=fid,
        subjects=(),
        topics=(topic,),
        text=text,
        source="https://example.org/call",
        as_of=date(2026, 1, 1),
        confirmed=True,
    )


def _match(question: str, *rivals: Rival) -> CuratedMatch:
    lead = ScoredFact(
        _fact("call/time_to_access", "time_to_access", "Within 10 days."), 1.2, 0.67, True
    )
    return CuratedMatch(
        (lead,), (), rivals[0].topic, rivals[0].score, question=question, rivals=rivals
    )


CUTOFF_DATES = Rival(
    "cutoffs", 0.73, (_fact("call/cutoffs", "cutoffs", "Next cut-off: 15 Dec 2026."),), True
)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_a_topic_whose_facts_hold_no_value_of_the_kind_asked_is_no_rival() -> None:
    match = _match("How soon after the cut-off do we get access?", CUTOFF_DATES)
    assert rival_topic_score(match, NOW) == 0.0


def test_a_topic_whose_facts_hold_the_kind_asked_stays_a_rival() -> None:
    match = _match("When is the cut-off?", CUTOFF_DATES)
    assert rival_topic_score(match, NOW) == 0.73


def test_a_topic_no_fact_answers_stays_a_rival() -> None:
    match = _match(
        "How soon can my job start?", Rival("running_jobs", 0.8, (), False), CUTOFF_DATES
    )
    assert rival_topic_score(match, NOW) == 0.8


def test_a_topic_with_facts_only_about_other_subjects_stays_a_rival() -> None:
    # "What's the ssh hostname of the JUPITER booster": login facts exist for other machines
    # only, and JUPITER's host site does not answer it.
    match = _match("What's the ssh hostname I log into?", Rival("login", 0.71, (), True))
    assert rival_topic_score(match, NOW) == 0.71


def test_a_topic_whose_fact_the_answer_already_gives_is_no_rival() -> None:
    # "We're a public agency: can we use Fast Lane, or where should we go?": the general entry
    # for public bodies fits better than Fast Lane's eligibility, and joins it in the answer.
    public_bodies = _fact("faq/public-bodies", "faq/public-bodies", "Public bodies apply to ...")
    match = _match("Can we use Fast Lane, or where should we go?", CUTOFF_DATES)
    given = replace(match, facts=(*match.facts, ScoredFact(public_bodies, 1.0, 0.75, False)))
    rival = Rival("faq/public-bodies", 0.75, (public_bodies,), True)
    assert rival_topic_score(replace(given, rivals=(rival,)), NOW) == 0.0
    assert rival_topic_score(replace(match, rivals=(rival,)), NOW) == 0.75


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("How many GPU-hours exactly does a Playground project get?", True),
        ("how many GPU-hours exactly Playground project AI Factories", True),
        ("When is the first Large Scale cut-off of 2027?", True),
        ("How long does Fast Lane take?", True),
        ("What does one GPU-hour cost?", True),
        ("We're a public agency. Can we use Fast Lane, or is there another route?", False),
        ("Which call should a public body use?", False),
    ],
)
def test_a_question_asks_for_a_value_or_for_a_route(question: str, asks: bool) -> None:
    assert asks_for_value(question) is asks


@pytest.mark.parametrize(
    ("english_words", "measures"),
    [
        ("how much money maximum for single FFplus Innovation Study", ("money",)),
        # The thing counted comes first; "budget" belongs to the rest of the sentence.
        ("small-g if only GCD for hour take how many GPU-Hours work Budget way", ()),
        ("what acceptance rate proposal Fast Lane AI Factories", ("percent",)),
    ],
)
def test_read_from_another_language_a_phrase_s_first_word_is_what_it_measures(
    english_words: str, measures: tuple[str, ...]
) -> None:
    assert strict_measures(english_words, english_order=False) == measures


@pytest.mark.parametrize(
    ("question", "measures"),
    [
        ("How much does a GPU-hour on LUMI cost?", ("rate",)),
        ("How much does Fast Lane access cost?", ("price",)),
        ("What does a large company pay per GPU-hour for Large Scale?", ("rate",)),
        # Read from French ("elle paie combien par GPU-hour"): the verb comes first.
        ("large company pay how much per GPU-hour for Large Scale", ("rate",)),
        ("roughly what % of large scale applications get accepted?", ("percent",)),
        ("What's the acceptance rate of Large Scale?", ("percent",)),
        ("How much funding does the AI Factory get?", ("funding",)),
        # Other counts may be written many ways ("64-core", "eight GCDs"): not strict.
        ("How many cores does a LUMI-C node have?", ()),
        ("How much memory does a LUMI-G node have?", ()),
    ],
)
def test_strict_measures_are_prices_percentages_and_money(
    question: str, measures: tuple[str, ...]
) -> None:
    assert strict_measures(question) == measures


@pytest.mark.parametrize(
    ("question", "measures"),
    [
        ("How much memory does one GCD get on a LUMI-G node?", ("memory",)),
        ("How much does Fast Lane access cost?", ("price",)),
        ("How many cores does a LUMI-C node have?", ()),
        ("how much co2 does one gpu-hour on lumi emit?", ("co2",)),
        ("how much energy did my last job use?", ("energy",)),
        # Computing power is measured in flops, not watts.
        ("how much computing power does LUMI have?", ()),
        # A size asked relative to another may be given as a ratio.
        ("How much scratch disk should I budget compared to the size of the data set?", ("ratio",)),
        ("roughly how much less memory does loading 4 columns take?", ("ratio",)),
        ("at what fraction of deviance explained does it stop?", ("fraction",)),
    ],
)
def test_unit_measures_add_sizes_and_energy_to_the_strict_measures(
    question: str, measures: tuple[str, ...]
) -> None:
    assert unit_measures(question) == measures


@pytest.mark.parametrize(
    ("question", "coming"),
    [
        ("When is the next release of the containers coming out?", True),
        ("when's the upcoming maintenance?", True),
        ("any ETA on when HPE fixes the jobs stuck in CG state?", True),
        ("when will the CG bug be fixed?", True),
        # Asked by its unit: the month, the year, the quarter.
        ("which month in 2027 will LUMI-AI actually open to users?", True),
        ("What year is the new system going to be installed?", True),
        ("Which day in May 2026 was the Large Scale cut-off?", False),
        ("what is the eta parameter of the optimiser, and when is it used?", False),
        # A date in the past, and a next thing with no "when", ask for no date to come.
        ("When was the container released?", False),
        ("Which partition should I use for the next run?", False),
        # "When" that does not ask, in a story about what comes next.
        ("Our next run is big, so when I submit it, which partition takes 64 nodes?", False),
    ],
)
def test_a_question_asks_for_a_date_still_to_come(question: str, coming: bool) -> None:
    assert asks_coming_date(question) is coming


@pytest.mark.parametrize(
    ("reading", "coming"),
    [
        # "wann kommt das nächste Release ..." and "¿cuándo sale la próxima release ...?" read.
        ("when get next Release lumi multitorch Container out", True),
        ("when output next release containers lumi multitorch", True),
        ("next run big when submit which partition 64 nodes", False),
    ],
)
def test_a_question_read_from_another_language_asks_for_a_date_still_to_come(
    reading: str, coming: bool
) -> None:
    assert asks_coming_date(reading, english_order=False) is coming


def _scored(
    fid: str, topic: str, text: str, score: float, fit: float, *, named: bool = True
) -> ScoredFact:
    """A scored fact with no subjects; `named`: as if it were about what the question names."""
    return ScoredFact(_fact(fid, topic, text), score, fit, named)


NEXT_CUTOFF = _scored("ai4s/cutoffs", "cutoffs", "Next cut-off: Fri 11 Dec 2026.", 1.15, 0.79)
LASTS = _scored("ai4s/duration", "duration", "An allocation lasts 6 months.", 1.12, 0.66)
DECISION = _scored(
    "ai4s/time_to_access",
    "time_to_access",
    "A decision about one month after the cut-off.",
    1.12,
    0.75,
)
HEARD_BACK = "AI4Science: after the cut-off, how long till we hear back?"


def _ids(scored: list[ScoredFact]) -> list[str]:
    return [s.fact.id for s in scored]


def test_a_fact_holding_the_kind_of_value_asked_leads_one_that_holds_none() -> None:
    led = lead_by_value([NEXT_CUTOFF, LASTS, DECISION], HEARD_BACK, NOW, 0.2)
    # Of the two durations, the one whose topic fits the question better.
    assert _ids(led) == ["ai4s/time_to_access", "ai4s/cutoffs", "ai4s/duration"]


def test_a_fact_holding_the_value_but_scored_too_far_below_does_not_lead() -> None:
    far = replace(DECISION, score=NEXT_CUTOFF.score - 0.3)
    assert _ids(lead_by_value([NEXT_CUTOFF, far], HEARD_BACK, NOW, 0.2))[0] == "ai4s/cutoffs"


def test_a_lead_that_holds_the_value_asked_stays() -> None:
    led = lead_by_value([DECISION, NEXT_CUTOFF], "When is the next cut-off?", NOW, 0.2)
    assert _ids(led)[0] == "ai4s/time_to_access"
    led = lead_by_value([NEXT_CUTOFF, DECISION], "When is the next cut-off?", NOW, 0.2)
    assert _ids(led)[0] == "ai4s/cutoffs"


def test_a_fact_saying_a_call_has_no_deadline_stays_the_lead_when_a_deadline_is_asked() -> None:
    always_open = replace(
        NEXT_CUTOFF,
        fact=_fact("pg/cutoffs", "cutoffs", "Playground has no deadline: apply any time."),
    )
    soon = replace(DECISION, fact=_fact("pg/time_to_access", "time_to_access", "Two days after."))
    asked = "Is there a deadline for Playground or can we just apply whenever?"
    assert _ids(lead_by_value([always_open, soon], asked, NOW, 0.2))[0] == "pg/cutoffs"
    started = "After we apply to Playground, when can we start?"
    assert _ids(lead_by_value([always_open, soon], started, NOW, 0.2))[0] == "pg/time_to_access"


def test_a_fact_about_nothing_named_does_not_lead_one_about_what_is_named() -> None:
    general = replace(DECISION, named=False)
    assert _ids(lead_by_value([NEXT_CUTOFF, general], HEARD_BACK, NOW, 0.2))[0] == "ai4s/cutoffs"


@pytest.mark.parametrize(
    ("question", "limit"),
    [
        ("What is the maximum job walltime on the Booster partition?", True),
        ("what's the max wall time on lumi-g", True),
        ("what is the time limit for dev-g?", True),
        ("Which is the longest run time a job can have on small-g?", True),
        # A walltime named, not asked for.
        ("our job hit the walltime. which output file do we keep to continue?", False),
        ("Which Snakemake resource sets the Slurm walltime of a rule?", False),
        ("roughly how much slower does memcheck make it? need to budget walltime", False),
    ],
)
def test_a_question_asks_for_a_time_limit(question: str, limit: bool) -> None:
    assert asks_time_limit(question) is limit


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("how often does lumi-allocations actually update?", True),
        ("how frequently does a dask worker check its memory?", True),
        ("How long does the update take?", False),
    ],
)
def test_a_question_asks_how_often(question: str, asks: bool) -> None:
    assert asks_frequency(question) is asks


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("The report is refreshed hourly.", True),
        ("The worker checks its memory every 200 ms.", True),
        ("Cut-offs come twice a month.", True),
        ("It runs three times per day.", True),
        ("The information is gathered on a periodic basis.", False),
        ("Each node has 4 GPUs.", False),
    ],
)
def test_a_text_says_how_often(text: str, held: bool) -> None:
    assert holds(text, ("frequency",)) is held


@pytest.mark.parametrize(
    ("question", "english_order", "kinds"),
    [
        ("Which CUDA version is on the visualisation nodes?", True, (("version",),)),
        ("what's the max walltime on dev-g?", True, (("time limit",),)),
        (
            "Which Docker Engine release first added the --gpus flag?",
            True,
            (("version",), ("introduced",)),
        ),
        # The oldest version that works is a minimum, which "11.0 or later" gives.
        ("What is the earliest CUDA version supported by the driver?", True, (("version",),)),
        ("how often does lumi-allocations update?", True, (("frequency", "duration"),)),
        ("when is the next maintenance break?", True, (("date", "duration"),)),
        # Read from another language too: the glossaries give "wall time" and "how often".
        (
            "maximum wall time dev-g how often update",
            False,
            (("time limit",), ("frequency", "duration")),
        ),
        # Not which release brought something: word order decides that.
        ("which version first added --gpus", False, (("version",),)),
        ("How many GPUs does a LUMI-G node have?", True, ()),
        # A clock rate: the CPU's model or core count does not give it.
        ("lumi-g trento cpu, whats the base clock in ghz?", True, (("clock rate",),)),
        ("what clock speed do the leonardo cpus run at?", True, (("clock rate",),)),
        ("is clock skew between nodes a problem?", True, ()),
        ("how do i check the gpu clock speed while my job runs?", True, ()),
        # How long until support answers: a page on writing tickets gives no duration.
        ("what response time do they promise for tickets?", True, (("duration",),)),
        ("ticket support which time answer guarantee", False, (("duration",),)),
        # What does not matter is not asked for.
        ("no matter how often the job restarts, where are its logs?", True, ()),
        # A time on the clock: the day of a slot does not give it.
        ("full-machine sunday slot: at what time of day does it start?", True, (("clock time",),)),
        # A rate of data, asked for its value: a page describing the links gives none.
        ("whats the bandwidth of one optical link between two groups?", True, (("bandwidth",),)),
        ("how do i get more bandwidth when copying to lumi-o?", True, ()),
        ("what write speed into ram did the guide measure?", True, (("bandwidth",),)),
        ("which speed reading AI guide measure for ramdisk", False, (("bandwidth",),)),
        # A file's name: code or a path gives it.
        ("what's the name of the file ATP writes the backtrace into?", True, (("code", "path"),)),
        ("is there a ready script for that? whats the file called", True, (("code", "path"),)),
        ("what is the name of the project?", True, ()),
        # Read from another language: "wie heißt die Backtrace-Datei", "come si chiama il file".
        ("ATP job crash called merge backtrace file ATP write", False, (("code", "path"),)),
        (
            "ATP active job crash name file backtrace write ATP directory",
            False,
            (("code", "path"),),
        ),
        ("name project EuroHPC", False, ()),
    ],
)
def test_the_kinds_an_answer_must_hold(
    question: str, english_order: bool, kinds: tuple[tuple[str, ...], ...]
) -> None:
    assert required_kinds(question, english_order=english_order) == kinds


@pytest.mark.parametrize(
    ("question", "bounds"),
    [
        ("What's the largest job I can run during the maintenance?", ("upper",)),
        # The most of something is a comparison, not a limit.
        ("Which machine has the most GPUs in Europe?", ()),
        ("Does gmx mdrun put a hard cap on OpenMP threads per rank?", ("upper",)),
        ("What's the smallest memory limit docker run will accept for -m?", ("lower",)),
        ("How many nodes does the partition have?", ()),
    ],
)
def test_a_question_asks_for_a_limit_by_its_direction(
    question: str, bounds: tuple[str, ...]
) -> None:
    assert asked_bounds(question) == bounds


@pytest.mark.parametrize(
    ("text", "bounds", "states"),
    [
        ("A single job may use at most 2,400 nodes.", ("upper",), True),
        ("The number of threads is capped at 64.", ("upper",), True),
        ("Memory limit. Minimum is 4M.", ("lower",), True),
        ("Memory limit. Minimum is 4M.", ("upper",), False),
        # A limit named without its number states none.
        ("Jobs above the maximum size are rejected.", ("upper",), False),
    ],
)
def test_a_text_states_a_limit_of_a_direction_with_its_number(
    text: str, bounds: tuple[str, ...], states: bool
) -> None:
    assert states_bound(text, bounds) is states


@pytest.mark.parametrize(
    ("question", "total"),
    [
        ("how many H100s does MareNostrum 5 ACC have in total?", True),
        ("what's the total number of GPUs in the LEONARDO booster?", True),
        ("how many GPUs does LUMI-G have altogether", True),
        ("how many mi250x cards are in the whole of lumi-g?", True),
        ("marenostrum 5 gpp, whole partition: how many cpu cores is that?", True),
        # What is added up is every part: "every node" is what is summed.
        ("if you add up the local nvme of every node, how much is that?", True),
        ("total gpu memory if you sum every a100 in the booster?", True),
        ("lumi-g node: is its ddr4 bigger than the hbm summed over all 8 gcds?", False),
        # A whole node's count is one part's.
        ("how many GPUs in total per node on LUMI-G?", False),
        ("how many numa domains does a whole node have in total?", False),
        ("can we book whole nodes on LUMI-G?", False),
        ("how many GPUs does each LUMI-G node have", False),
        ("how many GPUs does LUMI-G have", False),
    ],
)
def test_a_question_counts_a_whole(question: str, total: bool) -> None:
    assert asks_total(question) is total


@pytest.mark.parametrize(
    ("question", "cores", "gpus"),
    [
        ("how many cpu cores does the dcgp partition have in total?", True, False),
        ("how many cores in all on LUMI-C?", True, False),
        ("how many mi250x cards are in the whole of lumi-g?", False, True),
        ("how many GPUs does LUMI-G have altogether", False, True),
        ("how many nodes does LUMI-C have in total?", False, False),
        # A count named, and a GPU by its model.
        ("vega's cpu partition: total core count?", True, False),
        ("how many nvidia A40s are there in total?", False, True),
        ("what's the total gpu count of the booster?", False, True),
    ],
)
def test_a_question_counts_cores_or_gpus(question: str, cores: bool, gpus: bool) -> None:
    assert (counts_cores(question), counts_gpus(question)) == (cores, gpus)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("by when did the longest ones have to wrap up?", True),
        ("when would it have to be done at the latest?", True),
        ("what date does the allocation end?", True),
        ("what's the end date of a call 2 study?", True),
        ("how long can an innovation study last?", False),
        ("when does the next call open?", False),
        ("when does the deadline of the third call expire?", False),
    ],
)
def test_a_question_asks_the_day_something_ends(question: str, asks: bool) -> None:
    assert asks_end_day(question) is asks


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("how many working days for each of the three industry modes?", True),
        ("for all three modes, how long?", True),
        ("the three ai factory modes: how fast is access?", True),
        ("which call fits 50k gpu-hours?", False),
        ("for each job, how many gpus?", False),
    ],
)
def test_a_question_asks_a_thing_of_each_call(question: str, asks: bool) -> None:
    assert asks_each_of_calls(question) is asks


@pytest.mark.parametrize(
    ("text", "thing", "given"),
    [
        ("The booster has 4,480 H100 GPUs in 1,120 nodes.", "gpus", True),
        # A number per node, and how many nodes: the total follows.
        ("JUPITER Booster (5,938 nodes): each node has 4 NVIDIA GH200 GPUs.", "gpus", True),
        (
            "MareNostrum 5 ACC (node count not on record): each node has 4 NVIDIA H100 GPUs.",
            "h100s",
            False,
        ),
        ("Nodes have 4 GPUs per node and 512 GB of memory.", "gpus", False),
        ("Nodes have 4 H100 GPUs each.", "gpus", False),
        # The whole's count, with one part's after it.
        ("13,824 GPUs (4 per node).", "gpus", True),
        # The catalogue's own form: the node count, then what each node has.
        ("**LUMI-G** (gpu, 2,978 nodes): each node has 4 AMD MI250X GPUs.", "nodes", True),
        # The node count stated per rack is not the machine's.
        ("Each rack has 64 nodes.", "nodes", False),
        # How many one job may use is no count of how many there are.
        (
            "Name dev-g: Max jobs: 2; Max resources/job: 32 nodes; Purpose: Debugging",
            "nodes",
            False,
        ),
        ("A job may use at most 1,024 nodes.", "nodes", False),
        ("LUMI-G has 2,978 nodes; a job may use at most 1,024 nodes.", "nodes", True),
    ],
)
def test_a_text_gives_a_whole_s_count_only_when_not_said_of_one_part(
    text: str, thing: str, given: bool
) -> None:
    assert gives_total([text], (thing,)) is given


@pytest.mark.parametrize(
    ("question", "share"),
    [
        ("how much funding does each SME get per business experiment?", True),
        ("how many GPU-hours does a Large Scale project get per project?", True),
        ("how much compute per team in Playground?", True),
        # A rate or a size per unit is no share of a whole.
        ("how much does it cost per GPU-hour?", False),
        ("how much memory per node on LUMI-G?", False),
        ("how much funding does FFplus have?", False),
        # Per unit of time, per node, per call: not what one recipient is allotted.
        ("how much funding per month?", False),
        ("how much compute per node?", False),
        ("how much funding is available per call?", False),
    ],
)
def test_a_question_asks_one_s_share_of_money_or_compute(question: str, share: bool) -> None:
    assert asks_allotment(question, counted_things(question)) is share


@pytest.mark.parametrize(
    ("text", "thing", "given"),
    [
        ("Funding for one business experiment (EUR 4 M in total for call 1).", "funding", False),
        ("A total budget of EUR 40 M for the call.", "funding", False),
        ("Up to EUR 200k per experiment.", "funding", True),
        ("The total of EUR 150,000 per experiment.", "funding", True),
        ("300k euros each.", "funding", True),
        ("EUR 2 million overall.", "funding", False),
        ("Free of charge.", "funding", True),
        ("More than 50,000 GPU-hours.", "gpu-hours", True),
        ("1,500,000 GPU-hours in total across all projects.", "gpu-hours", False),
    ],
)
def test_an_amount_said_of_a_whole_is_no_ones_share(text: str, thing: str, given: bool) -> None:
    assert gives_allotment([text], (thing,)) is given


@pytest.mark.parametrize(
    ("question", "attribute"),
    [
        ("what's the PUE of the Deucalion data centre?", "PUE"),
        ("whats the hpl rmax of the discoverer+ gpu extension?", "hpl rmax"),
        ("What is the max walltime on small-g?", "max walltime"),
        ("How many GPUs does LUMI-G have?", ""),
    ],
)
def test_a_what_is_the_x_of_y_question_names_the_attribute_it_asks_for(
    question: str, attribute: str
) -> None:
    assert asked_attribute(question) == attribute


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("What was the Regular Access cut-off date in March 2026?", True),
        ("When did the second FFplus call close?", True),
        # Whether there is one, or where to look, asks for no day.
        ("Is there a Regular Access cut-off in 2026?", False),
        ("Where can I find the Regular Access cut-offs?", False),
    ],
)
def test_a_question_asks_for_a_day(question: str, day: bool) -> None:
    assert asks_day(question) is day


@pytest.mark.parametrize(
    "question",
    [
        "how many gpu hours are left on project_465001873? need to know before i launch a sweep",
        "How many GPU-hours are left on our project EHPC-AIF-2026PG01-1124?",
        "how much storage do we still have in our project?",
        "what's remaining of my allocation this month",
        "how much have we burned of our LUMI budget so far?",
        "How many CPU hours do I have left?",
        "how many hours are left in our GPU-hour allocation?",
    ],
)
def test_a_live_figure_of_one_s_own_project_is_asked(question: str) -> None:
    assert asks_live_figures(question)


@pytest.mark.parametrize(
    "question",
    [
        # How to look it up: the documents answer that.
        "Which command shows how much of our LUMI allocation is left?",
        "how do i check how many GPU-hours are left on our project?",
        # Nothing of one's own project, or nothing left.
        "how much memory is left for my job after the OS takes its share?",
        "is there still an AI for Science cut-off left before the new year?",
        "How many GPU-hours does our project get on Playground?",
        # Something left, but not of what the project holds, or not one's own project's.
        "What happens to my account when I have left the university?",
        "What happens to the remaining hours of my allocation at the end of the project?",
        "How many login attempts are left before my account is locked?",
        "How many days are left until the EHPC-AI-2025A02 cut-off?",
        "Is there a way to see how many hours are left in my project?",
        "What's the command to see how many hours are left for my project?",
        "in the web portal, which app shows how many billing units our project has left?",
        "on leonardo, what do i type to see how much of our budget is left?",
        "karolina: which cli tool shows how many node-hours our project still has?",
    ],
)
def test_no_live_figure_of_one_s_project_is_asked(question: str) -> None:
    assert not asks_live_figures(question)


def test_a_topic_of_facts_about_other_subjects_is_no_rival_of_a_named_lead_giving_the_value() -> (
    None
):
    # "AI for Science: if we get it, how long does the allocation run?" fits what the calls
    # offer best by its words; the offers on record are other calls', and the named call's
    # allocation length answers.
    match = _match("If we get it, how long does the allocation run?", Rival("offer", 0.8, (), True))
    assert rival_topic_score(match, NOW) == 0.0


def test_a_named_lead_of_another_one_of_a_series_leaves_the_rival() -> None:
    lead = ScoredFact(
        _fact("ffplus/apply", "apply", "Call 2 opened on 1 March 2026."), 1.2, 0.6, True
    )
    match = replace(
        _match("When does the third call open?", Rival("offer", 0.8, (), True)), facts=(lead,)
    )
    assert rival_topic_score(match, NOW) == 0.8


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("when does the third FFplus call open?", {3}),
        ("the 4th wave of AI Factories", {4}),
        ("the first cut-off in 2027, a second later", set()),
        ("20 GB and 10 nodes", set()),
    ],
)
def test_ordinals_name_a_place_in_a_series_from_the_third_on(text: str, places: set[int]) -> None:
    assert ordinals(text) == places


def test_a_place_in_a_series_is_named_as_an_ordinal_or_a_number_after_the_thing() -> None:
    assert names_place("Call 3 opens in May.", 3)
    assert names_place("the third wave", 3)
    assert not names_place("Call 2 opened in March; 3 more calls follow.", 3)


@pytest.mark.parametrize(
    "question",
    [
        # Spanish "¿cuánto puede durar el estudio como máximo?" and Polish "ile maksymalnie
        # może trwać", as read.
        "if funding how much can last study at most",
        "how many at most can last project",
    ],
)
def test_how_much_a_thing_can_last_asks_a_duration(question: str) -> None:
    assert wanted_kinds(question)[0] == "duration"


def test_the_last_of_something_counted_asks_no_duration() -> None:
    assert "duration" not in wanted_kinds("how many nodes did the last job use?")


def test_a_duration_asked_is_the_only_kind_a_fact_is_checked_for() -> None:
    # "FFplus innovation studies, how long can a study run, maximum": the offer's "at most 3
    # participants" is a maximum of another thing, not how long.
    assert fact_value_kinds("how long can a study run, maximum?") == ("duration",)
    assert fact_value_kinds("what is the maximum allocation?") == ("quantity",)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("lumi-quota shows our usage; what's the flag for the detailed view?", True),
        ("is there an env var to restrict hugepages to some executables?", True),
        ("vega gpus: what's the slurm partition name for --partition?", True),
        ("which queue name do we submit to?", True),
        ("deucalion: any command to see how much energy our jobs burned?", True),
        ("do you have any idea which call fits?", False),
        ("Which EuroHPC call should we apply to?", False),
        ("how do I load the module?", False),
    ],
)
def test_a_setting_is_asked_by_its_kind_of_name(question: str, asked: bool) -> None:
    assert asks_setting(question) is asked


@pytest.mark.parametrize(
    "text", ["a 3rd-party partner", "by March 31st", "for a third of our team"]
)
def test_an_ordinal_outside_a_series_names_no_place(text: str) -> None:
    assert ordinals(text) == frozenset()


@pytest.mark.parametrize(
    ("question", "duration"),
    [
        ("How many GPU hours can last year's unused allocation carry over?", False),
        ("How many nodes will last week's reservation use?", False),
        ("how much time can a study last?", True),
    ],
)
def test_last_asks_a_duration_only_as_a_verb(question: str, duration: bool) -> None:
    assert ("duration" in wanted_kinds(question)) is duration


def test_minimal_asks_a_bound_only_of_something_measured() -> None:
    assert wanted_kinds("which minimal node count LUMI") == ("quantity",)
    assert asked_bounds("which minimal node count LUMI") == ("lower",)
    assert wanted_kinds("is there a minimal container option") == ()


def test_in_german_a_line_s_first_word_starts_no_row() -> None:
    question = "Hallo zusammen,\nUnser On-Prem-Server hat eine Firewall."
    assert _name_like(question, nouns_capitalised=True) == set()


@pytest.mark.parametrize(
    ("question", "things"),
    [
        # A second question joined on ends the thing counted; "hrs" are hours.
        ("MultiSynt got how many gpu hrs and where", ("hours",)),
        ("how many nodes or which partition should we pick", ("nodes",)),
        ("how many GPU hours max can we ask for", ("hours",)),
    ],
)
def test_the_thing_counted_ends_before_a_joined_question(
    question: str, things: tuple[str, ...]
) -> None:
    assert counted_things(question) == things


def test_petaflops_are_measured_in_their_own_unit() -> None:
    assert unit_measures("meluxina how many petaflops") == ("petaflops",)
    assert holds_count("MeluXina peak: about 10 PF.", "petaflops")
    assert holds_count("JUPITER delivers 1 EFlop/s HPL.", "flops")
    # A number of GPU-hours is no rate of operations.
    assert not holds_count("Up to 50,000 GPU-hours.", "petaflops")


FFPLUS = Subject("call", "ffplus", "FFplus")


def _named(
    subject: Subject, fid: str, topic: str, text: str, score: float, fit: float
) -> ScoredFact:
    """A scored fact about `subject`, which the question names."""
    return ScoredFact(replace(_fact(fid, topic, text), subjects=(subject,)), score, fit, True)


THRESHOLD = _named(
    FFPLUS,
    "ffplus/review",
    "review",
    "An aggregator reports 10 points as the threshold.",
    1.43,
    0.78,
)
HISTORY = _named(
    FFPLUS,
    "ffplus/history",
    "history",
    "Call 1 drew 62 proposals and funded 18 projects.",
    1.42,
    0.75,
)
PROPOSALS = "how many proposals did ffplus call 1 get"


def test_a_fact_counting_the_thing_asked_leads_one_whose_number_counts_another() -> None:
    assert _ids(lead_by_value([THRESHOLD, HISTORY], PROPOSALS, NOW, 0.2)) == [
        "ffplus/history",
        "ffplus/review",
    ]


def test_the_thing_counted_moves_no_lead_in_a_question_read_from_another_language() -> None:
    led = lead_by_value([THRESHOLD, HISTORY], PROPOSALS, NOW, 0.2, english_order=False)
    assert _ids(led)[0] == "ffplus/review"


def test_a_count_of_the_thing_about_another_subject_does_not_lead() -> None:
    acc = Subject("partition", "acc", "MareNostrum 5 ACC")
    gpp = Subject("partition", "gpp", "MareNostrum 5 GPP")
    lead = _named(
        acc, "mn5/acc", "nodes", "ACC (node count not on record): each node has 4 H100.", 1.35, 0.69
    )
    other = _named(gpp, "mn5/gpp", "nodes", "GPP (6,480 nodes): 2 CPUs per node.", 1.18, 0.69)
    led = lead_by_value([lead, other], "How many ACC nodes does MareNostrum 5 have?", NOW, 0.2)
    assert _ids(led)[0] == "mn5/acc"


def test_a_fact_saying_it_is_free_does_not_take_the_lead_for_a_price() -> None:
    offer = replace(HISTORY, fact=replace(HISTORY.fact, text="More than 50,000 GPU-hours."))
    free = replace(
        THRESHOLD,
        fact=replace(THRESHOLD.fact, text="Free of charge for SMEs; other companies pay per use."),
        score=offer.score - 0.1,
    )
    asked = "we're not an SME: what's the price per gpu-hour in euros for us?"
    assert _ids(lead_by_value([offer, free], asked, NOW, 0.2))[0] == "ffplus/history"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("how much money went into wave 2 of the AI factories", {("wave", 2)}),
        ("how much went into the 2nd wave", {("wave", 2)}),
        ("The second wave is worth about EUR 485 M.", {("wave", 2)}),
        ("The first wave is worth EUR 1.5 B.", {("wave", 1)}),
        (
            "waves 1, 2 and 3 were selected in 2024 and 2025",
            {("wave", 1), ("wave", 2), ("wave", 3)},
        ),
        ("Calls 1 and 2 each had EUR 4 M in total.", {("call", 1), ("call", 2)}),
        ("how many got funded in the second ffplus innovation studies call?", {("call", 2)}),
        # A cut-off's "first" asks for the next one; a time's "second" is no place; a verb
        # is no series; a number after the series may be a time.
        ("when is the first cut-off in 2027", set()),
        ("a job waits a second before it starts", set()),
        ("the first time we call the helpdesk", set()),
        ("we applied to the 1st call 2 weeks ago", {("call", 1)}),
        # A range names every place in it.
        ("waves 1 to 3 were selected", {("wave", 1), ("wave", 2), ("wave", 3)}),
        ("calls 1-3 closed", {("call", 1), ("call", 2), ("call", 3)}),
        # Clauses and counts between or after are no places.
        ("the second month after the call closes", set()),
        ("the first step is a call with the helpdesk", set()),
        ("the 2nd largest call", set()),
        ("can I call 2 people there", set()),
    ],
)
def test_places_in_a_series_are_read_as_words_digits_and_numbers_after_the_series(
    text: str, named: set[tuple[str, int]]
) -> None:
    assert places(text) == named


def test_a_place_of_another_series_is_no_other_place() -> None:
    asked = places("how many projects did the second ffplus call fund?")
    assert only_other_places(asked, places("Call 1 funded 18 projects."))
    assert not only_other_places(asked, places("Calls 1 and 2 each had EUR 4 M."))
    assert not only_other_places(asked, places("We are in phase 1 of our project."))
    assert not only_other_places(asked, places("Calls 1 to 3 each had EUR 4 M."))


FIRST_WAVE = ScoredFact(
    _fact("w/1", "waves", "The first wave is worth EUR 1.5 B."), 0.99, 0.77, False
)
SECOND_WAVE = ScoredFact(
    _fact("w/2", "waves", "The second wave is worth about EUR 485 M."), 0.97, 0.77, False
)
ALL_WAVES = ScoredFact(
    _fact("w/all", "waves", "19 AI Factories in 3 waves: wave 1 (7), wave 2 (6), wave 3 (6)."),
    0.99,
    0.77,
    False,
)


def test_a_fact_about_the_place_asked_leads_one_about_another_place() -> None:
    led = lead_by_place([FIRST_WAVE, SECOND_WAVE], "how much money went into wave 2", NOW, 0.2)
    assert _ids(led) == ["w/2", "w/1"]


def test_a_list_of_places_without_the_value_gives_the_lead_to_the_place_asked() -> None:
    asked = "how much money went into wave 2 of the AI factories"
    led = lead_by_place([ALL_WAVES, FIRST_WAVE, SECOND_WAVE], asked, NOW, 0.2)
    assert _ids(led)[0] == "w/2"


def test_a_fact_about_nothing_named_does_not_take_the_lead_for_its_place() -> None:
    history = _named(FFPLUS, "ff/history", "history", "Call 1 funded 18 projects.", 1.0, 0.7)
    asked = "how many projects got funded in the second ffplus call?"
    other = replace(
        SECOND_WAVE, fact=replace(SECOND_WAVE.fact, text="Call 2 of another programme.")
    )
    assert _ids(lead_by_place([history, other], asked, NOW, 0.2))[0] == "ff/history"


def test_a_fact_naming_the_place_asked_among_others_keeps_the_lead() -> None:
    asked = "how many AI factories are there after the third wave"
    assert _ids(lead_by_place([ALL_WAVES, FIRST_WAVE], asked, NOW, 0.2))[0] == "w/all"


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("each node has 4 NVIDIA A100 40 GB GPUs; 240 GPUs in total.", False),
        ("each node has 4 AMD Instinct MI250X GPUs (128 GB each)", False),
        ("On the Booster, each GPU has 96 GB of HBM3.", False),
        ("each node has 4 NVIDIA A100 SXM4 64 GB GPUs; memory: 512 GB DDR4", True),
    ],
)
def test_a_gpus_memory_gives_no_size_of_a_nodes_ram(text: str, gives: bool) -> None:
    assert counted_things("vega gpu nodes - how much system ram per node?") == ("ram",)
    assert holds_count(text, "ram") is gives


def test_a_gpus_memory_still_gives_how_much_memory() -> None:
    assert holds_count("On the Booster, each GPU has 96 GB of HBM3.", "memory")


def test_a_number_of_things_asked_without_an_apostrophe_counts_them() -> None:
    assert counted_things("playground: whats the max number of gpu hrs we can request?") == (
        "hours",
    )


def test_business_shorthand_in_capitals_is_no_name() -> None:
    question = (
        "we need GPUs next week for a customer POC, ASAP: how many days till Fast Lane access?"
    )
    assert _name_like(question) == {"gpu", "fast", "lane"}


@pytest.mark.parametrize(
    "question",
    [
        "how much system memory per node on vega gpu nodes?",
        "how much host memory does a vega gpu node have?",
    ],
)
def test_system_or_host_memory_is_a_nodes_ram(question: str) -> None:
    assert counted_things(question) == ("ram",)
    assert not holds_count("each node has 4 NVIDIA A100 40 GB GPUs", counted_things(question)[0])


def test_memory_the_question_says_it_does_not_mean_is_not_measured() -> None:
    question = "leonardo booster: total host ram (the ddr4, not the a100 memory) over all nodes?"
    assert not measures_gpu_memory(question)
    assert measures_node_memory(question)
    assert measures_gpu_memory("total a100 memory of the booster?")


def test_gpu_hrs_written_as_one_word_count_gpu_hours() -> None:
    assert counted_things("how many gpu-hrs did MultiSynt get and where?") == ("gpu-hours",)


def test_a_rate_of_operations_is_read_in_its_singular_and_as_a_ratio() -> None:
    assert holds_count("about 10 PFlop peak", "petaflops")
    assert holds_count("JUPITER 1 EF; LUMI 380 PF", "ratio")


def test_general_entries_are_not_about_the_same_thing() -> None:
    # Neither FAQ entry gives the price asked; the second's "three" is no price either.
    fits = _scored(
        "faq/fits", "fit", "A first test: Playground, 1 to 3 months.", 0.81, 0.65, named=False
    )
    free = _scored(
        "faq/free",
        "free",
        "Usually yes: three modes, free for SMEs; others pay per use.",
        0.77,
        0.61,
        named=False,
    )
    asked = "we're not an SME anymore: what's the price per GPU-hour we'd pay?"
    assert _ids(lead_by_value([fits, free], asked, NOW, 0.2))[0] == "faq/fits"


def test_a_nodes_gpu_memory_is_no_ram() -> None:
    assert counted_things("how much node GPU memory does a Leonardo booster node have?") == (
        "memory",
    )


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("the irish ai factory antenna, which ai factory is it linked to?", "factory"),
        ("which machines does fast lane give access to", "machine"),
        ("what supercomputer is it?", "machine"),
        ("which call fits a 50k gpu-hour project?", "call"),
        ("the winner gets 2.5% of capacity: on which machine(s) exactly?", "machine"),
        ("14 proposals and 13 funded: which country's bid was turned down?", "country"),
        ("which countries are in the LUMI consortium?", "country"),
        # The kind qualifies another thing asked for.
        ("which call deadline is next", None),
        ("what machine hours do we get", None),
        ("which partition should we use on LUMI?", None),
    ],
)
def test_a_which_question_asks_for_a_name_of_a_kind(question: str, kind: str | None) -> None:
    assert asked_subject_kind(question) == kind


@pytest.mark.parametrize(
    ("reading", "kind"),
    [
        # Read from another language, any word may follow the kind asked.
        (
            "Malta AI factory antenna or which AI factory connected who machine access get",
            "factory",
        ),
        ("which machine run model LUMI AI Factory", "machine"),
        ("who run antenna Belgium", None),
    ],
)
def test_a_reading_asks_for_a_name_of_a_kind(reading: str, kind: str | None) -> None:
    assert asked_subject_kind(reading, english_order=False) == kind


OFFER = Rival(
    "offer",
    0.75,
    (replace(_fact("ffplus/offer", "offer", "Up to EUR 300k per study."), subjects=(FFPLUS,)),),
    True,
)


APPLICATIONS = "ffplus, first call: how many applications?"


def _about_ffplus(question: str, rival: Rival) -> CuratedMatch:
    """A match of `question`, which names FFplus, led by the history that counts proposals."""
    named = (Mention(FFPLUS, 0, len("ffplus")),)
    return replace(_match(question, rival), facts=(HISTORY,), mentions=named)


def test_a_rival_topic_whose_named_facts_count_another_thing_is_no_rival() -> None:
    # The call's offer states sums of money, no number of applications; the history that
    # counts 62 proposals answers.
    assert rival_topic_score(_about_ffplus(APPLICATIONS, OFFER), NOW) == 0.0


def test_a_rival_topic_whose_named_facts_count_the_thing_stays_a_rival() -> None:
    counted = _fact("ffplus/review", "review", "Its first round drew 64 applications.")
    review = Rival("review", 0.75, (replace(counted, subjects=(FFPLUS,)),), True)
    assert rival_topic_score(_about_ffplus(APPLICATIONS, review), NOW) == 0.75


def test_a_day_asked_exactly_is_not_given_by_a_time_after_another_event() -> None:
    ai4s = Subject("call", "ai4s", "AI for Science")
    decision = _named(ai4s, "ai4s/time", "time_to_access", DECISION.fact.text, 1.12, 0.65)
    cutoffs = _named(ai4s, "ai4s/cutoffs", "cutoffs", "Cut-offs in 2026: 30 Jun 2026.", 1.11, 0.73)
    asked = "ai4s: the cut-off right before summer 2026, which day exactly?"
    assert _ids(lead_by_value([decision, cutoffs], asked, NOW, 0.2))[0] == "ai4s/cutoffs"
    # Asked when one hears back, the time after the cut-off answers.
    heard = "ai4s: after the cut-off, when do we hear back?"
    assert _ids(lead_by_value([decision, cutoffs], heard, NOW, 0.2))[0] == "ai4s/time"


@pytest.mark.parametrize(
    ("question", "exact"),
    [
        ("which day exactly was the spring cut-off?", True),
        ("what date did the call close", True),
        ("whats the exact date of the next one", True),
        # A time from another event answers these.
        ("when do we hear back after the cut-off?", False),
        ("what date do we hear back after the cut-off?", False),
        ("what day of the week are cut-offs usually on?", False),
    ],
)
def test_a_calendar_day_is_asked_only_by_day_or_date(question: str, exact: bool) -> None:
    assert asks_exact_day(question) is exact


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("cut-offs in 2026: 4 May 2026, 26 Oct 2026", True),
        ("the call closes on June 30", True),
        ("closes 2026-06-30 at noon", True),
        ("A decision about one month after the cut-off.", False),
        ("No cut-off in 2026 is on record.", False),
        ("Published 1 February 2027. The call is open.", False),
    ],
)
def test_a_text_names_a_calendar_day(text: str, named: bool) -> None:
    assert names_calendar_day(text) is named


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("where does vega sit on the top500 list?", (("rank",),)),
        ("what rank is lumi on the TOP500", (("rank",),)),
        ("how high does jupiter rank these days", (("rank",),)),
        # A score is a performance figure.
        ("how well does LUMI score on HPL?", ()),
        ("is marenostrum 5 still in the top 500 ranking?", (("rank",),)),
        # A ranking that is no place on a list, or a place that is no rank.
        ("what ranking criteria does the regular access review use?", ()),
        ("which place do i put the config file in?", ()),
        ("is lumi in the top500", ()),
    ],
)
def test_a_place_on_a_list_is_asked_as_a_rank(
    question: str, kinds: tuple[tuple[str, ...], ...]
) -> None:
    assert required_kinds(question) == kinds


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("**MareNostrum 5** TOP500 (ACC): 8th (November 2023 list).", True),
        ("As of 06/2024, LUMI ranks fifth on the top500.org list.", True),
        ("It was #4 on the TOP500 when inaugurated.", True),
        # An ordinal without a list is no rank.
        ("**Karolina** theoretical peak (second report): 15.7 PF.", False),
        ("the first EuroHPC system", False),
        ("**Vega** peak: 6.9 PF.", False),
        ("HPL target: over 1 EF.", False),
    ],
)
def test_a_text_gives_a_rank(text: str, held: bool) -> None:
    assert holds(text, ("rank",)) is held


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("belgian antenna of the lumi ai factory, which institution runs it?", "host"),
        ("who runs the latvian antenna?", "host"),
        ("which university hosts the czech ai factory", "host"),
        ("which centre should we apply to?", None),
        ("who can apply for fast lane?", None),
    ],
)
def test_a_question_asks_who_hosts_or_runs_something(question: str, kind: str | None) -> None:
    assert asked_subject_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("slaif is getting a new ai system. which vendor is building it?", "vendor"),
        ("who built vega?", "vendor"),
        ("who is building jupiter's booster?", "vendor"),
        ("who can build software on lumi?", None),
    ],
)
def test_a_question_asks_who_builds_something(question: str, kind: str | None) -> None:
    assert asked_subject_kind(question) == kind


def test_a_text_names_the_builder_by_company_or_as_built_by() -> None:
    assert names_vendor("a 6.9 PF Atos machine")
    assert names_vendor("built by ParTec and Eviden")
    assert not names_vendor("SLAIF is an AI Factory hosted by IZUM, Maribor, Slovenia.")


def test_a_text_names_a_host_by_what_hosts_or_runs_it() -> None:
    assert names_host("**LUMI** is hosted by CSC – IT Center for Science in Kajaani, Finland.")
    assert names_host("The antenna is run by the national HPC centre.")
    assert not names_host("Belgium has an **AI Factory Antenna**, linked to LUMI AI Factory.")


@pytest.mark.parametrize(
    ("question", "things"),
    [
        # A past tense ends the thing counted as the present does.
        ("the grand challenge, how many proposals came in overall?", ("proposals",)),
        ("how many applications arrived before the cap?", ("applications",)),
        # A sum asked in a currency, or the size of a contract, is money.
        ("the new ai system's contract, how big was it in euros?", ("money",)),
        ("what is that contract worth", ("money",)),
        ("gaia ai factory: what's its budget / contract value?", ("money",)),
        ("how big is the gpu partition", ()),
        # A budget in GPU-hours is compute time.
        ("what is the budget for fast lane in gpu hours", ()),
        # Compute time is counted in GPU-hours or node-hours.
        ("how much gpu time did they get on lumi?", ("hours",)),
        ("how much time does the review take?", ("time",)),
        # "All together" qualifies the sum; it is not the thing summed.
        ("second wave - roughly how much money all together?", ("money",)),
        # A share of a cost, not a price.
        ("what fraction of the supercomputer's cost does the eu cover?", ("fraction",)),
        ("what share of the costs does the eu pay", ("percent",)),
    ],
)
def test_what_a_question_counts_or_measures_without_how_many(
    question: str, things: tuple[str, ...]
) -> None:
    assert counted_things(question) == things


def test_a_batch_of_ai_factories_is_a_wave() -> None:
    assert places("the first batch of ai factories picked in dec 2024") == {("wave", 1)}
    assert places("antennas: batches 1 and 2") == {("wave", 1), ("wave", 2)}
    # Any other batch is no place in a series.
    assert places("my first batch job on lumi") == set()
    assert places("batch 2 of our training runs") == set()


def test_a_lead_naming_no_place_gives_way_to_the_place_asked_giving_the_value() -> None:
    antennas = ScoredFact(
        _fact("ant", "waves", "13 antennas were announced with about EUR 55 M."), 1.0, 0.84, False
    )
    asked = "the first batch of ai factories: how much money in total was behind it?"
    assert _ids(lead_by_place([antennas, FIRST_WAVE], asked, NOW, 0.2)) == ["w/1", "ant"]


def test_a_lead_naming_no_place_keeps_the_lead_from_a_place_without_the_value() -> None:
    antennas = ScoredFact(
        _fact("ant", "waves", "13 antennas were announced with about EUR 55 M."), 1.0, 0.84, False
    )
    first = replace(FIRST_WAVE, fact=replace(FIRST_WAVE.fact, text="The first wave chose seven."))
    asked = "the first batch of ai factories: how much money in total was behind it?"
    assert _ids(lead_by_place([antennas, first], asked, NOW, 0.2))[0] == "ant"


IT4LIA = Subject("factory", "it4lia", "IT4LIA")
ITALY = Subject("country", "italy", "Italy")


def test_a_fact_about_the_same_and_more_may_take_the_lead_with_the_number_asked() -> None:
    host = ScoredFact(
        replace(
            _fact("f/host", "factory_host", "IT4LIA is hosted by CINECA; selected in wave 1."),
            subjects=(IT4LIA, ITALY),
        ),
        1.16,
        0.71,
        True,
    )
    system = ScoredFact(
        replace(
            _fact("f/system", "factory_system", "IT4LIA system: a new one (EUR 290 M contract)."),
            subjects=(IT4LIA, ITALY, Subject("machine", "leonardo", "LEONARDO")),
        ),
        1.09,
        0.59,
        True,
    )
    asked = "italy's ai factory, how big was the new system's contract in euros?"
    assert _ids(lead_by_value([host, system], asked, NOW, 0.2))[0] == "f/system"


@pytest.mark.parametrize(
    ("question", "asking"),
    [
        # What was done or found is told, not asked.
        ("found a centrally installed module. whats the first place to look for help?", ""),
        ("cloned the repo, pip installed the reqs. what cmd builds the site?", ""),
        (
            "We have nodes for our zorblax runs. Is ollama installed on LUMI?",
            "Is ollama installed on LUMI?",
        ),
        # Chat drops the question mark of the last sentence.
        ("is vllm installed on lumi", "is vllm installed on lumi"),
        (
            "anyone got unsloth running? is it preinstalled?",
            "anyone got unsloth running? is it preinstalled?",
        ),
    ],
)
def test_only_a_sentence_that_asks_asks_whether_something_is_there(
    question: str, asking: str
) -> None:
    assert availability_sentence(question) == asking


def test_a_price_for_a_unit_read_from_another_language_is_a_rate() -> None:
    # "Quanto farà pagare ... per un'ora GPU": the reading keeps "for hour GPU".
    reading = "how much pay LUMI-AI to enterprise for hour GPU in 2028"
    assert counted_things(reading, english_order=False) == ("rate",)
    assert counted_things("how much does fast lane cost for start-ups") == ("price",)


@pytest.mark.parametrize(
    ("text", "question", "counted"),
    [
        (
            "The LUMI consortium: Finland, Belgium, Czech Republic, Denmark, Estonia, Iceland, "
            "Norway, Poland, Sweden and Switzerland.",
            "how many countries are in the lumi consortium?",
            "**10 countries:** The LUMI consortium: Finland,",
        ),
        (
            "IT4LIA is hosted by CINECA. Partners: Austria, Slovenia.",
            "how many partners does it4lia have",
            "**2 partners:** IT4LIA",
        ),
        (
            "Extreme Scale Access gives access to: LUMI, LEONARDO, MareNostrum 5, JUPITER.",
            "how many machines can we use through extreme scale?",
            "**4 machines:** Extreme",
        ),
    ],
)
def test_names_listed_are_counted_when_their_number_is_asked(
    text: str, question: str, counted: str
) -> None:
    assert with_listed_count(text, question).startswith(counted)


def test_a_list_is_counted_only_for_what_it_lists_and_only_whole() -> None:
    text = "BSC AI Factory is hosted by BSC, Spain. Partners: Portugal, Romania, Türkiye."
    # Its partners leave out the host: they are not the factory's countries.
    assert with_listed_count(text, "how many countries are part of the bsc ai factory?") == text
    assert with_listed_count(text, "how many partners besides spain?") == text
    assert with_listed_count(text, "how many partner countries does it have?").startswith(
        "**3 countries:**"
    )


def test_a_list_is_not_counted_unless_its_number_is_asked() -> None:
    text = "IT4LIA is hosted by CINECA. Partners: Austria, Slovenia."
    assert with_listed_count(text, "who are the partners of it4lia?") == text
    assert with_listed_count("Partners: none on record.", "how many partners?") == (
        "Partners: none on record."
    )


def test_how_long_read_from_another_language_counts_nothing() -> None:
    # "Ile mniej więcej trwa" reads "how many approximately last": a duration, no thing.
    reading = "Regular Access how many approximately last from cut-off before can count"
    assert counted_things(reading, english_order=False) == ()
    assert counted_things("how many approximately GPU node LUMI-G", english_order=False) == (
        "gpu",
        "node",
        "lumi-g",
    )


@pytest.mark.parametrize(
    ("question", "usable"),
    [
        ("how much of the ram can a job actually get on lumi-c?", True),
        ("how much memory is usable per node?", True),
        ("how much memory is available to a job on small?", True),
        ("how much memory does a lumi-c node have?", False),
        # Usable as in ready: when access starts, not what a job may use.
        ("how long after the cut-off until the compute is actually usable?", False),
    ],
)
def test_what_a_job_can_use_is_asked_apart_from_what_is_installed(
    question: str, usable: bool
) -> None:
    assert asks_usable(question) is usable


def test_a_text_says_what_is_available_to_jobs() -> None:
    assert says_usable("256GB of memory installed but 224GB is really available to the job")
    assert not says_usable("memory: 256 GiB on 1,888 nodes")


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("ffplus call 2: from which day could we start submitting?", ("opening",)),
        ("when did the second call open for proposals?", ("opening",)),
        ("when does the ffplus innovation studies call open?", ("opening",)),
        ("what's the opening date of the call?", ("opening",)),
        ("when did the large ai grand challenge kick off?", ("start",)),
        ("if we win, when would the study actually kick off?", ("start",)),
        ("when did ffplus call 2 start?", ("start",)),
        ("at what time of day does submission close?", ("clock time",)),
        ("what time does the cut-off close on the 11th?", ("clock time",)),
        # A close, a length, how to begin or a time of year is no day of opening and no hour.
        ("when is the next cut-off?", ()),
        ("is the call open now?", ()),
        ("how do we start applying for the fast lane?", ()),
        ("what do we need before we start submitting?", ()),
        ("when I launch a job with srun how many cpus do I get?", ()),
        ("what time frame do we have for the project?", ()),
        ("how much time does a decision take?", ()),
        ("what time does the ai for science review take?", ()),
        ("what time of year are the regular access cut-offs?", ()),
    ],
)
def test_some_values_are_asked_that_only_the_fact_stating_them_gives(
    question: str, kinds: tuple[str, ...]
) -> None:
    assert specific_kinds(question) == kinds


@pytest.mark.parametrize(
    ("text", "kind", "held"),
    [
        ("Call 2 opened for proposals on 3 Feb 2026 at 09:00.", "opening", True),
        ("Applications were open from 13 Feb to 13 Apr 2026.", "opening", True),
        ("Benchmark Access is continuously open.", "opening", True),
        ("Next cut-off: 25 Feb 2026 (call 2 closed).", "opening", False),
        ("Up to 10 months (call 2 studies start on 1 Sep 2026).", "opening", False),
        ("Up to 10 months (call 2 studies start on 1 Sep 2026).", "start", True),
        ("The Commission launched the competition on 16 Nov 2023.", "start", True),
        ("Next cut-off: 25 Feb 2026.", "start", False),
        ("Next cut-off: Fri 11 Dec 2026, 10:00 CET.", "clock time", True),
        ("It closes at 5 pm Brussels time.", "clock time", True),
        ("Next cut-off: Fri 11 Dec 2026.", "clock time", False),
        ("Log in to LEONARDO at `login.leonardo.cineca.it`.", "host name", True),
        ("ssh -i ~/.ssh/id_ed25519 alice@lumi.csc.fi", "host name", True),
        # A web page's address and a file's name are no host to log in to.
        ("User documentation: https://docs.lxp.lu/system/overview/", "host name", False),
        ("Four login nodes (2x 32-core AMD Rome, 512 GB) front it.", "host name", False),
        ("python train.py --config cfg.yaml", "host name", False),
        ("LUMI-G has 2,978 nodes.", "clock time", False),
        # Decimals and model names are no hours.
        ("memory: 512 GB DDR4 and 3.84 TB of local NVMe", "clock time", False),
        ("2x AMD EPYC 7H12 CPUs", "clock time", False),
        ("PyTorch 2.10 in the container", "clock time", False),
    ],
)
def test_a_text_gives_the_day_something_opened_or_started_or_its_hour(
    text: str, kind: str, held: bool
) -> None:
    assert holds(text, (kind,)) is held


OPENED = _scored(
    "ffplus/apply", "apply", "Call 2 opened for proposals on 3 Feb 2026 at 09:00.", 1.09, 0.58
)
LAST_CUTOFF = _scored(
    "ffplus/cutoffs", "cutoffs", "No future cut-off; the last was 25 Feb 2026.", 1.32, 0.84
)


def test_the_fact_giving_the_day_submissions_opened_leads_however_far_behind() -> None:
    asked = "ffplus call 2: from which day could we start submitting?"
    assert _ids(lead_by_value([LAST_CUTOFF, OPENED], asked, NOW, 0.2)) == [
        "ffplus/apply",
        "ffplus/cutoffs",
    ]


def test_a_fact_about_nothing_named_does_not_take_the_lead_for_the_day_asked() -> None:
    asked = "ffplus call 2: from which day could we start submitting?"
    unnamed = ScoredFact(OPENED.fact, OPENED.score, OPENED.topic, named=False)
    assert _ids(lead_by_value([LAST_CUTOFF, unnamed], asked, NOW, 0.2))[0] == "ffplus/cutoffs"


def _about(fid: str, topic: str, score: float, *, subject: bool) -> ScoredFact:
    subjects = (Subject("call", fid, fid),) if subject else ()
    fact = CuratedFact(
        id=fid,
        subjects=subjects,
        topics=(topic,),
        text=fid,
        source="https://example.org/call",
        as_of=date(2026, 1, 1),
        confirmed=True,
    )
    return ScoredFact(fact, score, 0.8, named=False)


def test_a_lead_about_one_thing_not_named_gives_way_to_its_topics_general_fact() -> None:
    # "Out of all the calls, which deadline is next": Large Scale's next cut-off fits the words,
    # the list of upcoming cut-offs answers.
    one = _about("large-scale/cutoffs", "cutoffs", 0.90, subject=True)
    every = _about("cutoffs/upcoming", "cutoffs", 0.89, subject=False)
    assert _ids(lead_by_generality([one, every], 0.2)) == [
        "cutoffs/upcoming",
        "large-scale/cutoffs",
    ]


def test_a_named_lead_or_a_general_fact_of_another_topic_keeps_the_lead() -> None:
    one = _about("large-scale/cutoffs", "cutoffs", 0.90, subject=True)
    named = ScoredFact(one.fact, one.score, one.topic, named=True)
    every = _about("cutoffs/upcoming", "cutoffs", 0.89, subject=False)
    other = _about("fit", "fit", 0.89, subject=False)
    assert _ids(lead_by_generality([named, every], 0.2))[0] == "large-scale/cutoffs"
    assert _ids(lead_by_generality([one, other], 0.2))[0] == "large-scale/cutoffs"
    far = _about("cutoffs/upcoming", "cutoffs", 0.60, subject=False)
    assert _ids(lead_by_generality([one, far], 0.2))[0] == "large-scale/cutoffs"


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("how long are the 4 epochs supposed to take?", (("duration",),)),
        ("how long did the build take for you?", (("duration",),)),
        ("how long can a job run?", ()),
        # How long something holds, too: a lifetime, a retention.
        ("how long does a project invitation stay valid before it expires?", (("duration",),)),
        ("how long are files kept in scratch?", (("duration",),)),
        # A count of a unit of time is a duration; a count of GPU hours is compute.
        ("how many days of grace do we get over the soft quota?", (("duration",),)),
        ("ping-pong latency: how many microseconds should we expect?", (("duration",),)),
        ("how many gpu hours does playground give?", ()),
    ],
)
def test_how_long_something_takes_is_only_given_by_a_duration(
    question: str, kinds: tuple[tuple[str, ...], ...]
) -> None:
    assert required_kinds(question) == kinds


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("4 gpu nodes vs 1: what speedup did the ddp example get?", (("speedup", "duration"),)),
        ("what was the time per epoch on one node?", (("speedup", "duration"),)),
        ("is there a request-rate limit per bucket?", (("bandwidth",),)),
        ("how many requests per second does lumi-o take?", (("bandwidth",),)),
        ("numa question: how fast is the link between the two sockets?", (("bandwidth",),)),
        # When something still to come happens: a date, or a time from now.
        ("hammerhai: from when can startups get jobs running on it?", (("date", "duration"),)),
        ("when does their machine go live?", (("date", "duration"),)),
        # A speed-up named, not asked for; a day gone by.
        ("does the container give a speedup on lumi-g?", ()),
        ("when did lumi go live?", ()),
    ],
)
def test_a_speedup_a_rate_or_a_day_to_come_is_only_given_by_one(
    question: str, kinds: tuple[tuple[str, ...], ...]
) -> None:
    assert required_kinds(question) == kinds


@pytest.mark.parametrize(
    ("text", "kind", "held"),
    [
        ("Training ran 3.8x faster on 4 nodes.", "speedup", True),
        ("It scales by a factor of 3.5 from 1 to 4 nodes.", "speedup", True),
        ("Each node has 4x MI250X GPUs.", "speedup", False),
        ("The job reserves 4 nodes for 2 hours.", "speedup", False),
    ],
)
def test_a_text_gives_a_speedup_as_a_ratio(text: str, kind: str, held: bool) -> None:
    assert holds(text, (kind,)) is held


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("got hours on meluxina. whats the ssh login hostname?", (("host name",),)),
        ("which address do we ssh to for leonardo?", (("host name",),)),
        ("what's the login server of vega?", (("host name",),)),
        # How to log in, or how many login nodes there are, asks for no host's name.
        ("how do I log in to LUMI?", ()),
        ("how many login nodes does meluxina have?", ()),
    ],
)
def test_a_host_name_asked_for_is_only_given_by_one(
    question: str, kinds: tuple[tuple[str, ...], ...]
) -> None:
    assert required_kinds(question) == kinds


def test_a_rate_of_operations_is_measured_when_asked_by_its_unit() -> None:
    assert unit_measures("whats the peak bf16 tflops of a single gcd?") == ("tflops",)
    assert unit_measures("what's the peak of LUMI in petaflops?") == ("petaflops",)
    assert unit_measures("what's the peak of LUMI?") == ()


def test_which_day_asks_a_date() -> None:
    assert "date" in wanted_kinds("from which day can we submit?")


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("out of all the calls, which deadline comes first?", True),
        ("what's the next cut-off for large scale?", True),
        ("any upcoming deadlines?", True),
        ("is there an upcoming frontier ai grand challenge?", False),
        ("what's the next step after the cut-off?", False),
    ],
)
def test_a_deadline_to_come_is_asked(question: str, asked: bool) -> None:
    assert asks_next_deadline(question) is asked


@pytest.mark.parametrize(
    ("text", "past"),
    [
        ("a first cut-off on 4 Nov 2024 and then one every three months until 31 Dec 2025", True),
        ("Next cut-off: Fri 11 Dec 2026, 10:00 CET.", False),
        ("cut-offs on 30 Oct 2026 and 11 Dec 2026", False),
        ("expected in 2027", False),
        ("No dated day here.", False),
    ],
)
def test_a_text_naming_only_days_gone_by_tells_what_was(text: str, past: bool) -> None:
    assert only_past_days(text, date(2026, 12, 6)) is past


NONE_ON_RECORD = ScoredFact(
    replace(
        _fact(
            "ffplus/cutoffs", "cutoffs", "No future cut-off is on record; the last was 25 Feb 2026."
        ),
        unknown_at=lambda _now, _question: True,
    ),
    1.32,
    0.84,
    True,
)


def test_the_day_the_last_call_opened_does_not_say_when_the_next_one_opens() -> None:
    asked = "when does the next ffplus call open?"
    assert _ids(lead_by_value([OPENED, NONE_ON_RECORD], asked, NOW, 0.2)) == [
        "ffplus/cutoffs",
        "ffplus/apply",
    ]


def test_the_day_a_call_opened_answers_when_it_opened() -> None:
    asked = "when did the second ffplus call open?"
    assert _ids(lead_by_value([NONE_ON_RECORD, OPENED], asked, NOW, 0.2))[0] == "ffplus/apply"


@pytest.mark.parametrize(
    ("question", "ahead"),
    [
        ("is there a second antennas call coming up? when does it close?", True),
        ("when is the next ai factories wave?", True),
        # Asked what was, or when something will be without a next one, nothing is ahead.
        ("when did the antennas call close?", False),
        ("when will jupiter be available?", False),
        ("what are the next steps after the cut-off?", False),
        # "Next" in a clause of its own, or said of the past, asks for no day ahead.
        ("next q: when was vega inaugurated", False),
        ("when was the antennas call open? we're preparing for the next one", False),
        ("when did lumi go into production? asking for our next grant report", False),
        ("next large scale deadline, when?", True),
        # After a clause naming what is ahead, however far back; "will be announced" is ahead.
        ("any upcoming antennas call? if so, when does it close", True),
        ("when will the next antennas call be announced", True),
        ("any future antennas call? when would it close", True),
    ],
)
def test_a_question_asks_for_a_day_still_ahead(question: str, ahead: bool) -> None:
    assert asks_day_ahead(question) is ahead


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        # A clock time is a time of day; a clock rate is a frequency.
        ("what clock time does submission close?", ("clock time",)),
        ("what clock rate do the lumi-c cpus run at?", ()),
    ],
)
def test_a_clock_time_is_a_time_of_day(question: str, kinds: tuple[str, ...]) -> None:
    assert specific_kinds(question) == kinds


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "is there an ai factory in romania, and if so who hosts it and what machine does it"
            " run on?",
            ("is there an ai factory in romania", "who hosts it", "what machine does it run on?"),
        ),
        (
            "is there an antenna in latvia? which factory is it linked to?",
            ("is there an antenna in latvia?", "which factory is it linked to?"),
        ),
        # "And" between two things asked about is one question.
        (
            "how many CPU and GPU nodes does LUMI have?",
            ("how many CPU and GPU nodes does LUMI have?",),
        ),
        ("what do Playground and Fast Lane give?", ("what do Playground and Fast Lane give?",)),
        # What only says more about the question before asks nothing of its own.
        (
            "which gpus will LUMI-AI have? mi355x or something else?",
            ("which gpus will LUMI-AI have? mi355x or something else?",),
        ),
        (
            "how many gpu hours does a playground project come with? trying to see if it's enough",
            (
                "how many gpu hours does a playground project come with? trying to see if it's enough",
            ),
        ),
        (
            "what gpus are in discoverer+ and how many of them",
            ("what gpus are in discoverer+ and how many of them",),
        ),
        (
            "what percentage of daedalus goes to eurohpc calls, and how much stays with greece?",
            ("what percentage of daedalus goes to eurohpc calls, and how much stays with greece?",),
        ),
        # A question word after its preposition asks, and so does one after a condition.
        (
            "second ffplus call: from which day could you submit, and when did it close?",
            ("second ffplus call: from which day could you submit", "when did it close?"),
        ),
        (
            "large scale: is it peer reviewed, and once a cut-off passes how quickly are we on?",
            ("large scale: is it peer reviewed", "once a cut-off passes how quickly are we on?"),
        ),
        (
            "if we make that cut-off, roughly how long until we get a yes/no?",
            ("if we make that cut-off, roughly how long until we get a yes/no?",),
        ),
        # A list of questions ended by "and" is split at each; one thing asked twice is not.
        (
            "benchmark access: what kind of review is it, how long do we keep it, and is there a"
            " deadline?",
            (
                "benchmark access: what kind of review is it",
                "how long do we keep it",
                "is there a deadline?",
            ),
        ),
        (
            "who's behind the container wrapper, which org actually built it?",
            ("who's behind the container wrapper, which org actually built it?",),
        ),
        # A reading from another language keeps its question marks and "if so", not its
        # commas and "and".
        (
            "start-up Romanian. is there AI Factory Romania? if so who host which machine run?",
            ("start-up Romanian. is there AI Factory Romania?", "who host which machine run?"),
        ),
        (
            "is there AI Factory Romania if so who host which machine run?",
            ("is there AI Factory Romania", "who host which machine run?"),
        ),
        # A bare "how long?" asks more of the part before.
        (
            "if we're rejected, do we have to sit out some cut-offs before resubmitting? how long?",
            (
                "if we're rejected, do we have to sit out some cut-offs before resubmitting? how"
                " long?",
            ),
        ),
    ],
)
def test_a_question_asking_several_things_is_split_where_each_starts(
    question: str, parts: tuple[str, ...]
) -> None:
    assert asked_parts(question) == parts


@pytest.mark.parametrize(
    ("part", "thing"),
    [
        ("karolina gpu nodes: what interconnect", "interconnect"),
        ("which machine?", "machine"),
        # More than the thing's name: the words say what is asked.
        ("what gpus are in discoverer+", ""),
        ("who hosts it", ""),
    ],
)
def test_a_part_asking_for_a_thing_by_its_name_alone_names_it(part: str, thing: str) -> None:
    assert bare_thing(part) == thing


def test_a_count_of_a_series_names_each_of_its_places() -> None:
    text = "There are 19 AI Factories in 16 Member States, selected in three waves."
    assert counted_places(text) == {("wave", 1), ("wave", 2), ("wave", 3)}
    assert counted_places("Call 2 of FFplus closed in February.") == {("call", 2)}


@pytest.mark.parametrize(
    ("part", "ahead"),
    [
        ("is there a second ai factory antennas call coming up?", True),
        ("will there be another round next year?", True),
        ("is there an ai factory in romania", False),
        ("who hosts it", False),
    ],
)
def test_a_part_may_ask_about_something_still_to_come(part: str, ahead: bool) -> None:
    assert asks_to_come(part) is ahead


@pytest.mark.parametrize(
    ("question", "setting"),
    [
        ("what are the options for srun to pin tasks?", True),
        ("which flag sets the stripe count?", True),
        # The choices of what was just asked, no option to type.
        ("could it run a full 12 months, or only shorter chunks? what are the options?", False),
    ],
)
def test_options_asked_bare_are_choices_not_a_setting(question: str, setting: bool) -> None:
    assert asks_setting(question) is setting


def test_the_days_between_a_text_s_two_days_are_given_when_asked() -> None:
    text = "**Extreme Scale Access cut-offs in 2026:** 4 May 2026, 26 Oct 2026."
    assert with_span(text, "how many weeks were there between them?") == (
        f"{text} From 4 May 2026 to 26 Oct 2026: 175 days, 25 weeks."
    )


def test_the_days_a_call_was_open_count_from_a_first_day_in_the_year_of_the_last() -> None:
    text = "The call was open from 22 May to 9 Jul 2025; it received 14 proposals."
    assert with_span(text, "how many days was it open for submissions?") == (
        f"{text} From 22 May 2025 to 9 Jul 2025: 48 days, 6 weeks and 6 days."
    )


def test_the_days_between_two_places_of_a_series_are_those_the_text_gives_them() -> None:
    text = (
        "Selected in 3 waves: wave 1 on 10 Dec 2024; wave 2 on 12 Mar 2025; wave 3 on 10 Oct 2025."
    )
    assert with_span(text, "how many months between the first and the third waves?") == (
        f"{text} From 10 Dec 2024 to 10 Oct 2025: 304 days, 43 weeks and 3 days, 10 months."
    )
    assert with_span(text, "how long between the second and the last waves?") == (
        f"{text} From 12 Mar 2025 to 10 Oct 2025: 212 days, 30 weeks and 2 days."
    )
    # A place the text gives no day is no span.
    assert with_span(text, "how long between the first and the fourth waves?") == text
    # The series may be named after the first place: "the second one" is the second wave.
    asked = "how many days passed between the first selection wave and the second one?"
    assert with_span(text, asked) == (
        f"{text} From 10 Dec 2024 to 12 Mar 2025: 92 days, 13 weeks and 1 day."
    )


def test_no_days_between_are_given_unasked_or_among_more_than_two_days() -> None:
    two = "Cut-offs: 4 May 2026, 26 Oct 2026."
    three = "Cut-offs: 4 May 2026, 26 Oct 2026, 11 Dec 2026."
    assert with_span(two, "when were the cut-offs?") == two
    assert with_span(three, "how many weeks between the cut-offs?") == three


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("which karolina slurm partition is for long cpu jobs?", True),
        ("of its partition names, which one is the long-running cpu queue?", True),
        ("what qos do people use for jobs over a day?", True),
        ("how many nodes does the dcgp partition have?", False),
    ],
)
def test_a_question_asks_which_partition(question: str, asks: bool) -> None:
    assert asks_partition_name(question) is asks


@pytest.mark.parametrize(
    ("question", "pair"),
    [
        ("leonardo's storage: is that lustre or gpfs? our loader cares", ("lustre", "gpfs")),
        ("does vega use slurm or pbs?", ("slurm", "pbs")),
        # No names offered: a yes or no, a time, months the facts write short.
        ("can we apply now or not?", None),
        ("is it open now or later?", None),
        ("is the deadline in march or april?", None),
        ("is LUMI or LEONARDO better for us?", None),
        ("someone said fastlane has a 10k minimum. official rule or hearsay?", None),
    ],
)
def test_a_question_may_offer_two_names_to_choose_from(
    question: str, pair: tuple[str, str] | None
) -> None:
    assert asked_alternatives(question) == pair


def test_a_fact_chooses_only_by_naming_one_of_the_two() -> None:
    assert names_either(["LUMI runs the Slurm batch scheduler."], ("slurm", "pbs"))
    assert not names_either(["LEONARDO has more than 100 PB of storage."], ("lustre", "gpfs"))


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("vega was built by atos, right? which bullsequana model is it exactly?", "bullsequana"),
        # A kind of part is no product line.
        ("which gpu model does lumi-g have?", ""),
        ("which cpu model does deucalion have?", ""),
        ("which model should we train first?", ""),
    ],
)
def test_a_question_may_ask_for_a_model_of_a_line_it_names(question: str, line: str) -> None:
    assert asked_line(question) == line


def test_a_line_is_named_also_in_the_plural() -> None:
    assert names_either(["each node has 4 NVIDIA A100 GPUs"], ("gpu", "gpu"))
    assert not names_either(["**Vega** vendor: Atos."], ("bullsequana", "bullsequana"))
