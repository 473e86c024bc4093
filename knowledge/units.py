"""Answer units: the sentences and lines an extractive answer is assembled from.

The same split runs at ingest time (each unit gets its own vector) and at question time (units
are scored), so it must stay deterministic for a given chunk text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*(\[])")


@dataclass(frozen=True)
class Unit:
    text: str
    index: int
    is_line: bool


def split_units(text: str) -> list[Unit]:
    """Sentences for prose; lines for list items, table rows and code."""
    units: list[Unit] = []
    in_code = False
    for block in re.split(r"\n\s*\n", text):
        for line in block.splitlines():
            stripped = line.strip()
            if stripped.startswith(("```", "~~~")):
                in_code = not in_code
                continue
            if not stripped:
                continue
            if in_code:
                units.append(Unit(f"`{stripped}`", len(units), True))
            elif len(stripped) < 200 or stripped.startswith(("- ", "* ", "|")):
                units.append(Unit(stripped, len(units), True))
            else:
                for sentence in _SENTENCE_END.split(stripped):
                    if sentence.strip():
                        units.append(Unit(sentence.strip(), len(units), False))
    return units
