"""Parsing: Markdown sections, tables, HTML main text, PDF pages, and bad input."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pytest
from fakes.documents import PAGE_WITH_CHROME, write_pdf

from ingest.parse import ParseError, parse_bytes, parse_html, parse_markdown, parse_text


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


def test_a_table_without_outer_pipes_pairs_cells_with_its_header() -> None:
    doc = parse_markdown(
        "# P\n\nOption | Default\n-------|--------\n| `--threads` | 1 |\n`--time` | 10\n\n"
        "After | the table.\n"
    )

    assert doc.sections[0].text == (
        "Option `--threads`: Default: 1\nOption `--time`: Default: 10\n\nAfter | the table."
    )


def test_a_table_cell_set_in_bold_or_italics_as_a_whole_loses_its_marks() -> None:
    doc = parse_markdown(
        "# P\n\n| *Option* | **Default value** |\n|---|---|\n| `--threads` | a **bold** 1 |\n"
    )

    assert doc.sections[0].text == "Option `--threads`: Default value: a **bold** 1"


def test_a_delimiter_row_with_single_hyphens_is_not_a_table_row() -> None:
    doc = parse_markdown(
        "# P\n\n|  | mean (s) | N |\n| :------: | :------: | :-: |\n| LMDB | 35.26 | 10 |\n"
    )

    assert doc.sections[0].text == "LMDB: mean (s): 35.26; N: 10"


def test_a_lone_hyphen_in_a_body_row_is_a_value() -> None:
    doc = parse_markdown("# P\n\n| Queue | GPUs |\n|---|---|\n| debug | - |\n| - | - |\n")

    assert doc.sections[0].text == "Queue debug: GPUs: -\nQueue -: GPUs: -"


def test_an_admonitions_indented_body_is_prose_not_code() -> None:
    doc = parse_markdown(
        '# P\n\n!!! important "Provided as is."\n    We build with less optimization,\n'
        "    Zen2 instead of Zen3.\n\nAfter the box.\n"
    )

    assert doc.sections[0].text == (
        "Provided as is. We build with less optimization, Zen2 instead of Zen3.\n\nAfter the box."
    )


def test_a_content_tab_is_labelled_and_its_code_kept_as_code() -> None:
    doc = parse_markdown('# P\n\n=== "Fortran"\n\n    ```bash\n    ftn -o prog main.f90\n    ```\n')

    assert doc.sections[0].text == "Fortran:\n\n```bash\nftn -o prog main.f90\n```"


def test_a_list_items_text_wrapped_onto_indented_lines_is_one_item() -> None:
    doc = parse_markdown(
        "# P\n\n- **Partition:** The Slurm partition used.\n"
        "    For most apps, use the `interactive` partition.\n- **Time:** The duration.\n"
    )

    assert doc.sections[0].text == (
        "- **Partition:** The Slurm partition used. For most apps, use the `interactive` "
        "partition.\n- **Time:** The duration."
    )


def test_a_header_spanning_two_columns_keeps_the_second_columns_text() -> None:
    # doxygen's enum tables: one "Enumerator" header over the name and the description.
    html = (
        "<html><body><h1>Memory binding</h1><table class='fieldtable'>"
        "<tr><th colspan='2'>Enumerator</th></tr>"
        "<tr><td class='fieldname'>HWLOC_MEMBIND_INTERLEAVE&#160;</td>"
        "<td class='fielddoc'><p>Allocate memory on the given nodes in an interleaved "
        "round-robin manner.</p></td></tr></table></body></html>"
    )

    doc = parse_html(html)

    assert doc.sections[0].text == (
        "Enumerator HWLOC_MEMBIND_INTERLEAVE: "
        "Allocate memory on the given nodes in an interleaved round-robin manner."
    )


def test_html_text_outside_paragraph_tags_is_kept_in_its_section() -> None:
    # Hand-written pages of older manuals: a FAQ's answer between its heading and an <hr>,
    # paragraphs parted by <br><br>, never wrapped in <p>.
    html = (
        "<html><body><h2>FAQ</h2><ul><li><a href='#nb'>What block size NB should I use ?</a>"
        "</ul><hr><h3><a name='nb'>What block size NB should I use ?</a></h3>\n"
        "Good block sizes are almost always\nin the [32 .. 256] interval.<br><br>\n"
        "The best values depend on the system.<br><br><hr></body></html>"
    )

    doc = parse_html(html)

    assert [(s.path, s.text) for s in doc.sections] == [
        ("FAQ", "- What block size NB should I use ?"),
        (
            "FAQ > What block size NB should I use ?",
            "Good block sizes are almost always in the [32 .. 256] interval.\n"
            "The best values depend on the system.",
        ),
    ]


def test_html_text_of_a_block_beside_the_blocks_inside_it_is_kept() -> None:
    html = (
        "<html><body><h1>Options</h1><div>Set these before the run:<p>OMP_NUM_THREADS</p>"
        "</div><ul><li>Cache settings<ul><li>NUMBA_CACHE_DIR</li></ul></li></ul></body></html>"
    )

    doc = parse_html(html)

    assert doc.sections[0].text == (
        "Set these before the run:\nOMP_NUM_THREADS\n- Cache settings\n- NUMBA_CACHE_DIR"
    )


def test_html_nested_deeper_than_pythons_recursion_limit_is_read() -> None:
    depth = 1500  # beyond the interpreter's default limit of 1,000 frames
    html = "<html><body>" + "<div>" * depth + "deep text" + "</div>" * depth + "</body></html>"

    doc = parse_html(html)

    assert [s.text for s in doc.sections] == ["deep text"]


def test_markdown_hard_wrapped_paragraph_is_joined() -> None:
    doc = parse_markdown(
        "# T\n\nThe first line of a paragraph\ncontinues on the next line.\n\n- item one\n- item two\n"
    )

    assert doc.sections[0].text == (
        "The first line of a paragraph continues on the next line.\n\n- item one\n- item two"
    )


PLAIN_TEXT = """\
Stashing
--------

   Stash collections are restored with the "stashpop" sub-command. It
   changes the user environment to match the stash definition, then it
   deletes the stash collection file.  Both steps happen at once.

   $ module stashpop
   Loading bar/2.0
   Loading foo/2.0

   Options:
   -h, --help            show this help message and exit
   --showpids            show the processes running on the GPUs
"""


def test_plain_text_hard_wrapped_paragraph_is_joined_into_one_line() -> None:
    text = parse_text(PLAIN_TEXT).sections[0].text

    assert (
        '   Stash collections are restored with the "stashpop" sub-command. It changes the user '
        "environment to match the stash definition, then it deletes the stash collection file.  "
        "Both steps happen at once."
    ) in text.splitlines()


def test_a_wrapped_numbered_item_in_plain_text_goes_on_under_its_first_word() -> None:
    text = (
        parse_text(
            "   1. Encode a credential.  This tests if the munge executable and the\n"
            "      library can be found, and if the daemon is running as it should.\n"
            "   2. Decode it.\n"
        )
        .sections[0]
        .text
    )

    assert text.splitlines() == [
        "1. Encode a credential.  This tests if the munge executable and the library can be "
        "found, and if the daemon is running as it should.",
        "   2. Decode it.",
    ]


def test_plain_text_headings_sessions_and_option_columns_keep_their_lines() -> None:
    lines = parse_text(PLAIN_TEXT).sections[0].text.splitlines()

    assert lines[:2] == ["Stashing", "--------"]
    assert lines[-7:] == [
        "   $ module stashpop",
        "   Loading bar/2.0",
        "   Loading foo/2.0",
        "",
        "   Options:",
        "   -h, --help            show this help message and exit",
        "   --showpids            show the processes running on the GPUs",
    ]


def test_an_xhtml_page_without_an_html_root_is_read_without_a_warning() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n<refentry><title>jemalloc</title>'
    page += "<p>Arenas are reset every 10 s.</p></refentry>"

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = parse_html(page)

    assert "Arenas are reset every 10 s." in doc.sections[0].text


def test_markdown_strips_html_and_link_targets_but_keeps_placeholders() -> None:
    doc = parse_markdown(
        '# T\n\n<img\n src="x.svg">\nSee the [guide](https://x.org/g) and run `ssh <username>@host`.\n'
        "[ref]: https://example.org\n"
    )

    assert doc.sections[0].text == "See the guide and run `ssh <username>@host`."


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        pytest.param(
            "See the [user guide][guide].\n\n[guide]: https://x.org/g\n",
            "See the user guide.",
            id="reference link",
        ),
        # A bracket right after a name, an index or a call is an index, not a link.
        pytest.param(
            "Writing `dset[0][1] = 3.0` changes a copy; so do a[0][1][2] and f(x)[0][1].\n",
            "Writing `dset[0][1] = 3.0` changes a copy; so do a[0][1][2] and f(x)[0][1].",
            id="indexes",
        ),
        pytest.param(
            "Read _[the guide][g]_ first.\n\n[g]: https://x.org/g\n",
            "Read _the guide_ first.",
            id="reference link in underscore emphasis",
        ),
    ],
)
def test_markdown_reference_links_read_as_their_words_and_indexes_as_written(
    markdown: str, text: str
) -> None:
    doc = parse_markdown(f"# T\n\n{markdown}")

    assert doc.sections[0].text == text


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


def test_a_stray_byte_in_utf8_is_replaced_and_the_rest_stays_utf8() -> None:
    data = "# Café\n\nGrüße from the Jülich team. Price: 5 € \xa9 2024.\n".encode()
    data = data.replace("\xa9".encode(), b"\xa9")  # one Latin-1 byte in a UTF-8 file

    doc = parse_bytes(data, "markdown")

    assert doc.title == "Café"
    assert doc.sections[0].text == "Grüße from the Jülich team. Price: 5 € \ufffd 2024."


def test_what_was_replaced_or_guessed_is_logged_with_the_file(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="ingest.charset"):
        parse_bytes(
            b"# Caf\xc3\xa9\n\nCopyright \xa9 CSC.\n", "markdown", base_url="file:///d/a.md"
        )
        parse_bytes(b"# Gr\xfc\xdfe\n\nHallo.\n", "markdown", base_url="file:///d/b.md")

    assert caplog.messages == [
        "file:///d/a.md: not valid UTF-8; 1 stray byte sequence(s) replaced by U+FFFD",
        "file:///d/b.md: not UTF-8; read as Windows-1252",
    ]


def test_a_file_in_windows_1252_is_read_as_windows_1252() -> None:
    data = "# Grüße\n\n“Smart quotes” and – dashes from a word processor.\n".encode("cp1252")

    doc = parse_bytes(data, "markdown")

    assert doc.title == "Grüße"
    assert doc.sections[0].text == "“Smart quotes” and – dashes from a word processor."


def test_a_utf8_byte_order_mark_is_not_part_of_the_text() -> None:
    doc = parse_bytes("\ufeff# Storage\n\nScratch is purged.\n".encode(), "markdown")

    assert doc.title == "Storage"


def test_utf16_with_a_byte_order_mark_is_text_not_binary() -> None:
    doc = parse_bytes(
        "# Storage\n\nScratch is purged after 90 days.\n".encode("utf-16"), "markdown"
    )

    assert (doc.title, doc.sections[0].text) == ("Storage", "Scratch is purged after 90 days.")


def test_a_link_that_is_not_a_url_costs_the_link_not_the_page() -> None:
    html = (
        "<html><body><main><h1>Jobs</h1><p>Use sbatch to submit.</p>"
        '<a href="http://[oops/">broken</a><a href="/ok">fine</a></main></body></html>'
    )
    document = parse_bytes(html.encode(), "html", base_url="https://docs.example/x/")
    assert document.links == ("https://docs.example/ok",)
    assert "Use sbatch to submit." in document.sections[0].text


SPHINX_PAGE = """<!doctype html><html><head><title>FAQ</title></head>
<body class="wy-body-for-nav"><div class="wy-grid-for-nav">
<nav class="wy-nav-side"><div class="wy-menu" role="navigation"><a href="/">Home</a></div></nav>
<section class="wy-nav-content-wrap"><div class="wy-nav-content"><div class="rst-content">
<div role="navigation" aria-label="Page navigation"><a href="/">Docs</a> &raquo; FAQ</div>
<div role="main" class="document"><div itemprop="articleBody">
<h1>Frequently asked questions</h1>
<p>Images are cached under <code>/var/tmp</code> for 30 days.</p>
</div></div></div></div></section></div></body></html>"""


def test_a_sphinx_theme_page_keeps_its_content_though_its_wrappers_are_named_nav() -> None:
    document = parse_bytes(SPHINX_PAGE.encode(), "html")
    assert document.title == "Frequently asked questions"
    assert document.sections[0].text == "Images are cached under /var/tmp for 30 days."


def test_inline_markup_does_not_split_an_option_and_its_value() -> None:
    html = "<main><dl><dt><b>-A</b>, <b>--account</b>=&lt;<i>account</i>&gt;</dt></dl></main>"
    document = parse_bytes(html.encode(), "html")
    assert document.sections[0].text == "-A, --account=<account>"


def test_pdf_lines_broken_inside_a_sentence_are_joined_and_hyphenation_undone(
    tmp_path: Path,
) -> None:
    text = (
        "The default time limit for interactive jobs on the cluster is exactly thirty min-\n"
        "utes, after which the job is cancelled by the scheduler without any warning.\n"
        "Compiling\n"
        "Use mpicc for C programs."
    )
    pdf = write_pdf(tmp_path / "guide.pdf", [text])
    page = parse_bytes(pdf.read_bytes(), "pdf").sections[0].text
    assert "is exactly thirty minutes, after which the job is cancelled" in page
    assert page.splitlines()[-2:] == ["Compiling", "Use mpicc for C programs."]


def test_pdf_ligatures_become_letters(tmp_path: Path) -> None:
    from ingest.parse import _clean_pdf_text

    assert (
        _clean_pdf_text("conﬁgured and speciﬁed /x24{prefix}")
        == "configured and specified ${prefix}"
    )


def test_pdf_line_end_hyphen_marks_and_windows_line_ends_become_plain_text() -> None:
    from ingest.parse import _clean_pdf_text

    assert _clean_pdf_text("on clus\x02ters and\r\nsupercomputers") == (
        "on clusters and\nsupercomputers"
    )


def test_a_pdf_with_many_pages_keeps_each_page_and_its_words(tmp_path: Path) -> None:
    subjects = ["debug", "small", "standard", "large", "huge", "capability", "hero"]
    pages = [
        f"The {name} queue allows {n * 4} nodes per job." for n, name in enumerate(subjects, 1)
    ]
    pdf = write_pdf(tmp_path / "limits.pdf", pages, title="Limits")

    doc = parse_bytes(pdf.read_bytes(), "pdf")

    assert doc.title == "Limits"
    assert [s.page for s in doc.sections] == list(range(1, 8))
    assert doc.sections[6].text == "The hero queue allows 28 nodes per job."


def test_a_markdown_sections_links_keep_their_web_addresses_beside_the_text() -> None:
    doc = parse_markdown(
        "# T\n\nCheck [the training events](https://lumi.example/events/) and "
        "[the storage page](../storage/) and [the guide][g].\n\n[g]: https://x.org/g\n"
    )

    assert doc.sections[0].text == "Check the training events and the storage page and the guide."
    assert doc.sections[0].anchors == (
        ("the training events", "https://lumi.example/events/"),
        ("the guide", "https://x.org/g"),
    )


def test_a_link_text_that_points_to_two_targets_keeps_neither() -> None:
    doc = parse_markdown(
        "# T\n\nSee [here](https://a.example/x) and [here](https://b.example/y).\n\n"
        "## U\n\nRead [the guide](https://a.example/g) or [the guide](../guide/).\n"
    )

    assert [s.anchors for s in doc.sections] == [(), ()]


def test_consecutive_reference_definitions_each_keep_their_target() -> None:
    doc = parse_markdown(
        "# T\n\nSee [memcheck][m] and [massif][s].\n\n"
        "[m]: https://valgrind.example/mc.html\n[s]: https://valgrind.example/ms.html\n"
    )

    assert doc.sections[0].anchors == (
        ("memcheck", "https://valgrind.example/mc.html"),
        ("massif", "https://valgrind.example/ms.html"),
    )


def test_reference_links_keep_their_targets_with_windows_line_ends() -> None:
    doc = parse_markdown("# T\r\n\r\nSee [the guide][g].\r\n\r\n[g]: https://x.org/g\r\n")

    assert doc.sections[0].anchors == (("the guide", "https://x.org/g"),)


def test_html_links_keep_their_resolved_addresses_but_not_jumps_within_the_page() -> None:
    doc = parse_html(
        '<html><body><main><h1>T</h1><p>Read <a href="/events/">the events page</a> or '
        '<a href="#options">the options</a>.</p></main></body></html>',
        "https://docs.example.org/guide/",
    )

    assert doc.sections[0].anchors == (("the events page", "https://docs.example.org/events/"),)
