"""Where a passage's links point: the web address written after a link's words in an answer.

A passage keeps only a link's words ("the training events"); its address is kept beside the
text (`Chunk.links`) and written out where the answer shows those words, since where a page
points is often what was asked ("where are trainings announced").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Code, inline or fenced: an address written into it would break the command it shows.
_CODE = re.compile(r"```.*?(?:```|\Z)|`[^`\n]*`", re.S)
# Words of their own: not after a letter, a digit or what continues a name, a path or an
# option ("kokkos+rocm", "spack/0.21", "LUMI-G"), nor before one; an underscore may stand
# around them as emphasis ("_Training_").
_BEFORE = r"(?<![^\W_])(?<![+/@.-])"
_AFTER = r"(?![^\W_])(?![-+/@.]\w)"


def label_spans(text: str, label: str) -> list[tuple[int, int]]:
    """Where `label` stands in `text` as words of its own, outside code: the link "here" is
    not inside "where", nor "kokkos" inside `spack install kokkos+rocm`. A link whose words
    are code ("`rocm/pytorch`") stands where that code span is, whole."""
    code = [m.span() for m in _CODE.finditer(text)]
    pattern = re.compile(_BEFORE + re.escape(label) + _AFTER)
    return [
        m.span()
        for m in pattern.finditer(text)
        if m.span() in code or not any(start <= m.start() < end for start, end in code)
    ]


def shows_label(text: str, label: str) -> bool:
    """Whether `text` shows a link's words where its address may be written."""
    return bool(label_spans(text, label))


def with_addresses(text: str, links: Sequence[tuple[str, str]]) -> str:
    """`text` with the web address of each link it shows written after the link's words, once.

    Longer link texts are placed first, and a place one link took is not taken by another
    ("created here" is not where "here" of a later link goes when "created here" is a link).
    Written out, not made a link, as the Slack layer writes every document's links."""
    taken: list[tuple[int, int]] = []
    inserts: list[tuple[int, str]] = []
    for label, url in sorted(links, key=lambda link: -len(link[0])):
        if url in text:
            continue
        free = [
            (start, end)
            for start, end in label_spans(text, label)
            if not any(start < e and s < end for s, e in taken)
        ]
        if not free:
            continue
        start, end = free[0]
        taken.append((start, end))
        # After the emphasis the link sat in ("**Training archive**"), not inside it.
        while end < len(text) and text[end] in "*_":
            end += 1
        inserts.append((end, f" ({url})"))
    for at, address in sorted(inserts, reverse=True):
        text = text[:at] + address + text[at:]
    return text
