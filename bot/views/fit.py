"""`/hpc fit` in Block Kit: the modal that asks, and the private answer with its two buttons.

The modal's choices (organisation types, purposes, tasks, machines) come from the fit data, so
a new route, task or machine in `knowledge/data` shows up here without a code change.
"""

from __future__ import annotations

import json
from datetime import tzinfo
from typing import Any

from bot.views import limits
from bot.views.answer import sources_block
from bot.views.blocks import SHARE_ACTION, Block, actions, button, context, fit, header, section
from bot.views.mrkdwn import split, to_mrkdwn, truncate
from knowledge import Citation, FitData, FitResult
from knowledge.fit import headline, route_line, ruled_out_line, sizing_lines

FIT_CALLBACK = "fit_request"
REMIND_ACTION = "fit_remind"
VALUE = "value"  # every input's action_id: state is read per block
# How soon the compute is needed: days (None: no rush).
URGENCY = (("14", "Within 2 weeks"), ("30", "Within a month"), ("90", "Within 3 months"))
# Which block shows a problem with which request field (the rest belong to the model size).
BLOCK_OF = {
    "org": "org",
    "country": "country",
    "purpose": "purpose",
    "task": "task",
    "params": "params",
    "tokens": "tokens",
    "dataset": "tokens",
    "epochs": "tokens",
    "machine": "machine",
    "gpu_hours": "gpu_hours",
    "start_within": "start_within",
}


def _first_upper(text: str) -> str:
    """'start-up or SME' -> 'Start-up or SME' (str.capitalize would lower the rest)."""
    return text[:1].upper() + text[1:]


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": truncate(text, 75)}, "value": value}


def _select(
    block_id: str,
    label: str,
    options: list[tuple[str, str]],
    *,
    optional: bool = False,
    initial: str | None = None,
    hint: str = "",
) -> Block:
    element: dict[str, Any] = {
        "type": "static_select",
        "action_id": VALUE,
        "placeholder": {"type": "plain_text", "text": "Choose"},
        "options": [_option(text, value) for value, text in options],
    }
    if initial is not None:
        element["initial_option"] = next(o for o in element["options"] if o["value"] == initial)
    return _input(block_id, label, element, optional, hint)


def _text(block_id: str, label: str, placeholder: str, *, optional: bool, hint: str = "") -> Block:
    element = {
        "type": "plain_text_input",
        "action_id": VALUE,
        "max_length": 40,
        "placeholder": {"type": "plain_text", "text": placeholder},
    }
    return _input(block_id, label, element, optional, hint)


def _input(block_id: str, label: str, element: dict[str, Any], optional: bool, hint: str) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": label},
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def fit_modal(data: FitData, channel_id: str) -> dict[str, Any]:
    """The modal `/hpc fit` opens; `private_metadata` remembers where to answer."""
    machines = list(dict.fromkeys((h.machine.id, h.machine.name) for h in data.hardware))
    blocks: list[Block] = [
        section(
            "Tell me who applies and what you want to run; I'll size it per machine and list "
            "the access routes that fit, with their next cut-off."
        ),
        _select("org", "Organisation", [(o.id, _first_upper(o.name)) for o in data.org_types]),
        _text(
            "country",
            "Country where it is established",
            "DE",
            optional=False,
            hint="An ISO code (DE, FR, NO, US, ...) or the country's English name.",
        ),
        _select(
            "purpose",
            "Purpose",
            [(p.id, _first_upper(p.name)) for p in data.purposes],
            optional=True,
        ),
        _select(
            "task",
            "Task",
            [(t.id, _first_upper(t.name)) for t in data.tasks],
            initial=data.tasks[0].id,
        ),
        _text("params", "Model size (parameters)", "7B", optional=True),
        _text(
            "tokens",
            "Training tokens",
            "1T",
            optional=True,
            hint="Tokens per run (dataset tokens × epochs).",
        ),
        _text("gpu_hours", "Or: GPU-hours you need", "50000", optional=True),
        _select(
            "machine",
            "Machine",
            machines,
            optional=True,
            hint="Leave empty to size on every machine.",
        ),
        _select("start_within", "Compute needed", list(URGENCY), optional=True),
    ]
    return {
        "type": "modal",
        "callback_id": FIT_CALLBACK,
        "title": {"type": "plain_text", "text": "Which call fits?"},
        "submit": {"type": "plain_text", "text": "Find routes"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps({"channel": channel_id}),
        "blocks": blocks,
    }


def submitted_values(view: dict[str, Any]) -> dict[str, str | None]:
    """block_id -> the text typed or the option chosen (None when left empty)."""
    found: dict[str, str | None] = {}
    for block_id, actions_state in (view.get("state", {}).get("values") or {}).items():
        state = actions_state.get(VALUE) or {}
        option = state.get("selected_option")
        value = option.get("value") if isinstance(option, dict) else state.get("value")
        found[block_id] = str(value).strip() if value not in (None, "") else None
    return found


def channel_of(view: dict[str, Any]) -> str:
    try:
        return str(json.loads(view.get("private_metadata") or "{}").get("channel", ""))
    except ValueError:
        return ""


def remind_call(result: FitResult) -> tuple[str, str] | None:
    """(call id, name) of the best route when it has a cut-off to be reminded of."""
    best = result.best
    if best is None or best.next_cutoff is None:
        return None
    return best.call.id, best.call.name


def citations(result: FitResult) -> tuple[Citation, ...]:
    return tuple(
        Citation(title=s.source, url=s.source, as_of=s.as_of, confirmed=s.confirmed)
        for s in result.sources()
    )


def fit_blocks(result: FitResult, reply_id: str, tz: tzinfo | None = None) -> list[Block]:
    """The private answer: headline, sizing, routes, ruled out, sources, Share and Remind us."""
    body = [headline(result, tz)]
    if result.sizing is not None:
        body += sizing_lines(result.sizing, result.request.tokens_note)
    blocks: list[Block] = [header("Which call fits, and how much to ask for")]
    blocks += [section(p) for p in split(to_mrkdwn("\n".join(body)), limits.MAX_SECTION_TEXT)]
    routes = [f"*Routes*, judged on {result.judged_on or 'no size'}:"] if result.fitting else []
    routes += [route_line(i, v, tz) for i, v in enumerate(result.fitting, start=1)]
    if routes:
        blocks += [section(p) for p in split(to_mrkdwn("\n".join(routes)), limits.MAX_SECTION_TEXT)]
    if result.ruled_out:
        out = "\n".join(["*Ruled out:*", *(ruled_out_line(v) for v in result.ruled_out)])
        blocks += [section(p) for p in split(to_mrkdwn(out), limits.MAX_SECTION_TEXT)]
    if result.sizing is not None:
        blocks.append(context(to_mrkdwn(result.sizing.assumptions.mfu.text)))
    tail: list[Block] = []
    sources = sources_block(citations(result))
    if sources is not None:
        tail.append(sources)
    elements = [button("Share in channel", SHARE_ACTION, reply_id, style="primary")]
    remind = remind_call(result)
    if remind is not None:
        elements.append(button(f"Remind us: {remind[1]} cut-offs", REMIND_ACTION, remind[0]))
    tail.append(actions(*elements, block_id="reply_actions"))
    return fit(blocks + tail, keep_last=len(tail))


def fit_fallback(result: FitResult, tz: tzinfo | None = None) -> str:
    return truncate(to_mrkdwn(headline(result, tz)), limits.MAX_FALLBACK_TEXT)
