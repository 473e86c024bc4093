"""A question about a call nobody knows is declined naming that call, and only that."""

from __future__ import annotations

import pytest

from knowledge.assistant import _unknown_call_name


@pytest.mark.parametrize(
    ("question", "unseen", "name_like", "label"),
    [
        (
            "What is the deadline for the Quantum Gaming call?",
            ("quantum", "gaming"),
            frozenset({"quantum", "gaming"}),
            "Quantum Gaming",
        ),
        ("when does the turbo lane close?", ("turbo",), frozenset(), "turbo lane"),
        ("how long after the deadline do we hear back", ("hear",), frozenset(), ""),
    ],
)
def test_a_decline_names_only_words_that_name_a_call(
    question: str, unseen: tuple[str, ...], name_like: frozenset[str], label: str
) -> None:
    assert _unknown_call_name(question, unseen, name_like) == label
