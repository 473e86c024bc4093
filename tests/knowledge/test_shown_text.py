"""An answer shows more of a chunk than the window its decisions read: the whole chunk when it
fits, else a wider window. The value asked for often lies a few lines past the window (the
mistake, its example, then the fix)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.embedder import HashEmbedder

from ingest.pipeline import ingest
from ingest.sources import local_documents
from knowledge.assistant import Assistant, shown_texts
from knowledge.extract import Extract, best_extract
from knowledge.lexical import LexicalIndex, tokenize
from knowledge.links import with_addresses
from knowledge.retrieve import Retrieved
from knowledge.service import open_assistant
from knowledge.store import Chunk, Index

PITFALL = """Reading a tsdb table with one index copies that row into memory. Indexing it a second time in order to assign a value changes only the copy, and the file keeps its old value:
>>> t = tsdb.open("runs.tsdb", mode="a")
>>> t[3][2] = 7.5  # changes nothing
>>> t[3][2]
0.0

The second index works on the row that the first index returned, a plain array in memory. It is the same as writing:
>>> row = t[3]
>>> row[2] = 7.5
>>> row[2]
7.5
>>> t[3][2]
0.0

To write the element to the file, put both indexes in one subscript:
>>> t[3, 2] = 7.5
>>> t[3, 2]
7.5
"""
QUESTION = "Why does indexing a tsdb table twice to assign a value leave the file unchanged?"
FIX = ">>> t[3, 2] = 7.5"


def _extract(text: str, question: str = QUESTION) -> Extract:
    chunk = Chunk(id="tsdb#1", text=text, url="file:///docs/tsdb.html", title="tsdb tables")
    hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
    lexical = LexicalIndex([text, "unrelated text about job arrays"])
    return best_extract(hit, question, tuple(tokenize(question)), lexical)


def test_a_short_chunk_is_shown_whole_beside_a_window_that_stops_before_the_fix() -> None:
    extract = _extract(PITFALL)
    assert FIX not in extract.text
    assert extract.fuller == PITFALL.strip().replace("\n\n", "\n")


COLUMNS = "The same holds for columns, which tsdb also copies on first access."


def test_a_longer_chunk_shows_its_window_grown_on_to_the_fix() -> None:
    extract = _extract(PITFALL + f"\n{COLUMNS}\n" * 3)
    assert FIX not in extract.text
    assert extract.fuller == (
        f"{extract.text}\n7.5\n>>> t[3][2]\n0.0\n"
        "To write the element to the file, put both indexes in one subscript:\n"
        f"{FIX}\n>>> t[3, 2]\n7.5\n{COLUMNS}"
    )


# A call's description and its rows, the one saying until when to apply last.
PILOT = """The tsdb telemetry pilot invites start-ups to store training telemetry in tsdb tables. Each start-up of the telemetry pilot works with an engineer of the centre who helps with tsdb schemas and with compression settings. The centre covers the storage and the engineer's time; each start-up covers its own compute for the pilot. Start-ups are chosen on how much telemetry they keep.
Item Teams: Detail: 6 teams
Item Storage: Detail: up to 40 TB per team
Item Duration: Detail: 3 months, from 1 June to 31 August 2027
Item Support: Detail: one engineer for 5 days per team
Item Contact: Detail: pilots@tsdb.example.org
Item Reporting: Detail: a two-page report at the end
Item Tape: Detail: old telemetry moves to tape after 30 days
Item Location: Detail: the centre's main data hall
Item Applications: Detail: start-ups apply until 12 March 2027, 12:00 CET"""


def test_a_wider_window_dropping_a_row_the_window_shows_is_not_shown() -> None:
    # The window adds the applications' row apart; grown on, the wider window reaches the
    # duration's row, holds a date and would no longer add it.
    extract = _extract(PILOT, "Until when can start-ups apply to the tsdb telemetry pilot?")
    assert extract.text.endswith(
        "…\nItem Applications: Detail: start-ups apply until 12 March 2027, 12:00 CET"
    )
    assert extract.fuller is None


def _row(name: str, detail: str, length: int, end: str = "") -> str:
    """A table row of exactly `length` characters: `detail` repeated, then `end`."""
    start = f"Item {name}: Detail: "
    body = (detail * (length // len(detail) + 1))[: length - len(start) - len(end)]
    return start + body + end


def test_a_wider_window_that_would_be_cut_before_the_value_is_not_shown() -> None:
    # The scope's row and the applications' row take exactly an answer's length, so that the
    # wider window holding both is one line break too long, and its end would be cut off.
    scope = _row("Scope", "telemetry in tsdb tables, schema reviews, tape moves; ", 250)
    applications = _row(
        "Applications",
        "a two-page plan for the telemetry kept and read back; ",
        450,
        " until 12 March 2027",
    )
    contact = "Item Contact: Detail: pilots@tsdb.example.org"
    extract = _extract(
        f"{contact}\n{scope}\n{applications}",
        "Until when can start-ups send their plan for the tsdb telemetry pilot?",
    )
    assert extract.text == applications
    assert extract.fuller is None


def test_a_window_does_not_grow_by_a_row_that_with_its_line_break_passes_an_answer_s_length() -> (
    None
):
    # 400 and 300 characters: 701 with the line break between them, so the window would be cut.
    steps = _row("Steps", "copy the telemetry into tsdb tables, then check the schema; ", 400)
    plan = _row("Plan", "start-ups send a plan for the tsdb telemetry pilot; ", 300)
    extract = _extract(
        f"{steps}\n{plan}", "What plan do start-ups send for the tsdb telemetry pilot?"
    )
    assert extract.text == plan


def test_a_window_reading_on_into_the_next_chunk_is_not_replaced_by_its_chunk() -> None:
    # The chunk alone would lose the list its last sentence announces.
    text = "Jobs go to a partition. To pick one for a tsdb run, there are two options:"
    listed = Chunk(
        id="tsdb#2", text="- `--partition=small`\n- `--partition=standard`", url="x", title="t"
    )
    chunk = Chunk(id="tsdb#1", text=text, url="file:///docs/tsdb.html", title="tsdb tables")
    hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
    question = "Which partition options are there for a tsdb run?"
    lexical = LexicalIndex([text, "unrelated text about job arrays"])
    extract = best_extract(
        hit, question, tuple(tokenize(question)), lexical, following=lambda: listed
    )
    assert extract.text.endswith("- `--partition=standard`")
    assert extract.fuller is None


def test_a_window_that_shows_its_whole_chunk_has_nothing_more_to_show() -> None:
    extract = _extract("Rows are copied on first access. Write both indexes in one subscript.")
    assert extract.fuller is None


def _passage(chunk_id: str, window: str, fuller: str | None) -> Extract:
    chunk = Chunk(id=chunk_id, text=fuller or window, url="file:///docs/tsdb.html", title="tsdb")
    hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
    return Extract(hit, window, 0.9, fuller=fuller)


OPENING = "Reading a tsdb table with one index copies that row into memory."
ASSIGN = "To write the element to the file, put both indexes in one subscript."


def test_a_passage_shows_more_than_its_window() -> None:
    lead = _passage("tsdb#1", OPENING, f"{OPENING} {ASSIGN}")
    assert shown_texts([lead]) == [f"{OPENING} {ASSIGN}"]


def test_a_passage_whose_more_would_repeat_another_shows_only_its_window() -> None:
    # Chunks overlap: the lead's chunk whole would show the second passage's sentence twice.
    lead = _passage("tsdb#1", OPENING, f"{OPENING} {ASSIGN}")
    second = _passage("tsdb#2", ASSIGN, None)
    assert shown_texts([lead, second]) == [OPENING, ASSIGN]


# Pages beside it, so that the question's words are rarer in the corpus than everyday ones.
OTHER_PAGES = {
    "queue.md": "# Queue\n\nJobs wait in the queue until nodes are free. Use squeue to list them.",
    "storage.md": "# Storage\n\nEach project has a scratch directory; files there are removed after 90 days.",
}


def write_docs(root: Path) -> None:
    (root / "tsdb.md").write_text(f"# tsdb tables\n\n## Writing one element\n\n{PITFALL}", "utf-8")
    for name, text in OTHER_PAGES.items():
        (root / name).write_text(text, "utf-8")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("docs")
    write_docs(root)
    index = Index(tmp_path_factory.mktemp("index"), HashEmbedder(dimensions=2048))
    ingest(index, [local_documents(root)])
    return open_assistant(index, None)


def test_an_answer_shows_the_fix_after_the_example_of_the_mistake(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Indexing a tsdb table a second time to assign a value keeps the old value in the file: why?"
    )
    assert answer.route == "retrieval"
    assert FIX in answer.text


def test_a_shown_link_gets_its_web_address_after_its_words_and_its_emphasis() -> None:
    text = "See the **training archive** for slides, or ask here or anywhere."
    links = [("training archive", "https://a.example/t"), ("here", "https://b.example/")]

    assert with_addresses(text, links) == (
        "See the **training archive** (https://a.example/t) for slides, "
        "or ask here (https://b.example/) or anywhere."
    )


def test_a_link_already_written_out_or_not_shown_adds_nothing() -> None:
    text = "Slides are at https://a.example/t, see the archive."
    links = [("the archive", "https://a.example/t"), ("the events", "https://c.example/")]

    assert with_addresses(text, links) == text


def test_no_address_is_written_into_code() -> None:
    text = "Run `spack install kokkos+rocm` or read about kokkos+rocm and about kokkos."
    links = [("kokkos", "https://kokkos.example/")]

    assert with_addresses(text, links) == (
        "Run `spack install kokkos+rocm` or read about kokkos+rocm and about kokkos "
        "(https://kokkos.example/)."
    )


def test_a_longer_link_text_takes_its_place_before_a_shorter_one_inside_it() -> None:
    text = "The file is created here, and the reader is here."
    links = [("here", "https://b.example/reader"), ("created here", "https://a.example/file")]

    assert with_addresses(text, links) == (
        "The file is created here (https://a.example/file), and the reader is here "
        "(https://b.example/reader)."
    )


def test_a_link_whose_words_are_code_gets_its_address_after_the_code() -> None:
    text = "Start from the `rocm/pytorch` image."

    assert with_addresses(text, [("`rocm/pytorch`", "https://hub.example/rocm")]) == (
        "Start from the `rocm/pytorch` (https://hub.example/rocm) image."
    )


def test_a_link_in_underscore_emphasis_is_placed_but_not_one_inside_a_longer_name() -> None:
    text = "See _Training_ and LUMI-G and kokkos-kernels."
    links = [("Training", "https://t.example/"), ("LUMI", "https://l.example/")]
    links.append(("kokkos", "https://k.example/"))

    assert with_addresses(text, links) == (
        "See _Training_ (https://t.example/) and LUMI-G and kokkos-kernels."
    )
