"""In a definition list (environment variables, options, settings) the answer shows the name
the chosen description is about: the short line before it."""

from __future__ import annotations

from knowledge.extract import best_extract
from knowledge.lexical import LexicalIndex, tokenize
from knowledge.retrieve import Retrieved
from knowledge.store import Chunk

# As an HTML definition list reaches the index: each name on its own line, then its
# description, a paragraph long enough to fill the answer on its own.
ENVIRONMENT = (
    "GMX_VERLET_BUFFER_RES\n"
    "resolution of buffer size in Verlet cutoff scheme. The default value is 0.001.\n\n"
    "HWLOC_XMLFILE\n"
    "Not strictly a GROMACS environment variable, but on large machines the hardware "
    "detection by hwloc can take a few seconds when many MPI processes start at once. "
    "Run lstopo out.xml once and point this variable at the file: hwloc then reads the "
    "cached topology from it instead of probing the machine again at every start-up.\n"
)
QUESTION = "hwloc detection is slow at startup with many ranks, can it read a cached topology?"


def _extract(text: str, question: str) -> str:
    chunk = Chunk(id="env#1", text=text, url="file:///env.html", title="Environment variables")
    hit = Retrieved(chunk, 1.0, dense=1.0, lexical=1.0, dense_rank=0, lexical_rank=0)
    lexical = LexicalIndex([text, "unrelated text about job arrays"])
    return best_extract(hit, question, tuple(tokenize(question)), lexical).text


def test_the_name_a_chosen_description_defines_leads_the_answer() -> None:
    text = _extract(ENVIRONMENT, QUESTION)
    assert text.startswith("HWLOC_XMLFILE\nNot strictly a GROMACS environment variable")


def test_a_prose_line_before_the_description_is_not_taken_for_its_name() -> None:
    prose = ENVIRONMENT.replace("HWLOC_XMLFILE\n", "The next variable matters on big nodes.\n")
    text = _extract(prose, QUESTION)
    assert text.startswith("Not strictly a GROMACS environment variable")
