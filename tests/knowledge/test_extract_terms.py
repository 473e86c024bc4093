"""In a definition list (environment variables, options, settings) the answer shows the name
the chosen description is about: the short line before it. The texts are written for these
tests."""

from __future__ import annotations

from passages import extract_of

# As an HTML definition list reaches the index: each name on its own line, then its
# description, a paragraph long enough to fill the answer on its own.
ENVIRONMENT = (
    "SIM_BUFFER_TOLERANCE\n"
    "tolerance of the pair-list buffer. Leave it at 0.001 unless told otherwise.\n\n"
    "TOPOLOGY_CACHE_FILE\n"
    "Read by the hardware-detection library rather than by the simulator itself. Probing "
    "the node's cores and caches takes seconds when hundreds of ranks start together, so "
    "write the topology once with the library's dump tool and point this variable at the "
    "file: every later start reads the cached description instead of probing again. "
    "Regenerate the file after a hardware change or a library upgrade, since a stale "
    "description makes the library place ranks on cores that are not there.\n"
)
QUESTION = "hardware probing is slow at startup with many ranks, can it read a cached topology?"


def _extract(text: str, question: str) -> str:
    return extract_of(text, question, url="file:///env.html", title="Environment variables")


def test_the_name_a_chosen_description_defines_leads_the_answer() -> None:
    text = _extract(ENVIRONMENT, QUESTION)
    assert text.startswith("TOPOLOGY_CACHE_FILE\nRead by the hardware-detection library")


def test_a_prose_line_before_the_description_is_not_taken_for_its_name() -> None:
    prose = ENVIRONMENT.replace("TOPOLOGY_CACHE_FILE\n", "The next one matters on big nodes.\n")
    text = _extract(prose, QUESTION)
    assert text.startswith("Read by the hardware-detection library")
