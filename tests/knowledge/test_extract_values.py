"""The passage shown holds the value the question asks for, and a price as well when the
question asks one besides. The texts are written for these tests."""

from __future__ import annotations

from passages import extract_of

# A workshop notice as a table reaches the index: one row per line.
WORKSHOP = (
    "The three-day workshop on mixed-precision training shows how to move a model from FP32 "
    "to BF16 without losing accuracy.\n"
    "Row Participation fee: Value: none for start-ups and universities; EUR 240 for large "
    "companies\n"
    "Row Prerequisites: Value: working PyTorch, basic knowledge of numerical formats, and a "
    "laptop with an SSH client and a recent browser\n"
    "Row Seats: Value: 30 in all, at most 3 per organisation, given in the order the "
    "applications arrive\n"
    "Row Registration closes: Value: 12 March 2027, or earlier when the seats are gone\n"
    "Row Training accounts: Value: on the site's GPU partition, valid for 14 days after the "
    "workshop ends, then removed with their files\n"
)


def _extract(text: str, question: str) -> str:
    return extract_of(text, question, url="file:///notice.html", title="Workshop")


def test_a_question_for_a_price_and_a_date_is_shown_the_fee_row_and_the_date_row() -> None:
    text = _extract(
        WORKSHOP,
        "What does the workshop cost for a large company, and when does registration close?",
    )
    assert "EUR 240 for large companies" in text
    assert "12 March 2027" in text


def test_a_question_for_a_date_alone_is_not_stretched_to_the_fee_row() -> None:
    text = _extract(WORKSHOP, "When does registration close for the workshop?")
    assert "12 March 2027" in text
    assert "EUR 240" not in text


# A GPU's description: the dies, their memory and units first, the links between them last.
GPU_MODULE = (
    "Each MI250X module holds two graphics compute dies (GCDs), and each of the two dies of a "
    "module has 110 compute units and its own 64 GB slice of HBM2e memory. "
    "The two dies of one module share a package but are separate devices to software: a "
    "program sees two GPUs per module, and a node shows eight of them to Slurm. "
    "Kernels are dispatched to the compute units in groups of 64 threads called wavefronts, "
    "and each compute unit has 512 vector registers of 64 lanes. "
    "In-package Infinity Fabric links carry up to 400 GB/s of peak bidirectional traffic. "
    "Modules talk to each other over external links of 100 GB/s each."
)


def test_a_question_for_a_bandwidth_is_shown_the_rate_not_only_the_sizes_and_counts() -> None:
    text = extract_of(
        GPU_MODULE,
        "what's the bandwidth between the two dies of one MI250X module?",
        url="file:///gpu.html",
        title="GPU nodes",
    )
    assert "up to 400 GB/s of peak bidirectional traffic" in text


# A node's description: counts of everything first, the memory of each die in a later sentence.
GPU_NODE = (
    "Each GPU node holds 4 modules of two dies each and a single 64-core CPU with its own "
    "memory controllers, and the partition has 2978 such GPU nodes in 24 cabinets. "
    "The nodes are cooled by warm water and sit in a separate row of the machine room, next to "
    "the storage cabinets and the service nodes that run the login sessions. "
    "Power for the row comes from two independent feeds, and the cabinets are monitored for "
    "leaks, temperature and humidity around the clock by the operations team on site. "
    "Each die reaches a 64 GB slice of HBM memory. "
    "Jobs see the dies as separate devices, so one node shows 8 GPUs to the scheduler."
)


def test_a_question_for_an_amount_of_memory_is_shown_the_size_not_the_counts() -> None:
    text = extract_of(
        GPU_NODE,
        "how much memory does one die get on a GPU node?",
        url="file:///node.html",
        title="GPU nodes",
    )
    assert "Each die reaches a 64 GB slice of HBM memory." in text


# A command's syntax and its placeholders, three list items, then the one value: five units
# below the syntax line, 600 characters from its start.
QUOTA_TOOL = (
    "The limits of a directory are changed with `quota-tool set`, which the owner of the "
    "directory or a project manager may run from any login node of the machine.\n\n"
    "```bash\n$ quota-tool set --files <n> --bytes <size> <dir>\n```\n\n"
    "where `<n>` caps the number of files and `<size>` the number of bytes kept below the "
    "path.\n\n"
    "- on a directory, it applies to everything below it, hidden directories included, and "
    "to whatever other members of the project created there over the years.\n"
    "- on a user, it applies to each directory the user owns, wherever it sits, and to what "
    "the user left in the scratch areas of projects that have ended.\n"
    "- on a group, it applies to all of the group's projects, and the members share what "
    "is left between them, in the order in which they write.\n\n"
    "Setting it to 0 takes the limit away altogether.\n"
)


def test_the_value_a_few_lines_below_the_syntax_line_is_shown_with_it() -> None:
    text = extract_of(
        QUOTA_TOOL,
        "what number of files do I give quota-tool set so that there is no cap on files?",
        url="file:///quota.html",
        title="Quotas",
    )
    assert "$ quota-tool set --files <n> --bytes <size> <dir>" in text
    assert "Setting it to 0 takes the limit away altogether." in text


# A wrapper tool's page: how to wrap an environment first, how to add to it last.
WRAPPER = (
    "To wrap a Conda environment, create an installation directory and run "
    "`wrapit new --prefix <install_dir> env.yml`, where env.yml is a Conda environment file. "
    "The tool builds a SquashFS image of the installation and writes small launcher scripts "
    "next to it. "
    "Those launchers start the image transparently, so Python and every other program run as "
    "if installed normally. "
    "Building the image of a large environment takes several minutes and is best done on a "
    "compute node. "
    "A wrapped installation cannot be changed in place, but packages (numpy, say) can be added "
    "inside the container with `wrapit update <install_dir> --post-install <file>`, where the "
    "file lists the install commands."
)


def test_after_a_story_the_passage_answering_the_asking_sentence_is_shown() -> None:
    text = extract_of(
        WRAPPER,
        "I wrapped our conda environment from an env.yml exported on my laptop. "
        "now I need numpy added inside the container, how do I do that?",
        url="file:///wrapper.html",
        title="Wrapper",
    )
    assert "wrapit update <install_dir> --post-install <file>" in text
    assert "wrapit new" not in text


# A call notice as a news page reaches the index: its date line, a long description, then the
# call's details one row per line, the deadline far below the description.
PILOT_NOTICE = (
    "Published 10 January 2027 · Category: calls\n"
    "The AI Factory invites biotech start-ups to train or fine-tune protein language models in "
    "a short pilot. Each pilot team is paired with a research software engineer of the factory "
    "who helps with data pipelines for sequence databases, with search pre-filtering and with "
    "scaling the training to several nodes.\n"
    "Item Pilots: Detail: 8 projects\n"
    "Item Compute: Detail: up to 20,000 GPU-hours per pilot, on the factory's GPU partition\n"
    "Item Duration: Detail: 4 months, from 1 May to 31 August 2027\n"
    "Item Support: Detail: one research software engineer for 10 days per pilot\n"
    "Item Who may apply: Detail: start-ups and SMEs established in an EU Member State or a "
    "country associated with Horizon Europe\n"
    "Item Cost: Detail: free of charge for every selected team\n"
    "Item Deadline: Detail: 12 March 2027, 12:00 CET\n"
)


def test_a_page_s_publication_date_does_not_answer_when_the_deadline_is() -> None:
    text = extract_of(
        PILOT_NOTICE,
        "when's the deadline for the AI Factory's protein language model pilots?",
        url="file:///news/pilots.html",
        title="Protein model pilots",
    )
    assert text.endswith("\n…\nItem Deadline: Detail: 12 March 2027, 12:00 CET")


# A maintenance notice: what is done first, the limit on jobs far below.
FABRIC_NOTICE = (
    "The Booster's February maintenance replaces the firmware of the fabric switches. "
    "The work is done in two halves, racks 1 to 62 first and racks 63 to 125 after them, so "
    "that part of the machine stays in service while the other part is upgraded. "
    "Reservations that overlap a half that goes down are moved by the support team, who "
    "write to the project's principal investigator a week ahead with the new dates. "
    "After the upgrade, service level 1 is reserved for storage traffic, and programs that "
    "set an InfiniBand service level themselves must use service level 0 from then on. "
    "The storage tiers and the login nodes stay available throughout the upgrade. "
    "During the maintenance a single job may use at most 2,400 nodes."
)


def test_a_question_for_the_largest_job_is_shown_the_upper_limit() -> None:
    text = extract_of(
        FABRIC_NOTICE,
        "What's the largest job I can run on the Booster during the February maintenance?",
        url="file:///news/fabric.html",
        title="Booster fabric maintenance",
    )
    assert "a single job may use at most 2,400 nodes" in text
