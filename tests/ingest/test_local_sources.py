"""Local folders: what an ingested folder can make hpcbot read, and how much of it.

A folder to ingest is often someone else's repository. Its symlinks must not reach files
outside it (a token file, /etc/passwd, /proc), a FIFO must not hang the run, and one huge file
must not become tens of thousands of passages. Each refusal is in the report with its reason,
and a refused file is not in the index, even if an earlier run put it there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fakes.embedder import HashEmbedder

import ingest.pipeline as pipeline
import ingest.sources as sources
from ingest.parse import ParsedDocument
from ingest.pipeline import MAX_CHUNKS, IngestReport, ingest
from ingest.sources import FileLimits, local_documents
from knowledge.store import Index

SECRET = "SLACK_BOT_TOKEN=xoxb-never-for-users"


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "guide.md").write_text("# Guide\n\nLoad the compiler module before you build.\n")
    return root


@pytest.fixture()
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secrets.txt"
    path.write_text(f"{SECRET}\n")
    return path


@pytest.fixture()
def index(tmp_path: Path) -> Index:
    return Index(tmp_path / "index", HashEmbedder())


def indexed_text(index: Index) -> str:
    return "\n".join(chunk.text for chunk in index.all_chunks())


def run(
    index: Index, folder: Path, limits: FileLimits | None = None, max_chunks: int = MAX_CHUNKS
) -> IngestReport:
    roots = [local_documents(folder, limits=limits or FileLimits())]
    return ingest(index, roots, max_chunks=max_chunks)


def test_a_symlink_to_a_file_outside_the_folder_is_skipped_with_a_reason(
    index: Index, docs: Path, secret: Path
) -> None:
    (docs / "notes.md").symlink_to(Path("..") / secret.name)

    report = run(index, docs)

    assert report.skipped == [
        ((docs / "notes.md").as_uri(), f"links outside the ingested folder (to {secret})")
    ]
    assert report.new == 1
    assert SECRET not in indexed_text(index)


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/status"])
def test_a_symlink_to_a_system_file_is_skipped_without_reading_it(
    index: Index, docs: Path, target: str
) -> None:
    (docs / "notes.txt").symlink_to(target)

    report = run(index, docs)

    real = os.path.realpath(target)
    assert report.skipped == [
        ((docs / "notes.txt").as_uri(), f"links outside the ingested folder (to {real})")
    ]
    assert "root:" not in indexed_text(index)
    assert "VmRSS" not in indexed_text(index)


def test_a_symlinked_folder_outside_is_skipped_and_not_walked(
    index: Index, docs: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "ssh-notes.md").write_text("# Keys\n\nThe deploy key passphrase is hunter2.\n")
    (docs / "shared").symlink_to(outside, target_is_directory=True)

    report = run(index, docs)

    assert report.skipped == [
        ((docs / "shared").as_uri(), f"links outside the ingested folder (to {outside})")
    ]
    assert "hunter2" not in indexed_text(index)


def test_a_symlink_to_a_file_inside_the_folder_is_followed(index: Index, docs: Path) -> None:
    drafts = docs / ".drafts"  # hidden, so only reachable through the link
    drafts.mkdir()
    (drafts / "faq.md").write_text("# FAQ\n\nScratch files are deleted after 90 days.\n")
    (docs / "faq.md").symlink_to(Path(".drafts") / "faq.md")

    report = run(index, docs)

    assert (report.new, report.skipped) == (2, [])
    faq = [c for c in index.all_chunks() if "90 days" in c.text]
    assert [c.url for c in faq] == [(docs / "faq.md").as_uri()]


def test_a_second_name_for_an_indexed_file_is_skipped_as_the_same_file(
    index: Index, docs: Path
) -> None:
    (docs / "README.md").symlink_to("guide.md")

    report = run(index, docs)

    assert report.new == 1
    assert report.skipped == [((docs / "README.md").as_uri(), "the same file as guide.md")]
    assert {c.url for c in index.all_chunks()} == {(docs / "guide.md").as_uri()}


def test_a_symlinked_folder_inside_is_not_walked_twice(index: Index, docs: Path) -> None:
    (docs / "v2").mkdir()
    (docs / "v2" / "install.md").write_text("# Install\n\nRun the installer as root.\n")
    (docs / "latest").symlink_to("v2", target_is_directory=True)

    report = run(index, docs)

    assert (report.new, report.skipped) == (2, [])
    assert {c.url for c in index.all_chunks()} == {
        (docs / "guide.md").as_uri(),
        (docs / "v2" / "install.md").as_uri(),
    }


@pytest.mark.timeout(20)
def test_a_fifo_is_skipped_without_blocking_the_run(index: Index, docs: Path) -> None:
    os.mkfifo(docs / "pipe.md")

    report = run(index, docs)

    assert report.skipped == [((docs / "pipe.md").as_uri(), "not a regular file (a FIFO)")]
    assert report.new == 1


@pytest.mark.timeout(20)
def test_a_file_swapped_for_a_fifo_after_the_walk_is_skipped_without_blocking(
    index: Index, docs: Path
) -> None:
    root, documents = local_documents(docs)
    planned = list(documents)
    (docs / "guide.md").unlink()
    os.mkfifo(docs / "guide.md")

    report = ingest(index, [(root, planned)])

    assert report.skipped == [((docs / "guide.md").as_uri(), "not a regular file (a FIFO)")]


def test_a_file_swapped_for_an_outside_symlink_after_the_walk_is_not_read(
    index: Index, docs: Path, secret: Path
) -> None:
    root, documents = local_documents(docs)
    planned = list(documents)
    (docs / "guide.md").unlink()
    (docs / "guide.md").symlink_to(secret)

    report = ingest(index, [(root, planned)])

    assert report.skipped == [
        ((docs / "guide.md").as_uri(), f"links outside the ingested folder (to {secret})")
    ]
    assert SECRET not in indexed_text(index)


def test_kernel_pseudo_files_are_never_read() -> None:
    assert sources.is_kernel_file(Path("/proc/self/status"))
    assert sources.is_kernel_file(Path("/proc/cpuinfo"))
    assert not sources.is_kernel_file(Path(__file__))


def test_a_file_over_the_size_limit_is_skipped_with_a_reason(index: Index, docs: Path) -> None:
    (docs / "dump.txt").write_text("x" * 1500 + "\n")

    report = run(index, docs, limits=FileLimits(max_bytes=1000))

    assert report.skipped == [
        (
            (docs / "dump.txt").as_uri(),
            "larger than the 1 KB limit for local files (1.501 KB); "
            "raise it with --max-file-size if the file is wanted",
        )
    ]
    assert report.new == 1


def test_the_default_limits_are_20_mb_and_50_mb_for_pdfs(index: Index, docs: Path) -> None:
    with open(docs / "big.txt", "wb") as big:  # sparse: 21 MB that cost no disk and no time
        big.truncate(21 * 10**6)

    report = run(index, docs)

    assert (FileLimits().max_bytes, FileLimits().max_pdf_bytes) == (20 * 10**6, 50 * 10**6)
    assert report.skipped == [
        (
            (docs / "big.txt").as_uri(),
            "larger than the 20 MB limit for local files (21 MB); "
            "raise it with --max-file-size if the file is wanted",
        )
    ]


def test_a_file_that_grows_past_the_limit_after_the_walk_is_skipped(
    index: Index, docs: Path
) -> None:
    root, documents = local_documents(docs, limits=FileLimits(max_bytes=1000))
    planned = list(documents)
    with open(docs / "guide.md", "a") as guide:
        guide.write("More text. " * 200)

    report = ingest(index, [(root, planned)])

    assert [reason for _, reason in report.skipped] == [
        "larger than the 1 KB limit for local files (2.252 KB); "
        "raise it with --max-file-size if the file is wanted"
    ]


def test_a_document_with_too_many_passages_is_skipped(index: Index, docs: Path) -> None:
    sections = "".join(f"## Part {n}\n\nThe text of part {n} of the manual.\n\n" for n in range(6))
    (docs / "manual.md").write_text(f"# Manual\n\n{sections}")

    report = run(index, docs, max_chunks=5)

    assert report.skipped == [
        (
            (docs / "manual.md").as_uri(),
            "more than 5 passages (the limit per document); split it into smaller files",
        )
    ]
    assert {c.url for c in index.all_chunks()} == {(docs / "guide.md").as_uri()}


def test_a_file_refused_now_is_removed_from_the_index(
    index: Index, docs: Path, secret: Path
) -> None:
    (docs / "notes.md").write_text("# Notes\n\nThe queue opens at nine.\n")
    run(index, docs)
    (docs / "notes.md").unlink()
    (docs / "notes.md").symlink_to(secret)

    report = run(index, docs)

    assert (report.removed, len(report.skipped)) == (1, 1)
    assert {c.url for c in index.all_chunks()} == {(docs / "guide.md").as_uri()}


def test_a_document_the_parser_trips_over_is_skipped_and_the_run_goes_on(
    index: Index, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (docs / "hostile.html").write_text("<html><body><p>x</p></body></html>")
    real_parse = pipeline.parse_bytes

    def tripping(data: bytes, kind: str, *, base_url: str | None = None) -> ParsedDocument:
        if kind == "html":  # what urljoin does with <a href="http://[x/">
            raise ValueError("Invalid IPv6 URL")
        return real_parse(data, kind, base_url=base_url)

    monkeypatch.setattr(pipeline, "parse_bytes", tripping)

    report = run(index, docs)

    assert report.skipped == [
        ((docs / "hostile.html").as_uri(), "could not be parsed (ValueError: Invalid IPv6 URL)")
    ]
    assert report.new == 1


def test_a_readme_without_a_suffix_is_read_as_plain_text(index: Index, docs: Path) -> None:
    # Debian packages and many repositories ship their guide as README, INSTALL or NEWS.
    (docs / "README").write_text("Building\n\nRun ./configure --with-cuda before make.\n")
    (docs / "README.Debian").write_text("The Debian build enables the UCX transport.\n")

    report = run(index, docs)

    assert (report.new, report.skipped) == (3, [])
    assert "--with-cuda" in indexed_text(index) and "UCX transport" in indexed_text(index)


def test_licences_lists_of_people_and_other_files_are_not_read(index: Index, docs: Path) -> None:
    (docs / "LICENSE").write_text("Permission is hereby granted, free of charge, ...\n")
    (docs / "AUTHORS").write_text("Jane Doe <jane@example.org>\n")
    (docs / "Makefile").write_text("all:\n\tcc -o app app.c\n")

    report = run(index, docs)

    assert (report.new, report.skipped) == (1, [])
    assert "free of charge" not in indexed_text(index) and "Jane Doe" not in indexed_text(index)


def test_a_binary_file_with_a_readme_like_name_is_skipped_with_a_reason(
    index: Index, docs: Path
) -> None:
    (docs / "CORE").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)

    report = run(index, docs)

    assert report.new == 1
    assert report.skipped == [((docs / "CORE").as_uri(), "binary content in a text file")]
