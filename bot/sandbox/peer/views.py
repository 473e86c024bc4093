"""Modals: `views.open`, what a person submits, and how Slack treats the app's answer.

As Slack does (slack-testing.md §3.3 and the modal docs it cites):

- a `trigger_id` comes with every slash command and button click, opens one view (a second use
  is `exchanged_trigger_id`) and only within 3 seconds (`expired_trigger_id`);
- the view is checked before it opens (title, submit and close at most 24 characters, at most
  100 blocks, `private_metadata` at most 3,000 characters, known input elements);
- Slack's client refuses to submit a view whose required inputs are empty, or whose select
  value is not one of its options: the app never hears of it;
- the app answers a `view_submission` in its ack: nothing (the view closes), `clear` (every
  view of the modal closes), `errors` (the messages appear under the named input blocks and the
  view stays open), `update` or `push` (a new view). No ack in 3 seconds leaves the view open
  with Slack's connection error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from . import blockkit
from .payloads import interaction
from .state import APP_ID, BOT_ID, TEAM_ID

TRIGGER_LIFETIME = 3.0
MAX_VIEW_BLOCKS = 100
MAX_VIEW_TITLE = 24  # title, submit and close
MAX_PRIVATE_METADATA = 3000
MAX_CALLBACK_ID = 255
MAX_LABEL = 2000
MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
INPUT_ELEMENTS = {"plain_text_input", "static_select", "radio_buttons", "number_input"}
CONNECTION_ERROR = "We had some trouble connecting. Try again?"


@dataclass
class Trigger:
    id: str
    user: str
    issued_at: float
    used: bool = False


@dataclass
class OpenView:
    """A view shown to `user`: Slack's view object plus what the client shows with it."""

    id: str
    user: str
    view: dict[str, Any]
    root_id: str
    errors: dict[str, str] = field(default_factory=dict)  # block_id -> message
    problem: str = ""  # Slack's own banner (the app did not answer)
    closed: bool = False


class ViewRefused(ValueError):
    """What Slack's client says instead of submitting (a required input is empty, ...)."""

    def __init__(self, block_id: str, message: str) -> None:
        super().__init__(f"{block_id}: {message}")
        self.block_id = block_id
        self.message = message


def check_view(view: Any) -> list[str]:
    """Problems with a view object, in Slack's `[ERROR] ... [json-pointer:...]` form."""
    p = blockkit._Problems()
    if not isinstance(view, dict):
        return ["[ERROR] must be an object [json-pointer:/view]"]
    if view.get("type") != "modal":
        p.add("/view/type", "must be modal (home views are published, not opened)")
    for key in ("title", "submit", "close"):
        if key in view or key == "title":
            blockkit._text_object(view.get(key), f"/view/{key}", MAX_VIEW_TITLE, ("plain_text",), p)
    blocks = view.get("blocks")
    if not isinstance(blocks, list) or len(blocks) > MAX_VIEW_BLOCKS:
        p.add("/view/blocks", f"must provide 0 to {MAX_VIEW_BLOCKS} blocks")
        blocks = []
    inputs = 0
    for i, block in enumerate(blocks):
        where = f"/view/blocks/{i}"
        if isinstance(block, dict) and block.get("type") == "input":
            inputs += 1
            _input_block(block, where, p)
        else:
            blockkit._block(block, where, p)
    if inputs and "submit" not in view:
        p.add("/view/submit", "is required when the view has input blocks")
    if len(str(view.get("private_metadata", ""))) > MAX_PRIVATE_METADATA:
        p.add("/view/private_metadata", f"must be less than {MAX_PRIVATE_METADATA + 1} characters")
    if len(str(view.get("callback_id", ""))) > MAX_CALLBACK_ID:
        p.add("/view/callback_id", f"must be less than {MAX_CALLBACK_ID + 1} characters")
    return p.items


def _input_block(block: dict[str, Any], where: str, p: blockkit._Problems) -> None:
    blockkit._text_object(block.get("label"), f"{where}/label", MAX_LABEL, ("plain_text",), p)
    element = block.get("element")
    if not isinstance(element, dict) or element.get("type") not in INPUT_ELEMENTS:
        p.add(f"{where}/element/type", f"must be one of {sorted(INPUT_ELEMENTS)} (fake)")
        return
    if not element.get("action_id"):
        p.add(f"{where}/element/action_id", "is required (fake: the app reads state by it)")
    for i, option in enumerate(element.get("options", []) or []):
        at = f"{where}/element/options/{i}"
        blockkit._text_object(option.get("text"), f"{at}/text", MAX_OPTION_TEXT, ("plain_text",), p)
        if not 0 < len(str(option.get("value", ""))) <= MAX_OPTION_VALUE:
            p.add(f"{at}/value", f"must be 1 to {MAX_OPTION_VALUE} characters")
    if element.get("type") in ("static_select", "radio_buttons"):
        options = element.get("options") or []
        if not 0 < len(options) <= MAX_OPTIONS:
            p.add(f"{where}/element/options", f"must provide 1 to {MAX_OPTIONS} items")


def stored_view(
    view: dict[str, Any], view_id: str, root_id: str, previous: str | None
) -> dict[str, Any]:
    """The view object as Slack returns and sends it back (ids, state, hash added)."""
    return {
        "id": view_id,
        "team_id": TEAM_ID,
        "type": "modal",
        "blocks": view.get("blocks", []),
        "private_metadata": view.get("private_metadata", ""),
        "callback_id": view.get("callback_id", ""),
        "state": {"values": {}},
        "hash": f"{view_id}.hash",
        "title": view.get("title"),
        "clear_on_close": bool(view.get("clear_on_close", False)),
        "notify_on_close": bool(view.get("notify_on_close", False)),
        "close": view.get("close"),
        "submit": view.get("submit"),
        "previous_view_id": previous,
        "root_view_id": root_id,
        "app_id": APP_ID,
        "external_id": view.get("external_id", ""),
        "app_installed_team_id": TEAM_ID,
        "bot_id": BOT_ID,
    }


def state_values(view: dict[str, Any], values: dict[str, str | None]) -> dict[str, Any]:
    """What Slack's client puts in `view.state.values` for these inputs (block_id -> text).

    Raises ViewRefused where the client would not submit at all.
    """
    state: dict[str, Any] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        block_id, element = block.get("block_id", ""), block["element"]
        value = values.get(block_id)
        value = value.strip() if isinstance(value, str) and value.strip() else None
        if value is None and not block.get("optional", False):
            raise ViewRefused(block_id, "Please complete this required field.")
        kind = element["type"]
        entry: dict[str, Any] = {"type": kind}
        if kind in ("static_select", "radio_buttons"):
            options = {o["value"]: o for o in element.get("options", [])}
            if value is not None and value not in options:
                raise ViewRefused(block_id, f"{value!r} is not one of the options.")
            entry["selected_option"] = options[value] if value is not None else None
        else:
            limit = element.get("max_length")
            if value is not None and limit is not None and len(value) > int(limit):
                raise ViewRefused(block_id, f"Please use {limit} characters or fewer.")
            entry["value"] = value
        state[block_id] = {element["action_id"]: entry}
    return state


def view_submission(
    open_view: OpenView, state: dict[str, Any], user_name: str, trigger_id: str
) -> dict[str, Any]:
    return {
        **interaction("view_submission", open_view.user, user_name),
        "trigger_id": trigger_id,
        "view": {**open_view.view, "state": {"values": state}},
        "response_urls": [],
    }


def view_closed(open_view: OpenView, user_name: str) -> dict[str, Any]:
    return {
        **interaction("view_closed", open_view.user, user_name),
        "view": open_view.view,
        "is_cleared": False,
    }


def parse_view_arg(raw: Any) -> Any:
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return None
    return raw
