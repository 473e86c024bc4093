"""Text for Slack: escaping, Markdown-ish to mrkdwn, and splitting within limits."""

from __future__ import annotations

import re

_CODE = re.compile(r"(```.*?```|`[^`\n]+`)", re.DOTALL)
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[-*]\s+", re.MULTILINE)


def escape(text: str) -> str:
    """Escape `&`, `<`, `>` so echoed text can't ping @channel or forge links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(markdown: str) -> str:
    """**bold** -> *bold*, [text](url) -> text (url), # Heading -> *Heading*, - item -> • item.

    Everything is escaped first, so text from documents or models can't mention @here.
    Links in the text come from documents (crawled pages, answers built from them), so they
    are never made into <url|text> links: a page's "[Log in to LUMI](https://evil.example/)"
    would show only "Log in to LUMI". The URL is written out instead (Slack makes a bare URL
    clickable, showing the URL itself). The bot's own links (sources) use `link()`.
    Code spans are kept as they are.
    """
    parts = _CODE.split(markdown)
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # a code span or fence
            out.append(escape(part))
            continue
        text = escape(part)
        text = _LINK.sub(_visible_link, text)
        text = _BOLD.sub(lambda m: f"*{m.group(1) or m.group(2)}*", text)
        text = _HEADING.sub(lambda m: f"*{m.group(1)}*", text)
        text = _BULLET.sub(lambda m: f"{m.group(1)}• ", text)
        out.append(text)
    return "".join(out)


def _visible_link(match: re.Match[str]) -> str:
    text, url = match.group(1), match.group(2)
    return url if text.strip() == url else f"{text} ({url})"


def _safe_url(url: str) -> str:
    return url.replace("|", "%7C")


def link(url: str, title: str) -> str:
    return f"<{_safe_url(escape(url))}|{escape(title).replace('|', '¦')}>"


def truncate(text: str, limit: int, marker: str = "…") -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - len(marker)]
    opened = cut.rfind("<")
    if opened > cut.rfind(">"):  # don't leave half a link
        cut = cut[:opened]
    return cut.rstrip() + marker


def split(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraph, line or word boundaries."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit
        opened = window.rfind("<", 0, cut)
        if opened > window.rfind(">", 0, cut) and opened > 0:
            cut = opened  # keep a <url|text> link in one piece
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces
