"""Byte sizes as people write them in settings ("20MB", "512KiB") and as reports show them."""

from __future__ import annotations

import re

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*$", re.I)
_BYTES = {"b": 1, "kb": 1000, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}


def parse_size(value: str) -> int:
    """Bytes in `value`: a number with an optional unit (B, KB, MB, GB, KiB, MiB, GiB)."""
    match = _SIZE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a size like 500KB or 20MB")
    return int(float(match.group(1)) * _BYTES[(match.group(2) or "b").lower()])


def format_size(size: int) -> str:
    """`size` in decimal units, as short as it gets: 1 MB, 1.501 KB, 20 B."""
    for unit, factor in (("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} B"
