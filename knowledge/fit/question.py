"""The fit request a question describes: "we need to fine-tune a 70B model on 20B tokens".

Quantities are read by their units (a size followed by "tokens" is the data, another size with
B/M/T is the model; "80GB" is a dataset; "3 epochs"); the task, organisation type, purpose,
country and machine by the names and aliases in the data files, so nothing here names one.
What the question does not say stays unsaid: those rules become conditions in the answer.
"""

from __future__ import annotations

import re
from datetime import datetime

from knowledge.catalog.facts import gpu_hours_in
from knowledge.errors import FitInputError
from knowledge.fit.data import FitData
from knowledge.fit.engine import run_fit
from knowledge.fit.render import fit_text
from knowledge.fit.request import FitRequest, build_request

_SIZE = r"(\d+(?:[.,]\d+)?)\s*(k|m|b|bn|t|thousand|million|billion|trillion)\b"
_TOKENS = re.compile(_SIZE + r"[\s-]*(?:[a-z-]+\s+){0,2}?tokens?\b", re.I)
_MODEL = re.compile(_SIZE + r"(?![\s-]*(?:[a-z-]+\s+){0,2}?tokens?\b)", re.I)
_DATASET = re.compile(r"(\d+(?:[.,]\d+)?)\s*(kb|mb|gb|tb|pb|kib|mib|gib|tib|pib)\b", re.I)
_EPOCHS = re.compile(r"(\d+(?:\.\d+)?)\s*epochs?\b", re.I)
_GPU_HOURS = re.compile(r"gpu[- ]?h", re.I)

ASK_FOR_MORE = (
    "To size a run I need the model size and the training tokens, e.g. _fine-tune a 70B model "
    "on 20B tokens_ or _pre-train a 7B model on 1T tokens_ (or the GPU-hours you need). "
    "`/hpc fit` asks for everything, and `hpcbot fit` does it on the command line."
)


def _find_name(text: str, names: dict[str, str]) -> str | None:
    """The longest name (as written in the data) that occurs in `text` as whole words."""
    for name in sorted(names, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I):
            return names[name]
    return None


def request_from_question(data: FitData, question: str) -> FitRequest | None:
    """The request the question describes, or None when it names no workload and no size."""
    text = question.replace("\u00a0", " ")
    tokens = _TOKENS.search(text)
    model = next((m for m in _MODEL.finditer(text) if not _is_gpu_hours(text, m.end())), None)
    dataset = _DATASET.search(text)
    hours = gpu_hours_in(text)
    if model is None and hours is None:
        return None
    epochs = _EPOCHS.search(text)
    words = data.vocabulary
    found = {kind: _find_name(text, names) for kind, names in words.items()}
    return build_request(
        data,
        org=found["org"],
        country=found["country"],
        purpose=found["purpose"],
        task=found["task"],
        # "~200k GPU-hours to pre-train our 7B model": the hours are the size; a model size
        # without its tokens sizes nothing, and is not asked for more when the hours are given.
        params=_joined(model) if model and (tokens or dataset or hours is None) else None,
        tokens=_joined(tokens) if tokens else None,
        dataset=dataset.group(0).replace(" ", "") if dataset and not tokens else None,
        epochs=epochs.group(1) if epochs else None,
        machine=found["machine"],
        gpu_hours=hours if model is None or not (tokens or dataset) else None,
        require_applicant=False,
    )


def _joined(found: re.Match[str]) -> str:
    return f"{found.group(1).replace(',', '.')}{found.group(2)}"


def _is_gpu_hours(text: str, end: int) -> bool:
    """'50k GPU-hours' is a size of the allocation, not of the model."""
    return bool(_GPU_HOURS.match(text[end:].lstrip(" -")))


def answer_question(data: FitData, question: str, now: datetime) -> str:
    """The fit answer for a question, what is missing, or why the input can't be used."""
    try:
        request = request_from_question(data, question)
    except FitInputError as exc:
        return f"I can't size that: {exc} {ASK_FOR_MORE}"
    if request is None or (request.workload is None and request.gpu_hours is None):
        return ASK_FOR_MORE
    return fit_text(run_fit(data, request, now))
