"""Dense search over a real (embedded Chroma) index: exact, in a fixed order, and current."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fakes.embedder import HashEmbedder

from knowledge.store import Chunk, Index

PAGE = "file:///docs/storage.md"
OTHER = "file:///docs/partitions.md"


def chunk(url: str, position: int, text: str) -> Chunk:
    return Chunk(id=f"{url}#{position}", text=text, url=url, title="T", position=position)


@pytest.fixture
def index(tmp_path: Path) -> Index:
    index = Index(tmp_path / "index", HashEmbedder())
    index.replace_document(
        PAGE,
        [
            chunk(PAGE, 0, "scratch files are removed after ninety days"),
            chunk(PAGE, 1, "project storage is backed up nightly"),
            chunk(PAGE, 2, "scratch files are removed after ninety days"),
        ],
    )
    index.replace_document(OTHER, [chunk(OTHER, 0, "the small-g partition allows four nodes")])
    return index


def test_every_chunk_is_ranked_by_its_exact_cosine_similarity(index: Index) -> None:
    query = index.embedder.embed_query("when are scratch files removed")

    hits = index.dense_search(query, k=4)

    vectors = index.embedder.embed_documents([h.chunk.search_text for h in hits])
    assert [h.score for h in hits] == pytest.approx([float(v @ query) for v in vectors], abs=1e-6)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len(hits) == 4


def test_equal_scores_keep_the_order_of_the_chunks_in_their_page(index: Index) -> None:
    query = index.embedder.embed_query("T\nscratch files are removed after ninety days")

    hits = index.dense_search(query, k=2)

    assert [h.chunk.id for h in hits] == [f"{PAGE}#0", f"{PAGE}#2"]
    assert hits[0].score == pytest.approx(1.0)


def test_a_tie_at_the_cut_goes_to_the_earlier_chunk(index: Index) -> None:
    query = index.embedder.embed_query("T\nscratch files are removed after ninety days")

    assert [h.chunk.id for h in index.dense_search(query, k=1)] == [f"{PAGE}#0"]


def test_asking_for_no_hits_gets_none(index: Index) -> None:
    assert index.dense_search(index.embedder.embed_query("nodes"), k=0) == []


def test_k_larger_than_the_index_returns_every_chunk_once(index: Index) -> None:
    hits = index.dense_search(index.embedder.embed_query("nodes"), k=50)

    assert sorted(h.chunk.id for h in hits) == sorted(
        [f"{PAGE}#0", f"{PAGE}#1", f"{PAGE}#2", f"{OTHER}#0"]
    )


def test_an_empty_index_finds_nothing(tmp_path: Path) -> None:
    index = Index(tmp_path / "empty", HashEmbedder())

    assert index.dense_search(np.ones(64, dtype=np.float32), k=5) == []


def test_a_page_written_by_this_index_is_found_at_once(index: Index) -> None:
    index.dense_search(index.embedder.embed_query("nodes"), k=1)
    url = "file:///docs/gpus.md"

    index.replace_document(url, [chunk(url, 0, "each gpu node has four accelerators")])

    top = index.dense_search(index.embedder.embed_query("gpu node accelerators"), k=1)
    assert top[0].chunk.url == url


def test_a_page_another_process_ingested_is_found_once_the_revision_is_rechecked(
    index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.dense_search(index.embedder.embed_query("nodes"), k=1)
    url = "file:///docs/gpus.md"
    Index(tmp_path / "index", HashEmbedder()).replace_document(
        url, [chunk(url, 0, "each gpu node has four accelerators")]
    )
    # The revision is checked every few seconds; let that time pass.
    monkeypatch.setattr(index, "_checked_at", 0.0)

    top = index.dense_search(index.embedder.embed_query("gpu node accelerators"), k=1)
    _, chunks = index.lexical()
    assert top[0].chunk.url == url
    assert url in {c.url for c in chunks}


def test_a_page_another_process_rewrote_is_read_again_though_the_count_is_the_same(
    index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.dense_search(index.embedder.embed_query("nodes"), k=1)
    # Chunk ids are content hashes: the new text comes under a new id, the old one goes.
    rewritten = Chunk(
        id=f"{OTHER}#0-v2", text="the standard-g partition allows eight nodes", url=OTHER, title="T"
    )
    Index(tmp_path / "index", HashEmbedder()).replace_document(OTHER, [rewritten])
    monkeypatch.setattr(index, "_checked_at", 0.0)

    top = index.dense_search(index.embedder.embed_query("T\nstandard-g eight nodes"), k=1)
    assert top[0].chunk.text == "the standard-g partition allows eight nodes"
    assert index.count() == 4


def test_without_a_change_the_chunks_are_not_read_again(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.dense_search(index.embedder.embed_query("nodes"), k=1)
    lexical_before, _ = index.lexical()
    monkeypatch.setattr(index, "_checked_at", 0.0)

    index.dense_search(index.embedder.embed_query("nodes"), k=1)

    assert index.lexical()[0] is lexical_before


def test_the_chunk_after_a_passage_is_the_next_one_of_its_page(index: Index) -> None:
    _, chunks = index.lexical()
    first = next(c for c in chunks if c.id == f"{PAGE}#0")

    following = index.following(first)

    assert following is not None and following.id == f"{PAGE}#1"


def test_the_last_chunk_of_a_page_has_none_after_it(index: Index) -> None:
    _, chunks = index.lexical()
    last = next(c for c in chunks if c.id == f"{PAGE}#2")

    assert index.following(last) is None


def test_a_page_s_chunks_are_found_in_reading_order(index: Index) -> None:
    _, chunks = index.lexical()

    page = [chunk.id for _, chunk in index.page(PAGE)]

    assert page == [f"{PAGE}#0", f"{PAGE}#1", f"{PAGE}#2"]
    assert all(chunks[position] is chunk for position, chunk in index.page(PAGE))


def test_a_page_not_in_the_index_has_no_chunks(index: Index) -> None:
    assert list(index.page("file:///docs/nowhere.md")) == []
