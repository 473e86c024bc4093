"""Usage help for the slash commands and for mentions (text only; rendered by text_reply).

The texts themselves are `Words` fields (`hpc_usage`, `queue_usage`, `specs_usage`,
`mention_help`), in the asker's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

from bot.i18n import ENGLISH, Words
from bot.views.mrkdwn import escape


def with_machines(usage: str, machines: Iterable[str], words: Words = ENGLISH) -> str:
    names = ", ".join(f"`{escape(m)}`" for m in machines)
    return f"{usage}\n{words.known_machines.format(names=names)}" if names else usage


def unknown_subcommand(word: str, known: Iterable[str], words: Words = ENGLISH) -> str:
    """ "I don't know `/hpc WORD`", a suggestion when one is close, then the help."""
    close = get_close_matches(word.lower(), list(known), n=1)
    said = words.unknown_subcommand.format(word=escape(word))
    hint = f" {words.did_you_mean.format(suggestion=close[0])}" if close else ""
    return f"{said}{hint}\n\n{words.hpc_usage}"
