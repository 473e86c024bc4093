"""Replies that are text from the knowledge layer (specs, deadlines) and short notices."""

from __future__ import annotations

from bot.i18n import ENGLISH, Words
from bot.views import limits
from bot.views.blocks import Block, context, fit, header, reply_buttons, section
from bot.views.mrkdwn import escape, split, to_mrkdwn, truncate


def build_text_blocks(
    markdown: str,
    *,
    title: str | None = None,
    reply_id: str | None = None,
    share: bool = False,
    words: Words = ENGLISH,
) -> list[Block]:
    """A header, the text split into sections, and (optionally) the "Share in channel" button.

    The text is the knowledge layer's (a spec card, the cut-offs), in English; in any other
    language a note under it says so.
    """
    blocks: list[Block] = [header(title)] if title else []
    blocks += [section(piece) for piece in split(to_mrkdwn(markdown), limits.MAX_SECTION_TEXT)]
    tail = [context(words.card_in_english)] if words.language != "en" else []
    tail += reply_buttons(reply_id, feedback=False, share=share, words=words) if reply_id else []
    return fit(blocks + tail, keep_last=len(tail), note=words.trimmed)


def text_fallback(markdown: str, title: str | None = None) -> str:
    text = to_mrkdwn(markdown)
    return truncate(f"{escape(title)}\n{text}" if title else text, limits.MAX_FALLBACK_TEXT)


def notice_blocks(mrkdwn: str) -> list[Block]:
    """One short message (usage help, errors). `mrkdwn` must already be escaped."""
    return [section(piece) for piece in split(mrkdwn, limits.MAX_SECTION_TEXT)][:3]


def shared_blocks(blocks: list[Block], user_id: str, words: Words = ENGLISH) -> list[Block]:
    """A private reply made public: the share button goes, a "shared by" line comes."""
    kept: list[Block] = []
    for block in blocks:
        if block.get("type") == "actions":
            elements = [e for e in block["elements"] if e.get("action_id") != "share_reply"]
            if not elements:
                continue
            block = {**block, "elements": elements}
        kept.append(block)
    shared_by = words.shared_by.format(user=f"<@{user_id}>")
    return fit([*kept, context(shared_by)], keep_last=1, note=words.trimmed)
