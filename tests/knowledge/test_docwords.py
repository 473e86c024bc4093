"""The documentation's words for what users say in chat, added to what is searched for."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.errors import CatalogError
from knowledge.languages.docwords import documentation_words


@pytest.fixture
def vocabulary(tmp_path: Path) -> Path:
    path = tmp_path / "words.tsv"
    path.write_text(
        "# jobs\n"
        "got killed\tterminated\n"
        "killed\tterminated\n"
        "at the same time\tsimultaneously\n"
        "cap\tlimit maximum\n"
        "output ~ overwritten\ttruncated\n"
        "same time\tsimultaneously\n"
        "see one gpu\tgpu-bind\n"
        "whole node\texclusive\n"
        "restarted itself\tautomatic requeuing\n"
        "restarted\trequeued\n"
        "gpu hours\tgpu-hours\n"
        "hours left\tremaining\n",
        encoding="utf-8",
    )
    return path


def test_a_user_phrase_brings_the_documentation_words(vocabulary: Path) -> None:
    assert documentation_words("my job Got  Killed overnight", vocabulary) == ("terminated",)


def test_each_documentation_word_is_added_once_in_the_order_found(vocabulary: Path) -> None:
    words = documentation_words(
        "can I cap it? two got killed, one killed at the same time", vocabulary
    )
    assert words == ("limit maximum", "terminated", "simultaneously")


def test_a_phrase_matches_only_whole_words(vocabulary: Path) -> None:
    assert documentation_words("we recapped the capacity of small-cap nodes", vocabulary) == ()


def test_a_phrase_matches_any_inflection_of_its_words(vocabulary: Path) -> None:
    assert documentation_words("two of them kill each other", vocabulary) == ("terminated",)
    assert documentation_words("it restarts every night", vocabulary) == ("requeued",)


def test_up_to_two_other_words_may_stand_where_a_phrase_writes_a_tilde(vocabulary: Path) -> None:
    assert documentation_words("my output file got overwritten", vocabulary) == ("truncated",)
    assert documentation_words("the output of our three jobs was overwritten", vocabulary) == ()


def test_without_a_tilde_one_other_word_may_stand_between_a_phrases_words(
    vocabulary: Path,
) -> None:
    assert documentation_words("a whole GPU node", vocabulary) == ("exclusive",)
    assert documentation_words("do all projects get the same amount of time?", vocabulary) == ()


def test_a_short_word_keeps_its_final_e(vocabulary: Path) -> None:
    # "one" is not "on": "see one gpu" is not said by "can I see usage on GPU nodes".
    assert documentation_words("can I see usage on gpu nodes", vocabulary) == ()
    assert documentation_words("I only see one GPU", vocabulary) == ("gpu-bind",)


def test_the_words_of_a_longer_phrase_are_not_read_again(vocabulary: Path) -> None:
    assert documentation_words("it restarted itself", vocabulary) == ("automatic requeuing",)


def test_overlapping_phrases_both_bring_their_words(vocabulary: Path) -> None:
    assert documentation_words("how many gpu hours left?", vocabulary) == (
        "gpu-hours",
        "remaining",
    )


def test_a_line_without_its_documentation_words_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.tsv"
    path.write_text("got killed\tterminated\nat once\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"broken.tsv:2: write 'user phrase<TAB>"):
        documentation_words("at once", path)


def test_the_bundled_vocabulary_maps_chat_words_and_leaves_other_questions_alone() -> None:
    assert documentation_words("my job got killed") == ("terminated",)
    assert documentation_words("What GPUs does the node have?") == ()


def test_a_phrase_written_twice_in_two_inflections_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.tsv"
    path.write_text("killed\tterminated\nkills\tterminated\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"twice.tsv:2: 'kills' is line 1's phrase"):
        documentation_words("my job got killed", path)


def test_an_empty_vocabulary_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.tsv"
    path.write_text("# no entries yet\n", encoding="utf-8")
    assert documentation_words("my job got killed", path) == ()
