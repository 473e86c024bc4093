"""An answer as Block Kit: text, numbered sources with dates, a confidence hint, buttons."""

from __future__ import annotations

from bot.views import limits
from bot.views.blocks import Block, context, fit, reply_buttons, section
from bot.views.mrkdwn import escape, link, split, to_mrkdwn, truncate
from knowledge import Answer, Citation

LOW_CONFIDENCE = 0.5
LOW_CONFIDENCE_HINT = ":warning: Low confidence: check the sources before relying on this."
ABSTAIN_HINT = ":grey_question: I couldn't find this in the sources I know."
UNCONFIRMED = "_secondary source, confirm on the official page_"


def source_line(number: int, citation: Citation) -> str:
    parts = [f"{number}. {link(citation.url, citation.title or citation.url)}"]
    if citation.section:
        parts.append(escape(citation.section))
    if citation.as_of:
        parts.append(f"as of {citation.as_of.isoformat()}")
    if not citation.confirmed:
        parts.append(UNCONFIRMED)
    return " · ".join(parts)


def sources_block(citations: tuple[Citation, ...]) -> Block | None:
    if not citations:
        return None
    shown = citations[: limits.MAX_SOURCES]
    lines = [source_line(i, c) for i, c in enumerate(shown, start=1)]
    if len(citations) > len(shown):
        lines.append(f"_…and {len(citations) - len(shown)} more_")
    return section(truncate("*Sources*\n" + "\n".join(lines), limits.MAX_SECTION_TEXT))


def answer_fallback_text(answer: Answer) -> str:
    """The plain `text` of the message: notifications and screen readers see this."""
    return truncate(to_mrkdwn(answer.text) or ABSTAIN_HINT, limits.MAX_FALLBACK_TEXT)


def build_answer_blocks(
    answer: Answer,
    reply_id: str | None = None,
    *,
    question: str | None = None,
    share: bool = False,
) -> list[Block]:
    """Blocks for one answer; always within Slack's limits however long the answer is.

    `question` (echoed, escaped) heads private replies to slash commands; `reply_id` enables
    the feedback buttons (and "Share in channel" when `share`).
    """
    blocks: list[Block] = []
    if question:
        blocks.append(context(f"> {truncate(escape(question), 500)}"))
    body = to_mrkdwn(answer.text).strip()
    blocks += [section(piece) for piece in split(body, limits.MAX_SECTION_TEXT)] if body else []
    if answer.abstained:
        blocks.append(context(ABSTAIN_HINT))
    elif answer.confidence < LOW_CONFIDENCE:
        blocks.append(context(LOW_CONFIDENCE_HINT))
    tail: list[Block] = []
    sources = sources_block(answer.citations)
    if sources is not None:
        tail.append(sources)
    if reply_id is not None:
        tail += reply_buttons(reply_id, feedback=True, share=share)
    return fit(blocks + tail, keep_last=len(tail))
