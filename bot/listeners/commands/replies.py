"""Private replies to slash commands, stored so "Share in channel" can post them later."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond

from bot.listeners.deps import Deps
from bot.state import new_reply_id
from bot.views.blocks import Block, fit, reply_buttons
from bot.views.text_reply import build_text_blocks, text_fallback


def reply_privately(
    deps: Deps,
    respond: Respond,
    command: dict[str, Any],
    *,
    kind: str,
    text: str,
    blocks: list[Block] | None = None,
    markdown: str | None = None,
    title: str | None = None,
) -> None:
    """Respond ephemerally via `response_url` with a "Share in channel" button.

    Pass either ready `blocks` (plus fallback `text`) or `markdown` to render.
    """
    reply_id = new_reply_id()
    if markdown is not None:
        blocks = build_text_blocks(markdown, title=title, reply_id=reply_id, share=True)
        text = text_fallback(markdown, title)
    else:
        tail = reply_buttons(reply_id, feedback=False, share=True)
        blocks = fit([*(blocks or []), *tail], keep_last=len(tail))
    deps.store.save_reply(
        kind=kind,
        user_id=command.get("user_id", ""),
        channel_id=command.get("channel_id", ""),
        question=f"{command.get('command', '')} {command.get('text', '')}".strip(),
        answer=markdown or text,
        text=text,
        blocks=blocks,
        reply_id=reply_id,
    )
    respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)
