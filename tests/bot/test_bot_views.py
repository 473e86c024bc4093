"""Pure Block Kit builders, checked with plain asserts and against the fake's limit checker."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from fakeslack.services import GPU_ANSWER, answer_for

from bot.i18n import words_for
from bot.sandbox.peer.blockkit import check_blocks
from bot.views import limits
from bot.views.answer import (
    LOW_CONFIDENCE_HINT,
    answer_fallback_text,
    build_answer_blocks,
    source_line,
)
from bot.views.blocks import button, fit, header, section
from bot.views.help import unknown_subcommand
from bot.views.mrkdwn import escape, split, to_mrkdwn, truncate
from bot.views.text_reply import build_text_blocks, shared_blocks
from knowledge.models import Citation


def accepted(blocks: list[dict[str, object]]) -> bool:
    return check_blocks(blocks) == (None, [])


@pytest.mark.parametrize(
    "markdown,expected",
    [
        ("**bold** and __also__", "*bold* and *also*"),
        (
            "see [LUMI docs](https://docs.lumi.eu/a?b=1&c=2)",
            "see LUMI docs (https://docs.lumi.eu/a?b=1&amp;c=2)",
        ),
        ("at [https://docs.lumi.eu/](https://docs.lumi.eu/)", "at https://docs.lumi.eu/"),
        ("`**not bold**` here", "`**not bold**` here"),
        ("## Access\n- one\n* two", "*Access*\n• one\n• two"),
        ("<!channel> & <@U1>", "&lt;!channel&gt; &amp; &lt;@U1&gt;"),
        ("```\nsbatch <job>\n```", "```\nsbatch &lt;job&gt;\n```"),
    ],
)
def test_to_mrkdwn(markdown: str, expected: str) -> None:
    assert to_mrkdwn(markdown) == expected


def test_a_link_from_a_document_shows_its_url_and_the_sources_stay_links() -> None:
    phishing = answer_for("how do I log in?", "First [Log in to LUMI](https://evil.example/).")
    blocks = build_answer_blocks(phishing)
    assert blocks[0]["text"]["text"] == "First Log in to LUMI (https://evil.example/)."
    assert "<https://evil.example/" not in str(blocks)
    assert answer_fallback_text(phishing) == "First Log in to LUMI (https://evil.example/)."
    sources = blocks[-1]["text"]["text"]
    assert "1. <https://docs.lumi-supercomputer.eu/hardware/lumig/|LUMI-G hardware>" in sources


def test_escape_and_truncate_keep_links_whole() -> None:
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert truncate("abc", 3) == "abc" and truncate("abcdef", 4) == "abc…"
    assert truncate("see <https://x.example/long|link>", 12) == "see…"


def test_split_respects_the_limit_and_boundaries() -> None:
    text = "\n\n".join("para " + "x" * 50 for _ in range(10))
    pieces = split(text, 120)
    assert all(len(p) <= 120 for p in pieces) and all(p.startswith("para") for p in pieces)
    assert split("y" * 250, 100) == ["y" * 100, "y" * 100, "y" * 50]


def test_answer_blocks_have_text_numbered_sources_and_feedback() -> None:
    blocks = build_answer_blocks(GPU_ANSWER, "r1")
    assert accepted(blocks)
    assert blocks[0]["text"]["text"].startswith("LUMI-G nodes have *4 AMD MI250X*")
    sources = blocks[-2]["text"]["text"]
    assert sources.startswith("*Sources*\n1. <https://docs.lumi-supercomputer.eu/hardware/lumig/|")
    assert "\n2. <https://eurohpc-ju.europa.eu/access|" in sources
    assert [e["action_id"] for e in blocks[-1]["elements"]] == [
        "feedback_helpful",
        "feedback_not_helpful",
    ]
    assert all(e["value"] == "r1" for e in blocks[-1]["elements"])
    assert LOW_CONFIDENCE_HINT not in str(blocks)


def test_low_confidence_and_abstention_hints() -> None:
    low = build_answer_blocks(answer_for("q", confidence=0.2))
    assert any(LOW_CONFIDENCE_HINT in str(b) for b in low)
    abstained = build_answer_blocks(answer_for("q", "Not sure.", abstained=True, confidence=0.1))
    assert "couldn't find this" in str(abstained) and LOW_CONFIDENCE_HINT not in str(abstained)


def test_a_declined_live_figure_of_one_s_project_points_to_usage_instead() -> None:
    answer = replace(
        answer_for("q", "I can't see live figures.", abstained=True), notes=("live figures",)
    )
    blocks = str(build_answer_blocks(answer))
    assert "`/usage <project>` shows what your project has used" in blocks
    assert "couldn't find this" not in blocks


def test_source_line_shows_section_date_and_confirmation() -> None:
    citation = Citation("A | B", "https://x.example/p", "Sec <1>", date(2025, 2, 3), False)
    line = source_line(3, citation)
    assert line.startswith("3. <https://x.example/p|A ¦ B> · Sec &lt;1&gt; · as of 2025-02-03")
    assert "confirm on the official page" in line


def test_huge_answers_are_trimmed_not_rejected() -> None:
    huge = answer_for("q", "word " * 20_000, citations=GPU_ANSWER.citations * 40)
    blocks = build_answer_blocks(huge, "r1", question="q" * 5000, share=True)
    assert accepted(blocks)
    assert len(blocks) <= limits.MAX_BLOCKS
    assert "trimmed to fit" in str(blocks) and "_…and 70 more_" in str(blocks)
    assert blocks[-1]["type"] == "actions" and len(blocks[-1]["elements"]) == 3


def test_many_short_paragraphs_stay_under_fifty_blocks() -> None:
    blocks = fit([section(f"p{i}") for i in range(200)])
    assert len(blocks) <= limits.MAX_BLOCKS and accepted(blocks)


def test_element_limits_are_applied() -> None:
    assert len(button("b" * 100, "a" * 300, "v" * 3000)["text"]["text"]) == limits.MAX_BUTTON_TEXT
    assert len(header("h" * 200)["text"]["text"]) == limits.MAX_HEADER_TEXT
    assert accepted(
        [header("h" * 200), {"type": "actions", "elements": [button("b" * 100, "a", "v" * 3000)]}]
    )


def test_text_blocks_and_sharing() -> None:
    blocks = build_text_blocks("**LUMI**\n• GPUs", title="Specs", reply_id="r9", share=True)
    assert accepted(blocks) and blocks[0]["type"] == "header"
    assert blocks[-1]["elements"][0]["action_id"] == "share_reply"
    public = shared_blocks(blocks, "U0ALICE")
    assert accepted(public)
    assert all(b["type"] != "actions" for b in public)
    assert public[-1]["elements"][0]["text"] == "Shared by <@U0ALICE>"


def test_unknown_subcommand_suggests_and_escapes() -> None:
    text = unknown_subcommand("<!here>", ["ask", "help"])
    assert "&lt;!here&gt;" in text and "Did you mean" not in text
    assert "Did you mean `ask`?" in unknown_subcommand("aks", ["ask", "help"])


def test_a_reminder_shows_the_cutoff_source_its_check_date_and_trust() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from bot.views.scheduled import reminder
    from knowledge import Cutoff

    zone = ZoneInfo("Europe/Brussels")
    cutoff = Cutoff(
        call_id="large-scale",
        call_name="AI Factories Large Scale",
        at=datetime(2027, 1, 4, 10, 0, tzinfo=zone),
        all_day=False,
        source="https://www.eurohpc-ju.europa.eu/large-scale-access-ai-factories_en",
        as_of=date(2026, 4, 21),
        confirmed=False,
    )
    _, blocks = reminder(cutoff, datetime(2026, 12, 28, 9, 0, tzinfo=UTC), zone, None)
    assert (
        "Source: https://www.eurohpc-ju.europa.eu/large-scale-access-ai-factories_en "
        "(as of 2026-04-21, confirm on the official page)" in str(blocks)
    )


def test_an_italian_answer_has_italian_labels_and_says_its_quotes_are_english() -> None:
    answer = answer_for("che GPU ha LUMI?", language="it", confidence=0.3)
    blocks = build_answer_blocks(answer, "r1", share=True, words=words_for("it"))
    text = str(blocks)
    assert accepted(blocks)
    assert "*Fonti*" in text and "aggiornato al 2025-01-10" in text
    assert "_fonte secondaria, verifica sulla pagina ufficiale_" in text
    assert "I passaggi citati e i fatti sono in inglese" in text  # the quoted passage is English
    assert ":warning: Affidabilità bassa" in text
    assert [b["text"]["text"] for b in blocks[-1]["elements"]] == [
        ":thumbsup: Utile",
        ":thumbsdown: Non utile",
        "Condividi nel canale",
    ]
    assert "Sources" not in text and "as of" not in text


def test_english_answers_and_refusals_carry_no_language_note() -> None:
    english = str(build_answer_blocks(answer_for("q"), "r1"))
    refusal = build_answer_blocks(
        answer_for("q", "Non lo so.", abstained=True, language="it"), words=words_for("it")
    )
    assert "inglese" not in str(refusal) and "Non ho trovato" in str(refusal)
    assert "English" not in english and "*Sources*" in english


def test_help_and_did_you_mean_in_german() -> None:
    text = unknown_subcommand("aks", ["ask", "help"], words_for("de"))
    assert text.startswith("`/hpc aks` kenne ich nicht. Meintest du `ask`?\n\n*hpcbot* beantwortet")


def test_a_shared_card_says_who_shared_it_in_their_language() -> None:
    blocks = build_text_blocks("**LUMI**", reply_id="r9", share=True, words=words_for("es"))
    assert "Estos detalles están en inglés" in str(blocks)
    public = shared_blocks(blocks, "U0ALICE", words_for("es"))
    assert public[-1]["elements"][0]["text"] == "Compartido por <@U0ALICE>"
