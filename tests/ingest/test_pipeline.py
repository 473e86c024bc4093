"""Incremental ingestion into a real Chroma store (with a deterministic embedder).

Every test runs against embedded Chroma and, via `index_location`, a Chroma server.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fakes.documents import write_pdf
from fakes.embedder import HashEmbedder

from ingest.pipeline import ingest
from ingest.sources import local_documents
from knowledge.store import Index
from knowledge.units import split_units


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "hardware").mkdir(parents=True)
    (root / "hardware" / "gpu.md").write_text(
        "# GPU nodes\n\nEach node has eight GCDs.\n\n## Memory\n\nEvery GCD has 64 GB of HBM.\n"
    )
    (root / "storage.md").write_text("# Storage\n\nScratch files are deleted after 90 days.\n")
    (root / "notes.txt").write_text("Plain notes about the small-g partition.\n")
    write_pdf(root / "terms.pdf", ["Terms of reference for the call."])
    return root


@pytest.fixture()
def embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture()
def index(index_location: Path | str, embedder: HashEmbedder) -> Index:
    return Index(index_location, embedder)


def test_first_ingest_indexes_every_supported_file(index: Index, docs: Path) -> None:
    report = ingest(index, [local_documents(docs)])

    assert (report.new, report.changed, report.unchanged, report.removed) == (4, 0, 0, 0)
    assert report.skipped == []
    assert report.chunks == index.count() == 5
    assert {s.url for s in index.documents().values()} == {
        (docs / name).as_uri()
        for name in ("hardware/gpu.md", "storage.md", "notes.txt", "terms.pdf")
    }


def test_chunks_keep_url_title_section_page_and_hash(index: Index, docs: Path) -> None:
    ingest(index, [local_documents(docs)])

    chunks = {c.text: c for c in index.all_chunks()}
    memory = chunks["Every GCD has 64 GB of HBM."]
    assert memory.url == (docs / "hardware" / "gpu.md").as_uri()
    assert (memory.title, memory.section) == ("GPU nodes", "Memory")
    assert len(memory.content_hash) == 64
    pdf = chunks["Terms of reference for the call."]
    assert (pdf.page, pdf.section) == (1, "page 1")


def test_unchanged_tree_embeds_nothing(index: Index, docs: Path, embedder: HashEmbedder) -> None:
    ingest(index, [local_documents(docs)])
    embedder.embedded.clear()

    report = ingest(index, [local_documents(docs)])

    assert (report.unchanged, report.embedded) == (4, 0)
    assert embedder.embedded == []


def test_changed_file_re_embeds_only_its_new_passages(
    index: Index, docs: Path, embedder: HashEmbedder
) -> None:
    ingest(index, [local_documents(docs)])
    embedder.embedded.clear()
    (docs / "hardware" / "gpu.md").write_text(
        "# GPU nodes\n\nEach node has eight GCDs.\n\n## Memory\n\nEvery GCD has 128 GB of HBM.\n"
    )

    report = ingest(index, [local_documents(docs)])

    assert (report.changed, report.unchanged, report.embedded) == (1, 3, 1)
    texts = {c.text for c in index.all_chunks()}
    assert "Every GCD has 128 GB of HBM." in texts
    assert "Every GCD has 64 GB of HBM." not in texts


def test_file_removed_from_folder_is_removed_from_index(index: Index, docs: Path) -> None:
    ingest(index, [local_documents(docs)])
    (docs / "storage.md").unlink()

    report = ingest(index, [local_documents(docs)])

    assert report.removed == 1
    assert (docs / "storage.md").as_uri() not in index.documents()


def test_bad_files_are_skipped_with_a_reason_and_counted(index: Index, docs: Path) -> None:
    (docs / "empty.md").write_text("")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")

    report = ingest(index, [local_documents(docs)])

    reasons = {Path(url).name: reason for url, reason in report.skipped}
    assert reasons["empty.md"] == "empty file"
    assert reasons["broken.pdf"].startswith(("corrupt PDF", "no text"))
    assert report.new == 4


def test_crash_mid_ingest_leaves_previous_state_searchable(
    index: Index, docs: Path, embedder: HashEmbedder
) -> None:
    ingest(index, [local_documents(docs)])
    before = {c.id for c in index.all_chunks()}
    (docs / "storage.md").write_text("# Storage\n\nScratch files are deleted after 30 days.\n")
    (docs / "new.md").write_text("# New\n\nA brand new page.\n")
    embedder.fail_after = len(embedder.embedded)  # the next embedding call crashes

    with pytest.raises(RuntimeError, match="simulated crash"):
        ingest(index, [local_documents(docs)])

    assert {c.id for c in index.all_chunks()} == before
    embedder.fail_after = None
    report = ingest(index, [local_documents(docs)])
    assert (report.new, report.changed) == (1, 1)
    assert "Scratch files are deleted after 30 days." in {c.text for c in index.all_chunks()}


def test_model_change_forces_a_rebuild(index_location: Path | str, docs: Path) -> None:
    ingest(Index(index_location, HashEmbedder("model-a")), [local_documents(docs)])
    other = HashEmbedder("model-b")

    report = ingest(Index(index_location, other), [local_documents(docs)])

    assert report.rebuilt
    assert report.new == 4
    assert Index(index_location, other).recorded_model == "model-b"


def test_every_chunk_keeps_one_vector_per_answer_unit(
    index: Index, docs: Path, embedder: HashEmbedder
) -> None:
    (docs / "limits.md").write_text(
        "# Limits\n\nJobs may run for two days. Longer jobs need a reservation.\n\n"
        "- small-g: 1 to 4 nodes\n- standard-g: up to 1024 nodes\n"
    )
    ingest(index, [local_documents(docs)])
    chunk = next(c for c in index.all_chunks() if c.title == "Limits")

    rows = index.unit_vectors([chunk.id])[chunk.id]

    units = [unit.text for unit in split_units(chunk.text)]
    assert rows.shape == (len(units), embedder.dimensions) == (3, 64)
    expected = embedder.embed_documents(units)
    assert np.allclose(np.sum(rows * expected, axis=1), 1.0, atol=0.01)


def test_unit_vectors_go_with_their_document(index: Index, docs: Path) -> None:
    ingest(index, [local_documents(docs)])
    storage = next(c for c in index.all_chunks() if c.title == "Storage")
    (docs / "storage.md").unlink()

    ingest(index, [local_documents(docs)])

    assert index.unit_vectors([storage.id]) == {}


def test_an_index_of_the_previous_layout_is_rebuilt(
    index_location: Path | str, docs: Path, embedder: HashEmbedder
) -> None:
    old = Index(index_location, embedder)
    ingest(old, [local_documents(docs)])
    # What layout 2 wrote: its version, and the unit vectors in a collection of their own.
    old._collection.modify(metadata={"embedding_model": embedder.name, "schema_version": 2})
    old._client.get_or_create_collection("hpcbot_units", embedding_function=None)

    report = ingest(Index(index_location, embedder), [local_documents(docs)])

    assert report.rebuilt
    index = Index(index_location, embedder)
    chunks = index.all_chunks()
    assert set(index.unit_vectors([c.id for c in chunks])) == {c.id for c in chunks}
    assert "hpcbot_units" not in {c.name for c in index._client.list_collections()}


def test_a_passage_keeps_the_web_addresses_of_the_links_it_shows(
    index: Index, tmp_path: Path
) -> None:
    root = tmp_path / "linked"
    root.mkdir()
    (root / "training.md").write_text(
        "# Training\n\nUpcoming courses are announced on "
        "[the events page](https://lumi.example/events/).\n"
    )

    ingest(index, [local_documents(root)])

    (chunk,) = index.all_chunks()
    assert chunk.text == "Upcoming courses are announced on the events page."
    assert chunk.links == (("the events page", "https://lumi.example/events/"),)


def test_a_link_the_page_no_longer_has_leaves_its_unchanged_passage(
    index: Index, tmp_path: Path
) -> None:
    root = tmp_path / "linked"
    root.mkdir()
    page = root / "training.md"
    page.write_text(
        "# Training\n\nCourses are on [the events page](https://lumi.example/events/).\n"
    )
    ingest(index, [local_documents(root)])

    page.write_text(
        "# Training\n\nCourses are on the events page.\n\n## More\n\nA second section now.\n"
    )
    ingest(index, [local_documents(root)])

    chunks = {c.text: c for c in index.all_chunks()}
    assert chunks["Courses are on the events page."].links == ()
