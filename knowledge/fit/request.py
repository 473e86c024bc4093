"""What people type into a fit request ("7B", "1T", "80GB", "DE") turned into checked values.

Every problem raises `FitInputError` whose `field` names the input (params, tokens, dataset,
epochs, seq_len, mfu, gpu_hours, start_within, org, country, purpose, task, machine), so the
CLI can name its option and Slack its modal block. Nothing is guessed: an unknown country, a
negative size or a 1,000-trillion-parameter model is refused with what to write instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TypeGuard

from knowledge.errors import FitInputError
from knowledge.fit.data import FitData
from knowledge.fit.routes import Applicant
from knowledge.fit.sizing import Workload

_SCALE = {
    "": 1.0,
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "trillion": 1e12,
}
_BYTES = {
    "b": 1.0,
    "kb": 1e3,
    "mb": 1e6,
    "gb": 1e9,
    "tb": 1e12,
    "pb": 1e15,
    "kib": 2.0**10,
    "mib": 2.0**20,
    "gib": 2.0**30,
    "tib": 2.0**40,
    "pib": 2.0**50,
}
_AMOUNT = re.compile(r"^\s*([-+]?\d[\d,_]*(?:\.\d+)?(?:e[-+]?\d+)?)\s*([a-z]*)\s*$", re.I)

# What can be sized: beyond these the input is a typo, not a workload. (The largest published
# dense models are around 1-2T parameters and runs use up to tens of trillions of tokens.)
LIMITS: dict[str, tuple[float, float]] = {
    "params": (1e6, 1e13),
    "tokens": (1e3, 1e16),
    "dataset": (1e3, 1e17),  # bytes
    "epochs": (0.01, 1000),
    "seq_len": (16, 10_000_000),
    "mfu": (0.01, 1.0),
    "gpu_hours": (1, 1e10),
    "start_within": (0, 3650),
}
WHAT = {
    "params": "a model size such as 7B or 70B (parameters)",
    "tokens": "a token count such as 20B or 1T",
    "dataset": "a dataset size such as 80GB or 1.5TB",
    "epochs": "a number of epochs such as 1 or 3",
    "seq_len": "a sequence length such as 4096",
    "mfu": "a utilisation between 0.01 and 1, such as 0.35",
    "gpu_hours": "a number of GPU-hours such as 50000 or 200k",
    "start_within": "a number of days such as 30",
}


def _number(field: str, raw: str | float, scales: dict[str, float]) -> float:
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        found = _AMOUNT.match(str(raw))
        unit = found.group(2).lower() if found else ""
        if found is None or unit not in scales:
            raise FitInputError(field, f"'{raw}' is not {WHAT[field]}.")
        value = float(found.group(1).replace(",", "").replace("_", "")) * scales[unit]
    if not math.isfinite(value) or value < 0 or (value == 0 and field != "start_within"):
        raise FitInputError(field, f"'{raw}' must be positive; give {WHAT[field]}.")
    low, high = LIMITS[field]
    if not low <= value <= high:
        raise FitInputError(
            field,
            f"'{raw}' is outside what can be sized ({_short(low)} to {_short(high)}); "
            f"give {WHAT[field]}.",
        )
    return value


def _short(value: float) -> str:
    for suffix, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if value >= scale:
            return f"{value / scale:g}{suffix}"
    return f"{value:g}"


def count(field: str, raw: str | float) -> float:
    """'7B' -> 7e9, '1.5T' -> 1.5e12, '200k' -> 2e5, '2e12' -> 2e12 (within the field's limits)."""
    return _number(field, raw, _SCALE)


def byte_size(field: str, raw: str | float) -> float:
    """'80GB' -> 8e10 bytes (decimal units; KiB, GiB... binary)."""
    return _number(field, raw, _BYTES)


@dataclass(frozen=True)
class FitRequest:
    applicant: Applicant
    workload: Workload | None
    machine: str | None = None
    gpu_hours: float | None = None
    start_within_days: int | None = None
    # Said back in answers: how the tokens were arrived at ("20B tokens × 3 epochs").
    tokens_note: str = ""


def _given(value: str | float | None) -> TypeGuard[str | float]:
    return value is not None and str(value).strip() != ""


def build_request(
    data: FitData,
    *,
    org: str | None = None,
    country: str | None = None,
    purpose: str | None = None,
    task: str | None = None,
    params: str | float | None = None,
    tokens: str | float | None = None,
    dataset: str | float | None = None,
    epochs: str | float | None = None,
    seq_len: str | float | None = None,
    mfu: str | float | None = None,
    machine: str | None = None,
    gpu_hours: str | float | None = None,
    start_within: str | float | None = None,
    require_applicant: bool = True,
) -> FitRequest:
    """Check and convert raw inputs; `require_applicant`: organisation and country must be given."""
    if require_applicant:
        if not _given(org):
            kinds = ", ".join(o.id for o in data.org_types)
            raise FitInputError("org", f"Say what kind of organisation applies: {kinds}.")
        if not _given(country):
            raise FitInputError(
                "country", "Say where the organisation is established (a code such as DE)."
            )
    applicant = Applicant(
        org=data.org(str(org)) if _given(org) else None,
        country=data.country(str(country).strip()) if _given(country) else None,
        purpose=data.purpose(str(purpose)) if _given(purpose) else None,
    )
    workload, note = _workload(data, task, params, tokens, dataset, epochs, seq_len, mfu)
    hours = count("gpu_hours", gpu_hours) if _given(gpu_hours) else None
    if workload is None and hours is None:
        raise FitInputError(
            "params",
            "Give the model size and the training tokens (or dataset size), or the "
            "GPU-hours you need.",
        )
    if _given(machine):
        data.hardware_for(str(machine))  # refuses an unknown or unsized machine now
    within = count("start_within", start_within) if _given(start_within) else None
    return FitRequest(
        applicant,
        workload,
        str(machine).strip() if _given(machine) else None,
        hours,
        round(within) if within is not None else None,
        note,
    )


def _workload(
    data: FitData,
    task: str | None,
    params: str | float | None,
    tokens: str | float | None,
    dataset: str | float | None,
    epochs: str | float | None,
    seq_len: str | float | None,
    mfu: str | float | None,
) -> tuple[Workload | None, str]:
    if not any(_given(v) for v in (params, tokens, dataset)):
        return None, ""
    if not _given(params):
        raise FitInputError("params", "Give the model size too, such as 7B.")
    if _given(tokens) and _given(dataset):
        raise FitInputError("tokens", "Give the training tokens or the dataset size, not both.")
    if not _given(tokens) and not _given(dataset):
        raise FitInputError("tokens", "Give the training tokens (such as 1T) or the dataset size.")
    assumptions = data.sizing.assumptions
    n_epochs = count("epochs", epochs) if _given(epochs) else 1.0
    if _given(tokens):
        per_epoch = count("tokens", tokens)
        note = f"{_short(per_epoch)} tokens"
    else:  # the dataset size: one of the two was given (checked above)
        size = byte_size("dataset", str(dataset))
        per_epoch = size / assumptions.bytes_per_token.value
        per_token = assumptions.bytes_per_token.value
        note = f"{dataset} at {per_token:g} bytes per token = {_short(per_epoch)} tokens"
    if n_epochs != 1:
        note += f" × {n_epochs:g} epochs"
    return (
        Workload(
            task=data.task(str(task)) if _given(task) else data.tasks[0],
            params=count("params", params),
            tokens=per_epoch * n_epochs,
            seq_len=round(count("seq_len", seq_len))
            if _given(seq_len)
            else assumptions.sequence_length.default,
            mfu=count("mfu", mfu) if _given(mfu) else assumptions.mfu.default,
        ),
        note,
    )
