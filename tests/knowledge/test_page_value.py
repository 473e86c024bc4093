"""A question asking how often something happens is answered from the sentence of the lead page
that says so, wherever on the page it stands: the passages that match the question best often
describe the thing and never say how often. The page is written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.embedder import HashEmbedder

from ingest.pipeline import ingest
from ingest.sources import local_documents
from knowledge.assistant import Assistant
from knowledge.service import open_assistant
from knowledge.store import Index

OPTIONS = "\n\n".join(
    f"## Option {n}\n\nOption {n} sets what the worker checks against its memory limit while it spills "
    f"data to disk, and which memory use of the worker counts toward that limit. "
    f"Set option {n} in the worker's configuration file before the worker starts."
    for n in range(1, 13)
)
PAGE = f"""# Worker memory

## What the worker watches

The worker keeps its memory use below the memory limit you give it. When the worker's memory
use grows past the limit, the worker spills data to disk, pauses, and at last restarts itself.
Worker memory use is the resident set size the operating system reports for the process.

{OPTIONS}

## Monitoring

A background task of the worker checks its memory use every 200 ms.
"""
# Another page, so that the question's plain words ("often", "check") are words the documents use.
FAQ = "# Support\n\nUsers often ask the support team to check their scripts for them.\n"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("docs")
    (root / "worker-memory.md").write_text(PAGE, encoding="utf-8")
    (root / "faq.md").write_text(FAQ, encoding="utf-8")
    index = Index(tmp_path_factory.mktemp("index"), HashEmbedder(dimensions=2048))
    ingest(index, [local_documents(root)])
    return open_assistant(index, None)


def test_how_often_is_answered_by_the_page_s_sentence_saying_how_often(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("How often does the worker check its memory use against the limit?")
    assert answer.route == "retrieval"
    assert "checks its memory use every 200 ms" in answer.text


def test_a_value_of_another_thing_on_the_page_is_not_shown(assistant: Assistant) -> None:
    # The page says how often memory is checked, not disk space: the kind of value alone is no
    # answer.
    answer = assistant.ask("How often does the worker check its free disk space?")
    assert "every 200 ms" not in answer.text


def test_asked_in_another_language_the_page_s_sentence_answers_too(assistant: Assistant) -> None:
    answer = assistant.ask("Wie oft prüft der Worker seinen Speicher gegen das Limit?")
    assert answer.route == "retrieval"
    assert "checks its memory use every 200 ms" in answer.text
