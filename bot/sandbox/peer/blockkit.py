"""Block Kit validation that rejects what Slack rejects (slack-testing.md §3.10).

`check_message(text, blocks)` returns `(error_code, messages, text, warnings)`; error_code is
None for an acceptable message. Text over 40,000 characters is truncated with a warning.
"""

from __future__ import annotations

from typing import Any

MAX_BLOCKS = 50
MAX_BLOCK_ID = 255
MAX_SECTION_TEXT = 3000
MAX_SECTION_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_BUTTON_URL = 3000
MAX_ACTION_ID = 255
MAX_ACTIONS_ELEMENTS = 25
MAX_CONTEXT_ELEMENTS = 10
MAX_MARKDOWN_BLOCK = 12000
MAX_TEXT_OBJECT = 3000
# Undocumented cumulative limit (bolt-js#2509, #2867): about 12,000 characters of block text.
MAX_TOTAL_BLOCK_TEXT = 12000
MAX_MESSAGE_TEXT = 40000

KNOWN_BLOCKS = {
    "section",
    "header",
    "context",
    "actions",
    "divider",
    "image",
    "rich_text",
    "markdown",
}


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.items.append(f"[ERROR] {what} [json-pointer:{where}]")


def _text_object(obj: Any, where: str, limit: int, kinds: tuple[str, ...], p: _Problems) -> int:
    if not isinstance(obj, dict) or obj.get("type") not in kinds:
        p.add(where, f"must be a text object of type {' or '.join(kinds)}")
        return 0
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        p.add(f"{where}/text", "must be a non-empty string")
        return 0
    if len(text) > limit:
        p.add(f"{where}/text", f"must be less than {limit + 1} characters")
    return len(text)


def _button(el: dict[str, Any], where: str, p: _Problems) -> int:
    size = _text_object(el.get("text"), f"{where}/text", MAX_BUTTON_TEXT, ("plain_text",), p)
    if len(str(el.get("action_id", ""))) > MAX_ACTION_ID:
        p.add(f"{where}/action_id", f"must be less than {MAX_ACTION_ID + 1} characters")
    if "value" in el and len(str(el["value"])) > MAX_BUTTON_VALUE:
        p.add(f"{where}/value", f"must be less than {MAX_BUTTON_VALUE + 1} characters")
    if "url" in el and len(str(el["url"])) > MAX_BUTTON_URL:
        p.add(f"{where}/url", f"must be less than {MAX_BUTTON_URL + 1} characters")
    if el.get("style") not in (None, "primary", "danger"):
        p.add(f"{where}/style", "must be primary or danger")
    return size


def _element(el: Any, where: str, p: _Problems) -> int:
    if not isinstance(el, dict):
        p.add(where, "must be an object")
        return 0
    if el.get("type") == "button":
        return _button(el, where, p)
    if el.get("type") == "image":
        return 0
    p.add(f"{where}/type", f"unsupported element type {el.get('type')!r} (fake)")
    return 0


def _block(block: Any, where: str, p: _Problems) -> int:
    if not isinstance(block, dict) or block.get("type") not in KNOWN_BLOCKS:
        p.add(f"{where}/type", "unsupported block type")
        return 0
    if len(str(block.get("block_id", ""))) > MAX_BLOCK_ID:
        p.add(f"{where}/block_id", f"must be less than {MAX_BLOCK_ID + 1} characters")
    kind, size = block["type"], 0
    if kind == "section":
        if "text" not in block and "fields" not in block:
            p.add(where, "must provide text or fields")
        if "text" in block:
            size += _text_object(
                block["text"], f"{where}/text", MAX_SECTION_TEXT, ("plain_text", "mrkdwn"), p
            )
        fields = block.get("fields", [])
        if len(fields) > MAX_SECTION_FIELDS:
            p.add(f"{where}/fields", f"must provide less than {MAX_SECTION_FIELDS + 1} items")
        for i, f in enumerate(fields):
            kinds = ("plain_text", "mrkdwn")
            size += _text_object(f, f"{where}/fields/{i}", MAX_FIELD_TEXT, kinds, p)
        if "accessory" in block:
            size += _element(block["accessory"], f"{where}/accessory", p)
    elif kind == "header":
        size += _text_object(
            block.get("text"), f"{where}/text", MAX_HEADER_TEXT, ("plain_text",), p
        )
    elif kind == "context":
        elements = block.get("elements") or []
        if not elements or len(elements) > MAX_CONTEXT_ELEMENTS:
            p.add(f"{where}/elements", f"must provide 1 to {MAX_CONTEXT_ELEMENTS} items")
        for i, el in enumerate(elements):
            if isinstance(el, dict) and el.get("type") == "image":
                continue
            kinds = ("plain_text", "mrkdwn")
            size += _text_object(el, f"{where}/elements/{i}", MAX_TEXT_OBJECT, kinds, p)
    elif kind == "actions":
        elements = block.get("elements") or []
        if not elements or len(elements) > MAX_ACTIONS_ELEMENTS:
            p.add(f"{where}/elements", f"must provide 1 to {MAX_ACTIONS_ELEMENTS} items")
        ids = [
            el.get("action_id") for el in elements if isinstance(el, dict) and el.get("action_id")
        ]
        if len(ids) != len(set(ids)):
            p.add(f"{where}/elements", "action_id values must be unique within the block")
        for i, el in enumerate(elements):
            size += _element(el, f"{where}/elements/{i}", p)
    elif kind == "markdown":
        text = block.get("text")
        if not isinstance(text, str) or not text or len(text) > MAX_MARKDOWN_BLOCK:
            p.add(f"{where}/text", f"must be 1 to {MAX_MARKDOWN_BLOCK} characters")
        else:
            size += len(text)
    return size


def check_blocks(blocks: Any) -> tuple[str | None, list[str]]:
    if blocks is None:
        return None, []
    p = _Problems()
    if not isinstance(blocks, list):
        p.add("", "blocks must be an array")
        return "invalid_blocks_format", p.items
    if len(blocks) > MAX_BLOCKS:
        p.add("", f"no more than {MAX_BLOCKS} items allowed")
        return "invalid_blocks", p.items
    total = sum(_block(b, f"/blocks/{i}", p) for i, b in enumerate(blocks))
    if p.items:
        return "invalid_blocks", p.items
    if total > MAX_TOTAL_BLOCK_TEXT:
        return "msg_blocks_too_long", [f"[ERROR] {total} characters of block text"]
    return None, []


def check_message(text: Any, blocks: Any) -> tuple[str | None, list[str], str, list[str]]:
    """Validate one outgoing message; returns (error, messages, stored_text, warnings)."""
    if not text and not blocks:
        return "no_text", [], "", []
    error, messages = check_blocks(blocks)
    if error:
        return error, messages, "", []
    stored = "" if text is None else str(text)
    warnings: list[str] = []
    if len(stored) > MAX_MESSAGE_TEXT:
        stored, warnings = stored[:MAX_MESSAGE_TEXT], ["message_truncated"]
    return None, [], stored, warnings
