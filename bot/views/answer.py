"""An answer as Block Kit: text, numbered sources with dates, a confidence hint, buttons.

The bot's own words come from `words` (the answer's language, bot.i18n); the answer's text
is the knowledge layer's, in that language where it frames and in English where it quotes.
"""

from __future__ import annotations

from bot.i18n import ENGLISH, Words
from bot.views import limits
from bot.views.blocks import Block, context, fit, reply_buttons, section
from bot.views.mrkdwn import escape, link, split, to_mrkdwn, truncate
from knowledge import LIVE_FIGURES, Answer, Citation

LOW_CONFIDENCE = 0.5
LOW_CONFIDENCE_HINT = ENGLISH.low_confidence


def source_line(number: int, citation: Citation, words: Words = ENGLISH) -> str:
    parts = [f"{number}. {link(citation.url, citation.title or citation.url)}"]
    if citation.section:
        parts.append(escape(citation.section))
    if citation.as_of:
        parts.append(words.as_of.format(date=citation.as_of.isoformat()))
    if not citation.confirmed:
        parts.append(words.unconfirmed)
    return " · ".join(parts)


def sources_block(citations: tuple[Citation, ...], words: Words = ENGLISH) -> Block | None:
    if not citations:
        return None
    shown = citations[: limits.MAX_SOURCES]
    lines = [source_line(i, c, words) for i, c in enumerate(shown, start=1)]
    if len(citations) > len(shown):
        lines.append(words.more_sources.format(count=len(citations) - len(shown)))
    return section(truncate(f"*{words.sources}*\n" + "\n".join(lines), limits.MAX_SECTION_TEXT))


def answer_fallback_text(answer: Answer, words: Words = ENGLISH) -> str:
    """The plain `text` of the message: notifications and screen readers see this."""
    return truncate(to_mrkdwn(answer.text) or words.abstain_hint, limits.MAX_FALLBACK_TEXT)


def build_answer_blocks(
    answer: Answer,
    reply_id: str | None = None,
    *,
    question: str | None = None,
    share: bool = False,
    words: Words = ENGLISH,
) -> list[Block]:
    """Blocks for one answer; always within Slack's limits however long the answer is.

    `question` (echoed, escaped) heads private replies to slash commands; `reply_id` enables
    the feedback buttons (and "Share in channel" when `share`). In any language but English,
    an answer that is not a refusal says that what it quotes (passages, curated facts) is in
    English.
    """
    blocks: list[Block] = []
    if question:
        blocks.append(context(f"> {truncate(escape(question), 500)}"))
    body = to_mrkdwn(answer.text).strip()
    blocks += [section(piece) for piece in split(body, limits.MAX_SECTION_TEXT)] if body else []
    notes: list[str] = []
    if answer.abstained:
        # A live figure of one's own project is not missing from the sources: it is kept on
        # the machine, and `/usage` shows it where usage reports are set up.
        live = LIVE_FIGURES in answer.notes
        notes.append(words.live_figures_hint if live else words.abstain_hint)
    else:
        if words.language != "en" and body:
            notes.append(words.quoted_in_english)
        if answer.confidence < LOW_CONFIDENCE:
            notes.append(words.low_confidence)
    blocks += [context(note) for note in notes]
    tail: list[Block] = []
    sources = sources_block(answer.citations, words)
    if sources is not None:
        tail.append(sources)
    if reply_id is not None:
        tail += reply_buttons(reply_id, feedback=True, share=share, words=words)
    return fit(blocks + tail, keep_last=len(tail), note=words.trimmed)
