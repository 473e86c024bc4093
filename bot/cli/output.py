"""What the commands share in their output: an error's detail for the operator, and snapshots
written atomically."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def error_detail(exc: Exception) -> str | None:
    """What went wrong in more detail (stderr, the command): for the operator, not for Slack."""
    from bot.logs import redact

    detail = getattr(exc, "detail", None)
    return redact(detail) if isinstance(detail, str) else None


def with_detail(exc: Exception) -> str:
    detail = error_detail(exc)
    return f"{exc}\n  detail: {detail}" if detail else str(exc)


def write_output(text: str, output: Path | None) -> None:
    """`text` to stdout, or to `output` atomically: readers never see a half-written file."""
    if output is None:
        sys.stdout.write(text)
        return
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
