"""The lexical tokenizer: HPC terms stay whole and also count by their parts."""

from __future__ import annotations

import pytest

from knowledge.lexical import (
    LexicalIndex,
    by_first_letter,
    closest_spelling,
    compound_words,
    tokenize,
    typo_of,
    variant_of,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # Compounds are kept whole and split into their parts.
        ("small-g", ["small-g", "small", "g"]),
        ("multi-node", ["multi-node", "multi", "node"]),
        ("lumi.csc.fi", ["lumi.csc.fi", "lumi", "csc", "fi"]),
        ("--account", ["account"]),
        ("x86-64", ["x86-64", "x86", "64"]),
        # Stop words go, plurals and -ing forms are stemmed.
        ("How many nodes are running", ["node", "run"]),
        # Contractions are stop words, typed with or without the apostrophe.
        ("if i dont force it, whats the default", ["force", "default"]),
        ("if I don't force it, what's the default", ["force", "default"]),
        ("it won’t compile", ["compile"]),
        # Reflexive pronouns and chat spellings of "until" say nothing about the topic (a word
        # no document uses counts against the documents' confidence).
        ("do I back it up myself till friday", ["back", "friday"]),
        ("nobody answers my ticket", ["answer", "ticket"]),
        # A possessive is the name itself.
        ("LUMI's GPUs", ["lumi", "gpu"]),
        # A word typed short is the word the pages write.
        ("max walltime in which dir", ["maximum", "walltime", "directory"]),
        ("conda envs", ["conda", "environment"]),
        # Processing units take a plural "s"; "status" keeps its Latin "us".
        ("8 GPUs, 64 CPUs, job status", ["8", "gpu", "64", "cpu", "job", "status"]),
        ("the job id", ["job", "id"]),
        # Letters with diacritics are the plain letters chat types, inside whole words.
        ("Cyfronet AGH, Kraków", ["cyfronet", "agh", "krakow"]),
        ("Jülich, Türkiye, Łódź, Straße", ["julich", "turkiye", "lodz", "strasse"]),
    ],
)
def test_tokens(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


def test_an_inflection_of_a_word_the_passages_use_is_known() -> None:
    index = LexicalIndex(["The cause of a kill is a heavy load, hard to recognize."])
    tokens = tokenize("causing killed heavily hardly recognized")
    assert tokens == ["caus", "killed", "heavily", "hardly", "recognized"]
    assert all(index.known(token) for token in tokens)


def test_a_word_only_ending_like_an_inflection_is_not_known_by_its_ending() -> None:
    index = LexicalIndex(["The cause of a kill is a heavy load, hard to recognize."])
    assert not any(index.known(token) for token in ["family", "supply", "director", "hug"])


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("LUMI-P", "lumi"),
        ("small-g", "small"),
        # Compounds and French inversions are no variants of a name.
        ("multi-node", None),
        ("Start-up", None),
        ("utilise-t-il", None),
    ],
)
def test_a_variant_name_is_a_word_a_hyphen_and_one_letter_or_digit(
    word: str, name: str | None
) -> None:
    assert variant_of(word) == name


PARTITIONS = LexicalIndex(
    ["The interactive partition runs the web apps.", "Install packages in a container."]
)


@pytest.mark.parametrize(
    ("word", "typo"),
    [
        ("interactiv", True),
        ("contianer", True),
        ("packges", True),
        # A name no passage uses, however near a word it is written, starts differently.
        ("ollama", False),
        ("unsloth", False),
        ("sglang", False),
    ],
)
def test_an_unknown_word_close_to_a_known_one_reads_as_its_typo(word: str, typo: bool) -> None:
    (token,) = tokenize(word)
    assert PARTITIONS.misspells(token) is typo


@pytest.mark.parametrize(
    ("token", "words"),
    [
        ("CPU-Cores", ["CPU", "Cores"]),
        ("booster-gpu", ["booster", "gpu"]),
        ("num_workers", ["num", "workers"]),
        # A part of a letter or two makes a name; one word is no compound.
        ("small-g", []),
        ("lumi-o", []),
        ("cores", []),
    ],
)
def test_a_compound_of_words_is_split_into_them(token: str, words: list[str]) -> None:
    assert compound_words(token) == words


def test_a_typo_reads_as_the_known_word_one_letter_off() -> None:
    known = by_first_letter(["allocation", "allowance", "partition", "walltime"])
    assert closest_spelling("allocaton", known) == "allocation"
    assert closest_spelling("partiton", known) == "partition"


def test_a_word_far_from_every_known_word_is_no_typo() -> None:
    known = by_first_letter(["allocation", "ollama-free", "partition"])
    assert closest_spelling("ollama", known) is None
    # Only words with the same first letter are compared.
    assert closest_spelling("qartition", known) is None


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        ("allocaton", "allocation"),  # a letter dropped
        ("walltiime", "walltime"),  # one added
        ("playgorund", "playground"),  # two swapped
        ("partitian", "partition"),  # one changed
        # Not a slip: the start of another word, the last letter changed, two letters off.
        ("openmpi", None),
        ("employer", None),
        ("packed", None),
    ],
)
def test_a_slip_is_one_letter_changed_added_dropped_or_two_swapped(
    word: str, meant: str | None
) -> None:
    known = by_first_letter(
        ["allocation", "walltime", "playground", "partition", "openmp", "employed", "packaged"]
    )
    assert typo_of(word, known) == meant
