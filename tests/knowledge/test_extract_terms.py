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


# A name whose description runs over several lines, the answer in the last ones: where the cache
# goes when the variable is not set.
CACHE = (
    "SOLVER_DEBUG_CACHE\n"
    "If set to non-zero, print what the compilation cache does.\n"
    "SOLVER_CACHE_DIR\n"
    "Override the location of the cache directory; it must be a valid directory path.\n"
    "If not defined, the library picks the cache directory in the following order:\n"
    "In-tree cache: put the cache next to the corresponding source file, in a `__cache__` "
    "directory beside the compiled files of the project, which needs the source tree to be writable "
    "by every user who imports the module.\n"
    "User-wide cache. Put the cache in the user's application cache directory, found by the "
    "platform's conventions for cached data, so each user compiles the module once.\n"
    "Notebook cache. Put the cache in the notebook server's own directory, under a folder "
    "named after the library, when the code runs inside a notebook kernel.\n"
)
CACHE_QUESTION = (
    "our code sits on a read-only file system and the cache wants to write next to the source "
    "file. how do i send it elsewhere?"
)


def test_the_name_a_few_lines_above_the_window_leads_it_marked_as_apart() -> None:
    text = _extract(CACHE, CACHE_QUESTION)
    assert text.startswith("SOLVER_CACHE_DIR\n…\n")


def test_a_command_a_few_lines_above_the_window_is_not_taken_for_its_name() -> None:
    command = CACHE.replace("SOLVER_CACHE_DIR\n", "$ solver --cache-dir /tmp/x\n")
    text = _extract(command, CACHE_QUESTION)
    assert text.startswith("In-tree cache: put the cache next to the corresponding source file")
