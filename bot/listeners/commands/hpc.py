"""/hpc: `ask <question>` (a private answer with sources), `fit` (the route and sizing
modal), `help`, and scheduled posts
(`subscribe`, `subscriptions`, `unsubscribe`); see SUBCOMMANDS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.i18n import ENGLISH, Words
from bot.listeners.answering import question_too_long
from bot.listeners.commands.fit import handle_fit
from bot.listeners.commands.notify import handle_notify
from bot.listeners.commands.replies import tell_in_their_language
from bot.listeners.commands.subscriptions import (
    handle_subscribe,
    handle_subscriptions,
    handle_unsubscribe,
)
from bot.listeners.commands.usage import handle_link
from bot.listeners.deps import Deps, deps_of
from bot.state import new_reply_id
from bot.views.answer import answer_fallback_text, build_answer_blocks
from bot.views.help import unknown_subcommand
from bot.views.text_reply import notice_blocks


@dataclass
class Invocation:
    ack: Ack
    respond: Respond
    deps: Deps
    command: dict[str, Any]
    body: dict[str, Any]
    client: WebClient
    args: str


def _help(call: Invocation) -> None:
    _tell(call, lambda words: words.hpc_usage)


def _tell(call: Invocation, render: Callable[[Words], str]) -> None:
    tell_in_their_language(
        call.deps, call.ack, call.respond, call.command, call.body, call.client, render
    )


def _ask(call: Invocation) -> None:
    question = call.args.strip()
    if not question:
        _help(call)
        return
    # Said in the ack, before anyone knows the question's language: the person's, if known.
    said = call.deps.known_words(str(call.command.get("user_id", ""))) or ENGLISH
    refusal = question_too_long(question, said)
    if refusal is not None:  # before any model work: a length check, answered in the ack
        call.ack(text=refusal, blocks=notice_blocks(refusal))
        return
    call.ack(text=said.working)
    deps, command = call.deps, call.command

    def work() -> None:
        answer = deps.services.ask(question, None)
        words = deps.answer_words(answer)
        reply_id = new_reply_id()
        blocks = build_answer_blocks(answer, reply_id, question=question, share=True, words=words)
        text = answer_fallback_text(answer, words)
        deps.store.save_reply(
            kind="answer",
            user_id=command.get("user_id", ""),
            channel_id=command.get("channel_id", ""),
            question=question,
            answer=answer.text,
            sources=[c.to_dict() for c in answer.citations],
            route=answer.route,
            confidence=answer.confidence,
            text=text,
            blocks=blocks,
            reply_id=reply_id,
        )
        call.respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)

    deps.after_ack(work, body=call.body, client=call.client)


SUBCOMMANDS: dict[str, Callable[[Invocation], None]] = {
    "ask": _ask,
    "fit": handle_fit,
    "help": _help,
    "subscribe": handle_subscribe,
    "subscriptions": handle_subscriptions,
    "unsubscribe": handle_unsubscribe,
    "link": handle_link,
    "unlink": lambda call: handle_link(call, unlink=True),
    "notify": handle_notify,
}


def handle_hpc_command(
    ack: Ack,
    command: dict[str, Any],
    respond: Respond,
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
) -> None:
    word, _, rest = str(command.get("text", "")).strip().partition(" ")
    handler = SUBCOMMANDS.get(word.lower() or "help")
    call = Invocation(ack, respond, deps_of(context), command, body, client, rest)
    if handler is None:
        _tell(call, lambda words: unknown_subcommand(word, SUBCOMMANDS, words))
        return
    handler(call)
