"""One live catalogue: an edit of the YAML reaches answers, /deadlines and /specs without a restart."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakes.embedder import HashEmbedder

import knowledge
from bot.config import KnowledgeSettings, Settings, StorageSettings
from bot.services import Services
from knowledge import Answer, CatalogSource
from knowledge.service import open_assistant
from knowledge.store import Index

DATA = Path(knowledge.__file__).parent / "data"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("UTC"))


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stamp = path.stat().st_mtime + 5  # a later mtime even on coarse-grained file systems
    os.utime(path, (stamp, stamp))


def test_an_edit_is_loaded_on_the_next_read(data_dir: Path) -> None:
    source = CatalogSource(data_dir)
    first = source()
    _edit(data_dir / "machines.yaml", "nodes: 2978", "nodes: 2979")
    second = source()
    assert second is not first and source.version == 2
    part = second.machine("lumi").partition("LUMI-G")
    assert part is not None and part.nodes == 2979


def test_a_broken_edit_keeps_the_last_good_catalogue(data_dir: Path) -> None:
    source = CatalogSource(data_dir)
    good = source()
    _edit(data_dir / "machines.yaml", "nodes: 2978", "nodes: lots")
    assert source() is good and source.version == 1


def test_answers_follow_an_edited_fact_without_a_restart(data_dir: Path, tmp_path: Path) -> None:
    source = CatalogSource(data_dir)
    assistant = open_assistant(
        Index(tmp_path / "index", HashEmbedder()), data_dir, catalog=source, clock=lambda: NOW
    )
    question = "What is the maximum walltime on the small-g partition?"
    assert "max walltime 3 days" in assistant.ask(question).text
    _edit(data_dir / "machines.yaml", "max_walltime: 3 days", "max_walltime: 4 days")
    assert "max walltime 4 days" in assistant.ask(question).text


def test_deadlines_and_specs_follow_an_edit_without_a_restart(data_dir: Path) -> None:
    def never_asked(question: str, context: str | None = None, /) -> Answer:
        raise AssertionError("not asked")

    settings = Settings(
        knowledge=KnowledgeSettings(knowledge_dir=data_dir),
        storage=StorageSettings(data_dir=data_dir.parent / "state"),
    )
    services = Services.from_settings(settings, ask=never_asked)
    assert "2,978 nodes" in services.specs("lumi")
    _edit(data_dir / "machines.yaml", "nodes: 2978", "nodes: 2979")
    assert "2,979 nodes" in services.specs("lumi")
    assert "6 Jan 2031" not in services.deadlines("large-scale")
    _edit(
        data_dir / "calls.yaml",
        "        - 2027-01-04\n",
        "        - 2027-01-04\n        - 2031-01-06\n",
    )
    assert "Mon 6 Jan 2031" in services.deadlines("large-scale")
    services.close()
