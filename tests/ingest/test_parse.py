"""Parsing: Markdown sections, tables, HTML main text, PDF pages, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.documents import PAGE_WITH_CHROME, write_pdf

from ingest.parse import ParseError, parse_bytes, parse_html, parse_markdown


def test_markdown_sections_keep_their_heading_path() -> None:
    doc = parse_markdown(
        "# Storage\n\nIntro text here.\n\n## Scratch\n\n### Cleanup\n\nFiles go after 90 days.\n"
    )

    assert doc.title == "Storage"
    assert [(s.path, s.text) for s in doc.sections] == [
        ("", "Intro text here."),
        ("Scratch > Cleanup", "Files go after 90 days."),
    ]


def test_markdown_table_rows_pair_cells_with_headers() -> None:
    doc = parse_markdown("# P\n\n| Name | Max walltime |\n|---|---|\n| small-g | 3 days |\n")

    assert doc.sections[0].text == "Name small-g: Max walltime: 3 days"


def test_markdown_hard_wrapped_paragraph_is_joined() -> None:
    doc = parse_markdown(
        "# T\n\nThe first line of a paragraph\ncontinues on the next line.\n\n- item one\n- item two\n"
    )

    assert doc.sections[0].text == (
        "The first line of a paragraph continues on the next line.\n\n- item one\n- item two"
    )


def test_markdown_strips_html_and_link_targets_but_keeps_placeholders() -> None:
    doc = parse_markdown(
        '# T\n\n<img\n src="x.svg">\nSee the [guide](https://x.org/g) and run `ssh <username>@host`.\n'
        "[ref]: https://example.org\n"
    )

    assert doc.sections[0].text == "See the guide and run `ssh <username>@host`."


def test_headings_inside_code_fences_are_not_sections() -> None:
    doc = parse_markdown("# T\n\n```bash\n# not a heading\necho hi\n```\n")

    assert len(doc.sections) == 1
    assert "# not a heading" in doc.sections[0].text


def test_html_keeps_main_content_and_drops_site_chrome() -> None:
    doc = parse_html(PAGE_WITH_CHROME, "https://docs.example.org/hardware/gpu/")

    text = "\n".join(s.text for s in doc.sections)
    assert doc.title == "GPU nodes"
    assert doc.canonical_url == "https://docs.example.org/hardware/gpu/"
    assert "four accelerators" in text
    assert "gpu-small" in text
    assert "cookies" not in text
    assert "Privacy policy" not in text
    assert [s.path for s in doc.sections] == ["", "Partitions"]


def test_pdf_text_is_extracted_page_by_page(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "call.pdf",
        ["Terms of reference.", "Cut-off dates are listed here."],
        title="Call terms",
    )

    doc = parse_bytes(path.read_bytes(), "pdf")

    assert doc.title == "Call terms"
    assert [(s.page, s.path) for s in doc.sections] == [(1, "page 1"), (2, "page 2")]
    assert "Cut-off dates" in doc.sections[1].text


def test_corrupt_pdf_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="corrupt PDF|no text"):
        parse_bytes(b"%PDF-1.4\n this is not really a pdf \n%%EOF", "pdf")


def test_empty_file_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="empty file"):
        parse_bytes(b"  \n", "markdown")


def test_binary_content_in_a_text_file_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="binary content"):
        parse_bytes(b"\x00\x01\x02binary", "markdown")
