"""Usage help for the slash commands and for mentions (text only; rendered by text_reply)."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

from bot.views.mrkdwn import escape

HPC_USAGE = (
    "*hpcbot* answers questions about EuroHPC access, machines and queues.\n"
    "• `/hpc ask <question>`: a private answer with sources\n"
    "• `/hpc fit`: which access route fits and how many GPU-hours to ask for (a form), "
    "with a reminder of that call's cut-offs\n"
    "• `/hpc help`: this help\n"
    "• `/hpc subscribe deadlines [call] [--days 14,7,1]` or "
    "`/hpc subscribe queue <machine> [daily|weekdays|weekly] [HH:MM] [zone]`: scheduled posts "
    "here; `/hpc subscriptions` lists them, `/hpc unsubscribe <id>` stops one\n"
    "• `/queue <machine> [partition]`: live queue status, e.g. `/queue lumi standard-g`\n"
    "• `/specs <machine>`: what a machine offers, e.g. `/specs leonardo`\n"
    "• `/deadlines [call]`: upcoming call cut-offs\n"
    "Or mention me in a channel (I answer in a thread) or send me a DM."
)
QUEUE_USAGE = (
    "Usage: `/queue <machine> [partition]`, e.g. `/queue lumi` or `/queue lumi standard-g`."
)
SPECS_USAGE = "Usage: `/specs <machine>`, e.g. `/specs leonardo`."
MENTION_HELP = "Ask me a question after the mention, e.g. _@hpcbot which machines have H100s?_"


def with_machines(usage: str, machines: Iterable[str]) -> str:
    names = ", ".join(f"`{escape(m)}`" for m in machines)
    return f"{usage}\nKnown machines: {names}." if names else usage


def unknown_subcommand(word: str, known: Iterable[str]) -> str:
    close = get_close_matches(word.lower(), list(known), n=1)
    hint = f" Did you mean `{close[0]}`?" if close else ""
    return f"I don't know `/hpc {escape(word)}`.{hint}\n\n{HPC_USAGE}"
