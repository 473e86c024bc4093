"""Structured logs: JSON off a terminal, request ids, redacted tokens, configurable level."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.logs import install, request_id, use_json


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_lines_carry_the_request_id_extras_and_no_tokens(restore_root: None) -> None:
    stream = io.StringIO()
    install("INFO", "auto", stream)
    token = request_id.set("Ev0123")
    try:
        logging.getLogger("hpcbot.test").info(
            "auth with %s", "xoxb-123-456-secret", extra={"latency_ms": 12.5}
        )
    finally:
        request_id.reset(token)
    line = json.loads(stream.getvalue())
    assert line["msg"] == "auth with xoxb-[redacted]"
    assert (line["event_id"], line["latency_ms"], line["level"]) == ("Ev0123", 12.5, "INFO")


def test_text_on_a_terminal_and_level_is_honoured(restore_root: None) -> None:
    stream = Tty()
    install("WARNING", "auto", stream)
    logging.getLogger("hpcbot.test").info("hidden")
    logging.getLogger("hpcbot.test").warning("shown")
    assert "hidden" not in stream.getvalue()
    assert stream.getvalue().rstrip().endswith("WARNING hpcbot.test [None] shown")


@pytest.mark.parametrize(
    "fmt,tty,expected", [("auto", True, False), ("auto", False, True), ("json", True, True)]
)
def test_format_choice(fmt: str, tty: bool, expected: bool) -> None:
    assert use_json(fmt, Tty() if tty else io.StringIO()) is expected
