"""When two extracts show the same passage (chunks overlap), the second adds nothing."""

from __future__ import annotations

from knowledge.assistant import _overlaps

ROW = "@njit kwargs fastmath=True: SVML: Yes; Execution time: 1.8s"
LEAD = f"@njit kwargs fastmath=True: SVML: No; Execution time: 5.97s\n{ROW}"


def test_an_extract_repeating_a_line_of_the_lead_overlaps_it() -> None:
    assert _overlaps(f"{ROW}\nIt is evident that SVML increases the performance.", LEAD)


def test_an_extract_contained_in_the_lead_overlaps_it() -> None:
    assert _overlaps("SVML: No", LEAD)


def test_an_extract_sharing_only_short_lines_does_not_overlap() -> None:
    assert not _overlaps(
        "Execution time\nThe default accuracy is within 1 ULP.", LEAD + "\nExecution time"
    )


def test_an_extract_about_something_else_does_not_overlap() -> None:
    assert not _overlaps(
        "The default is high accuracy, within 1 ULP; with fastmath it is within 4 ULP.", LEAD
    )
