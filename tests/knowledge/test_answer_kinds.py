"""The kind of value a question asks for, and whether a passage or fact holds one."""

from __future__ import annotations

import pytest

from knowledge.answer_kinds import holds, wanted_kinds
from knowledge.catalog.answerer import _name_like


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("How long can a job run on small-g?", ("duration",)),
        ("How many nodes can one job use?", ("quantity",)),
        ("When is the next Large Scale cut-off?", ("date",)),
        ("Which option sets the account of a job?", ("code",)),
        ("What is the oldest Perl version it runs on?", ("version",)),
        # "How long until": a duration, as a translated question says it too.
        ("When are files on scratch deleted?", ("duration", "date")),
        ("when file scratch delete", ("duration", "date")),
        ("How do I delete a file?", ()),
        ("Tell me about LUMI", ()),
    ],
)
def test_the_question_says_what_kind_of_value_it_wants(
    question: str, kinds: tuple[str, ...]
) -> None:
    assert wanted_kinds(question) == kinds


@pytest.mark.parametrize(
    ("text", "kind", "held"),
    [
        ("About four working days.", "duration", True),
        ("The limit is 2-00:00:00.", "duration", True),
        ("Access is quick.", "duration", False),
        ("Free of charge for start-ups.", "quantity", True),
        ("Companies pay per use.", "quantity", False),
        ("Use `sbatch --account=project_465000123`.", "code", True),
        ("The MPI library is fast.", "code", False),
        ("Closes on 15 Dec 2026.", "date", True),
        ("It runs on Perl 5.8 and later.", "version", True),
        ("It runs on any recent Perl.", "version", False),
    ],
)
def test_a_text_holds_a_value_of_a_kind(text: str, kind: str, held: bool) -> None:
    assert holds(text, (kind,)) is held


def test_words_written_as_names_are_the_capitalised_and_the_quoted() -> None:
    assert _name_like('What is the maximum in the AI Factories "turbo lane" mode?') == {
        "ai",
        "factory",
        "turbo",
        "lane",
    }
