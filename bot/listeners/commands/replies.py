"""Private replies to slash commands, stored so "Share in channel" can post them later."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.i18n import ENGLISH, Words
from bot.listeners.deps import Deps
from bot.state import new_reply_id
from bot.views.blocks import Block, fit, reply_buttons
from bot.views.help import with_machines
from bot.views.text_reply import build_text_blocks, notice_blocks, text_fallback


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
    words: Words = ENGLISH,
) -> None:
    """Respond ephemerally via `response_url` with a "Share in channel" button.

    Pass either ready `blocks` (plus fallback `text`) or `markdown` to render.
    """
    reply_id = new_reply_id()
    if markdown is not None:
        blocks = build_text_blocks(
            markdown, title=title, reply_id=reply_id, share=True, words=words
        )
        text = text_fallback(markdown, title)
    else:
        tail = reply_buttons(reply_id, feedback=False, share=True, words=words)
        blocks = fit([*(blocks or []), *tail], keep_last=len(tail), note=words.trimmed)
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


def tell_in_their_language(
    deps: Deps,
    ack: Ack,
    respond: Respond,
    command: dict[str, Any],
    body: dict[str, Any],
    client: WebClient,
    render: Callable[[Words], str],
) -> None:
    """A short private notice (help, usage) in the language of the person's Slack locale.

    In the ack when their language is known already; else an empty ack, then the notice
    through `response_url` once Slack has said (users.info) which locale they use.
    """
    user = str(command.get("user_id", ""))
    words = deps.known_words(user)
    if words is not None:
        text = render(words)
        ack(text=text, blocks=notice_blocks(text))
        return
    ack()

    def work() -> None:
        text = render(deps.words_of(client, user))
        respond(
            text=text,
            blocks=notice_blocks(text),
            response_type="ephemeral",
            replace_original=False,
        )

    deps.after_ack(work, body=body, client=client)


def usage_with_machines(deps: Deps, usage: Callable[[Words], str]) -> Callable[[Words], str]:
    """A command's usage line and the machines it knows, for `tell_in_their_language`."""
    machines = deps.services.machines()
    return lambda words: with_machines(usage(words), machines, words)
