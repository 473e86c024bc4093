"""A fit result as text: the headline, the sizing per partition, the routes, what was assumed.

Markdown-ish like the catalogue's facts (`**bold**`, `•` lists), so the CLI prints it and the
Slack views and the answer path convert it the same way as any other fact.
"""

from __future__ import annotations

from datetime import tzinfo

from knowledge.catalog.chat_text import when_text
from knowledge.fit.engine import FitResult
from knowledge.fit.routes import Verdict
from knowledge.fit.sizing import Estimate, Sizing


def amount(value: float) -> str:
    """12,345 (whole units, thousands separated)."""
    return f"{round(value):,}"


def scaled(value: float) -> str:
    """7e9 -> '7B', 1.5e12 -> '1.5T' (the way model and data sizes are written)."""
    for suffix, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if value >= scale:
            return f"{value / scale:.3g}{suffix}"
    return f"{value:g}"


def flops_text(flops: float) -> str:
    """4.2e22 rather than Python's 4.2e+22."""
    return f"{flops:.3g}".replace("e+", "e")


def headline(result: FitResult, tz: tzinfo | None = None) -> str:
    """'Apply to X by DATE, asking for about N GPU-hours on M.' or why no route fits."""
    best = result.best
    if best is None:
        return "**No access route on record fits this request**; the reasons are below."
    when = (
        f"by {when_text(best.next_cutoff, tz)}"
        if best.next_cutoff is not None
        else f"({best.schedule})"
    )
    ask = ""
    if result.judged_hours is not None:
        ask = f", asking for about {amount(result.judged_hours)} GPU-hours"
        machine = _judged_machine(result)
        if machine:
            ask += f" on {machine}"
    return f"**Apply to {best.call.name} {when}{ask}.**"


def _judged_machine(result: FitResult) -> str:
    if result.request.gpu_hours is not None or result.sizing is None:
        return ""
    return result.sizing.largest().hardware.label


def sizing_lines(sizing: Sizing, tokens_note: str = "") -> list[str]:
    w, mfu = sizing.workload, sizing.assumptions.mfu
    factor = f"{w.task.flops_per_param_token:g}"
    tokens = tokens_note or f"{scaled(w.tokens)} tokens"
    lines = [
        f"**Sizing:** {w.task.name} of a {scaled(w.params)}-parameter model on {tokens}: "
        f"{factor}·N·D = {flops_text(w.flops)} FLOPs. MFU {w.mfu:g} assumed (range {mfu.low:g}-{mfu.high:g})."
    ]
    lines += [estimate_line(e) for e in sizing.estimates]
    return lines


def estimate_line(e: Estimate) -> str:
    hw = e.hardware
    billing = hw.sized.billing
    billed = f"billed {amount(e.billed)} {billing.unit}"
    m = e.memory
    if m.fits_one_node:
        memory = f"memory ~{m.need_gb:,.0f} GB of a node's {m.node_gb:,.0f} GB: fits on one node"
    else:
        memory = (
            f"memory ~{m.need_gb:,.0f} GB against a node's {m.node_gb:,.0f} GB: "
            f"**does not fit on one node**, needs at least {m.min_nodes} nodes"
        )
    return (
        f"• **{hw.label}** ({hw.gpus_per_node}× {hw.accelerator.name} per node): "
        f"**{amount(e.gpu_hours)} GPU-hours** ({amount(e.gpu_hours_low)}-{amount(e.gpu_hours_high)} "
        f"over the MFU range), {amount(e.node_hours)} node-hours, {billed}; {memory}."
    )


def route_line(number: int, v: Verdict, tz: tzinfo | None = None) -> str:
    when = f"next cut-off {when_text(v.next_cutoff, tz)}" if v.next_cutoff else v.schedule
    extra = [when]
    if v.call.time_to_access:
        extra.append(f"access: {_lc(v.call.time_to_access.text)}")
    if v.call.duration:
        extra.append(f"lasts {_lc(v.call.duration.text)}")
    only = f" Condition: {'; '.join(v.conditions)}." if v.conditions else ""
    return (
        f"{number}. **{v.call.name}**: {_sentence(v.reason)}{only} {_sentence('; '.join(extra))} "
        f"{v.call.apply.url}"
    )


def ruled_out_line(v: Verdict) -> str:
    return f"• **{v.call.name}**: {_sentence(v.reason)}"


def fit_text(result: FitResult, tz: tzinfo | None = None) -> str:
    """The whole answer: headline, sizing, routes that fit, routes ruled out."""
    lines = [headline(result, tz)]
    if result.sizing is not None:
        lines += sizing_lines(result.sizing, result.request.tokens_note)
    if result.judged_hours is not None:
        lines.append(
            f"**Routes**, judged on {amount(result.judged_hours)} GPU-hours ({result.judged_on}):"
        )
    else:
        lines.append("**Routes:**")
    lines += [route_line(i, v, tz) for i, v in enumerate(result.fitting, start=1)] or [
        "• none fits"
    ]
    if result.ruled_out:
        lines.append("**Ruled out:**")
        lines += [ruled_out_line(v) for v in result.ruled_out]
    return "\n".join(lines)


def _lc(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."
