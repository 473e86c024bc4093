"""Small Block Kit builders shared by the views, and `fit()`, the last guard before sending."""

from __future__ import annotations

from typing import Any

from bot.i18n import ENGLISH, Words
from bot.views import limits
from bot.views.mrkdwn import truncate

Block = dict[str, Any]

SHARE_ACTION = "share_reply"
HELPFUL_ACTION = "feedback_helpful"
NOT_HELPFUL_ACTION = "feedback_not_helpful"
TRIMMED_NOTE = ENGLISH.trimmed


def section(mrkdwn: str) -> Block:
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": truncate(mrkdwn, limits.MAX_SECTION_TEXT)},
    }


def header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": truncate(text, limits.MAX_HEADER_TEXT)},
    }


def context(*mrkdwn: str) -> Block:
    elements = [{"type": "mrkdwn", "text": truncate(t, limits.MAX_SECTION_TEXT)} for t in mrkdwn]
    return {"type": "context", "elements": elements[: limits.MAX_CONTEXT_ELEMENTS]}


def button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": {
            "type": "plain_text",
            "text": truncate(text, limits.MAX_BUTTON_TEXT),
            "emoji": True,
        },
        "action_id": action_id[: limits.MAX_ACTION_ID],
        "value": value[: limits.MAX_BUTTON_VALUE],
    }
    if style:
        element["style"] = style
    return element


def actions(*elements: Block, block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(elements[: limits.MAX_ACTIONS_ELEMENTS])}
    if block_id:
        block["block_id"] = block_id
    return block


def reply_buttons(
    reply_id: str, *, feedback: bool, share: bool, words: Words = ENGLISH
) -> list[Block]:
    """Helpful / not helpful and "Share in channel", all carrying the stored reply's id."""
    elements = []
    if feedback:
        elements += [
            button(words.helpful, HELPFUL_ACTION, reply_id),
            button(words.not_helpful, NOT_HELPFUL_ACTION, reply_id),
        ]
    if share:
        elements.append(button(words.share, SHARE_ACTION, reply_id, style="primary"))
    return [actions(*elements, block_id="reply_actions")] if elements else []


def block_text_size(block: Block) -> int:
    size = 0
    stack: list[Any] = [block]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    size += len(value)
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return size


def fit(blocks: list[Block], *, keep_last: int = 0, note: str = TRIMMED_NOTE) -> list[Block]:
    """Drop blocks from the middle until the message fits Slack's count and size limits.

    The first block and the last `keep_last` blocks (sources, buttons) are kept; `note` says
    when something was trimmed.
    """
    head, tail = blocks[: len(blocks) - keep_last], blocks[len(blocks) - keep_last :]
    budget = limits.MAX_TOTAL_BLOCK_TEXT - sum(block_text_size(b) for b in tail)
    room = limits.MAX_BLOCKS - len(tail)
    kept: list[Block] = []
    used = 0
    for block in head:
        size = block_text_size(block)
        if len(kept) + 1 >= room or used + size > budget - len(note):
            if block.get("type") == "section" and not kept:
                kept.append(section(truncate(block["text"]["text"], max(budget - 200, 100))))
            kept.append(context(note))
            return kept + tail
        kept.append(block)
        used += size
    return kept + tail
