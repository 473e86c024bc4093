"""Markdown renderings of the catalog for the search index, and the FAQ file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import knowledge.catalog
from knowledge.catalog import Catalog, load_catalog
from knowledge.catalog_render import CatalogDocument, catalog_documents

DATA = Path(knowledge.catalog.__file__).parent / "data"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)


@pytest.fixture(scope="module")
def documents(catalog: Catalog) -> list[CatalogDocument]:
    return catalog_documents(catalog)


def _by_title(documents: list[CatalogDocument], title: str) -> CatalogDocument:
    return next(d for d in documents if d.title == title)


def test_one_document_per_machine_call_and_factory_overview(
    catalog: Catalog, documents: list[CatalogDocument]
) -> None:
    assert len(documents) == len(catalog.machines) + len(catalog.calls) + 2


def test_document_urls_are_unique(documents: list[CatalogDocument]) -> None:
    urls = [d.url for d in documents]
    assert len(urls) == len(set(urls))


def test_calls_sharing_a_source_page_get_fragments(documents: list[CatalogDocument]) -> None:
    assert (
        _by_title(documents, "Benchmark Access").url
        == "https://www.hpc-cc.hr/EuroHPC_resursi#benchmark"
    )


def test_partition_facts_read_as_searchable_sentences(documents: list[CatalogDocument]) -> None:
    leonardo = _by_title(documents, "LEONARDO supercomputer")
    assert "LEONARDO Booster nodes have 4 NVIDIA A100 SXM4 64 GB GPUs each." in leonardo.markdown
    assert "## LEONARDO Booster partition" in leonardo.markdown
    assert leonardo.url == "https://docs.hpc.cineca.it/hpc/leonardo.html"


def test_document_as_of_is_the_oldest_fact(documents: list[CatalogDocument]) -> None:
    assert _by_title(documents, "LUMI supercomputer").as_of == date(2024, 10, 15)
    assert _by_title(documents, "AI Factories Large Scale").as_of == date(2026, 1, 1)


def test_cutoffs_appear_only_as_the_full_dated_list(documents: list[CatalogDocument]) -> None:
    text = _by_title(documents, "AI Factories Large Scale").markdown
    assert (
        "All AI Factories Large Scale cut-offs on record as of 2026-04-21: 30 Jan 2026 at 10:00,"
        in text
    )
    assert "4 Jan 2027 at 10:00. Times are Europe/Brussels time." in text
    assert "next" not in text.lower().split("## ai factories large scale cut-offs")[1]


def test_unconfirmed_facts_say_so_in_documents(documents: list[CatalogDocument]) -> None:
    assert "confirm on the official page" in _by_title(documents, "AI Factories Fast Lane").markdown


def test_every_document_has_section_headings(documents: list[CatalogDocument]) -> None:
    assert all(re.search(r"^## \S", d.markdown, re.M) for d in documents)


def test_faq_sections_each_cite_a_source_and_date() -> None:
    faq = (DATA / "faq.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", faq, flags=re.M)[1:]
    assert len(sections) == 10
    for section in sections:
        assert re.search(r"Source: https?://\S+ \(as of \d{4}-\d{2}-\d{2}\)", section), section


def test_faq_names_no_future_cutoff_dates() -> None:
    faq = (DATA / "faq.md").read_text(encoding="utf-8")
    assert not re.search(
        r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* 20\d\d\b", faq
    )
    assert "/deadlines" in faq
