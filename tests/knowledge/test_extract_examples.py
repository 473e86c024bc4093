"""A sentence that introduces a command or a list is shown with it: documentation says what a
command does and then shows it in a code block, or announces options and lists them, and the
command or the options are usually what was asked for. The texts are written for these tests."""

from __future__ import annotations

import pytest

from knowledge.extract import best_extract
from knowledge.lexical import LexicalIndex, tokenize
from knowledge.retrieve import Retrieved
from knowledge.store import Chunk

URL = "file:///docs/queue.md"
INTRO = (
    "Listing every job in the queue prints thousands of lines on a busy system, so filter "
    "the listing to your own account before you read it. The listing also estimates when "
    "each of your waiting jobs is expected to begin."
)
QUESTION = "when is my waiting job expected to begin?"


def _extract(text: str, following: str | None = None) -> str:
    chunk = Chunk(id=f"{URL}#0", text=text, url=URL, title="Queue", position=0)
    after = (
        Chunk(id=f"{URL}#1", text=following, url=URL, title="Queue", position=1)
        if following is not None
        else None
    )
    hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
    lexical = LexicalIndex([text, "unrelated text about storage quotas"])
    tokens = tuple(tokenize(QUESTION))
    return best_extract(hit, QUESTION, tokens, lexical, following=lambda: after).text


def test_the_command_after_the_closing_sentence_is_shown() -> None:
    text = _extract(f"{INTRO}\n\n```bash\n$ jobs-list --mine --estimate\n```\n")
    assert text.endswith("begin.\n`$ jobs-list --mine --estimate`")


def test_a_command_in_the_next_chunk_is_shown_past_the_overlap() -> None:
    # Chunks overlap: the next one repeats the sentence before its code block.
    following = (
        "The listing also estimates when each of your waiting jobs is expected to\nbegin.\n\n"
        "```bash\n$ jobs-list --mine --estimate\n```\n"
    )
    text = _extract(INTRO, following)
    assert text.endswith("begin.\n`$ jobs-list --mine --estimate`")


def test_prose_after_the_closing_sentence_is_not_taken_for_its_example() -> None:
    text = _extract(INTRO, "Jobs that wait for a week are removed.\n")
    assert text.endswith("expected to begin.")


OPTIONS = (
    "Installing software as root is not possible on the login nodes, so to set up your own "
    "tools for the cluster you have two options:"
)
ITEMS = "1. Use the project installer on the cluster.\n2. Build on your own laptop and copy.\n"


def test_the_list_a_closing_colon_announces_is_shown() -> None:
    text = _extract(f"{OPTIONS}\n\n{ITEMS}\nInstallers are described below.\n")
    assert (
        "two options:\n1. Use the project installer on the cluster.\n"
        "2. Build on your own laptop and copy." in text
    )


def test_a_list_in_the_next_chunk_is_shown_past_the_overlap() -> None:
    text = _extract(OPTIONS, f"cluster you have two options:\n\n{ITEMS}")
    assert text.endswith(
        "two options:\n1. Use the project installer on the cluster.\n"
        "2. Build on your own laptop and copy."
    )


def test_the_sentence_a_closing_colon_announces_is_shown_from_the_next_chunk() -> None:
    # Prose paragraphs (lines of 200 characters and more are split into sentences).
    announcing = (
        "Listing every job in the queue prints thousands of lines on a busy system, so filter "
        "the listing to your own account first. For your own waiting jobs the listing then "
        "gives an estimate of when each is expected to begin:"
    )
    following = (
        "each is expected to begin:\n\nThe estimate is usually within 20 minutes of the real "
        "start. It is refreshed whenever the scheduler plans the queue again, which happens "
        "every few minutes on a busy system, so look at it again later in the day.\n"
    )
    text = _extract(announcing, following)
    assert text.endswith("begin:\nThe estimate is usually within 20 minutes of the real start.")


def test_a_code_block_the_window_reaches_into_is_shown_to_its_end() -> None:
    # The window fills up with the block's first line: the rest of the block still belongs.
    block = (
        "```bash\n"
        "$ jobs-list --mine --estimate --format=long --sort=start --width=200 --columns=id,"
        "name,partition,account,state,reason,submit_time,start_estimate,nodes,gpus,time_limit,"
        "time_left,priority,qos,dependency,working_directory,output_file,error_file,"
        "reservation,licenses,features,exclusive,requeue,array_task_id,array_job_id,"
        "het_job_id,cpus_per_task,memory_per_node,comment\n"
        "$ jobs-watch --mine --interval=60\n"
        "$ jobs-notify --on-start\n"
        "```\n"
    )
    text = _extract(f"{INTRO}\n\n{block}\nOlder jobs are listed elsewhere.\n")
    assert text.endswith("`$ jobs-watch --mine --interval=60`\n`$ jobs-notify --on-start`")


def test_a_list_read_from_the_next_chunk_follows_its_sentence_without_a_gap() -> None:
    # The next chunk repeats this one's two sentences as lines of its own: its list then starts
    # at its third unit, right after the sentence that announces it.
    text = _extract(
        "Load the tools first. Then run the following commands:",
        "Load the tools first.\nThen run the following commands:\n"
        "- module purge\n- module load LUMI/24.03\n",
    )
    assert text == (
        "Load the tools first. Then run the following commands:\n"
        "- module purge\n- module load LUMI/24.03"
    )


def test_the_sentence_after_one_pointing_below_is_shown() -> None:
    # "uses the lines below": the sentence pointing at what follows says nothing by itself.
    pointing = INTRO.replace(
        "to begin.", "to begin, and the wrapper in the project folder uses the lines below."
    )
    text = _extract(pointing, "Pass --estimate to print the expected start of each job.\n")
    assert text.endswith("lines below.\nPass --estimate to print the expected start of each job.")


@pytest.mark.parametrize(
    ("closing", "end"),
    [
        # It sends the reader elsewhere, in brackets or in a sentence of its own.
        ("to begin (see the sections below).", "(see the sections below)."),
        ("to begin. See the table below.", "See the table below."),
        # "The following day" is a time, not a thing that follows.
        ("to begin on the following day.", "on the following day."),
    ],
)
def test_prose_after_a_sentence_pointing_at_nothing_to_follow_is_not_shown(
    closing: str, end: str
) -> None:
    text = _extract(INTRO.replace("to begin.", closing), "Jobs that wait for a week are removed.\n")
    assert text.endswith(end)
