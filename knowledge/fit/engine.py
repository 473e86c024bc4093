"""A fit request in, an answer out: the sizing, the GPU-hours the routes are judged on, the routes.

data = load_fit_data(knowledge_dir, catalog)
request = build_request(data, org="startup", country="DE", params="7B", tokens="1T")
result = run_fit(data, request, now)
result.best            # the first fitting route, or None
result.to_dict()       # the JSON of `hpcbot fit --json`
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from knowledge.catalog.models import Sourced
from knowledge.fit.data import FitData
from knowledge.fit.request import FitRequest
from knowledge.fit.routes import Verdict, find_routes
from knowledge.fit.sizing import Estimate, Sizing, size


@dataclass(frozen=True)
class FitResult:
    request: FitRequest
    sizing: Sizing | None
    judged_hours: float | None  # what the routes' size ranges were checked against
    judged_on: str  # where that number comes from, in words
    routes: tuple[Verdict, ...]
    now: datetime

    @property
    def fitting(self) -> list[Verdict]:
        return [v for v in self.routes if v.fits]

    @property
    def ruled_out(self) -> list[Verdict]:
        return [v for v in self.routes if not v.fits]

    @property
    def best(self) -> Verdict | None:
        return self.fitting[0] if self.fitting else None

    def sources(self) -> list[Sourced]:
        """Every fact the answer rests on, once each, in the order they are used."""
        found: dict[tuple[str, str], Sourced] = {}
        groups: list[Sourced] = []
        if self.sizing is not None:
            a = self.sizing.assumptions
            groups += [self.sizing.workload.task, a.mfu]
            if self.sizing.workload.task.activations:
                groups += [a.shape]
            for e in self.sizing.estimates:
                groups += [
                    e.hardware.accelerator,
                    e.hardware.memory_source,
                    e.hardware.sized.billing,
                ]
        for v in self.fitting:
            groups.append(v.source)
        for group in groups:
            found.setdefault((group.source, str(group.as_of)), group)
        return list(found.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "judged_gpu_hours": _round(self.judged_hours),
            "judged_on": self.judged_on,
            "sizing": []
            if self.sizing is None
            else [_estimate_json(self.sizing, e) for e in self.sizing.estimates],
            "workload": None if self.sizing is None else _workload_json(self.sizing, self.request),
            "routes": [_verdict_json(v) for v in self.routes],
        }


def _round(value: float | None) -> int | None:
    return None if value is None else round(value)


def _provenance(group: Sourced) -> dict[str, Any]:
    return {"source": group.source, "as_of": group.as_of.isoformat(), "confirmed": group.confirmed}


def _workload_json(sizing: Sizing, request: FitRequest) -> dict[str, Any]:
    w = sizing.workload
    return {
        "task": w.task.id,
        "params": w.params,
        "tokens": w.tokens,
        "tokens_note": request.tokens_note,
        "flops": w.flops,
        "formula": f"{w.task.flops_per_param_token:g}·N·D",
        "seq_len": w.seq_len,
    }


def _estimate_json(sizing: Sizing, e: Estimate) -> dict[str, Any]:
    hw, mfu = e.hardware, sizing.assumptions.mfu
    return {
        "machine": hw.machine.name,
        "partition": hw.partition.name,
        "partition_id": hw.partition.id,
        "accelerator": hw.accelerator.name,
        "gpus_per_node": hw.gpus_per_node,
        "gpu_hours": round(e.gpu_hours),
        "gpu_hours_range": [round(e.gpu_hours_low), round(e.gpu_hours_high)],
        "node_hours": round(e.node_hours),
        "billed": {
            "amount": round(e.billed),
            "unit": hw.sized.billing.unit,
            **_provenance(hw.sized.billing),
        },
        "memory": {
            "state_gb": round(e.memory.state_gb, 1),
            "activations_gb_per_gpu": round(e.memory.activations_gb, 1),
            "need_gb_per_node": round(e.memory.need_gb, 1),
            "node_gb": round(e.memory.node_gb, 1),
            "fits_one_node": e.memory.fits_one_node,
            "min_nodes": e.memory.min_nodes,
        },
        "assumptions": {
            "mfu": sizing.workload.mfu,
            "mfu_range": [mfu.low, mfu.high],
            "peak_tflops": hw.accelerator.peak_tflops,
            "flops": sizing.workload.flops,
            "formula": f"{sizing.workload.task.flops_per_param_token:g}·N·D",
            "peak_source": _provenance(hw.accelerator),
        },
    }


def _verdict_json(v: Verdict) -> dict[str, Any]:
    return {
        "call": v.call.id,
        "name": v.call.name,
        "fits": v.fits,
        "reason": v.reason,
        "conditions": list(v.conditions),
        "next_cutoff": v.next_cutoff.at.isoformat() if v.next_cutoff is not None else None,
        "schedule": v.schedule,
        "start_days": v.start_days,
        "time_to_access": v.call.time_to_access.text if v.call.time_to_access else None,
        "duration": v.call.duration.text if v.call.duration else None,
        "page": v.call.apply.url,
        **_provenance(v.source),
    }


def run_fit(data: FitData, request: FitRequest, now: datetime) -> FitResult:
    sizing = None
    if request.workload is not None:
        sizing = size(request.workload, data.hardware_for(request.machine), data.sizing.assumptions)
    hours, basis = _judged(request, sizing)
    verdicts = find_routes(data, request.applicant, hours, now, request.start_within_days)
    return FitResult(request, sizing, hours, basis, tuple(verdicts), now)


def _judged(request: FitRequest, sizing: Sizing | None) -> tuple[float | None, str]:
    """The GPU-hours the routes are sized against: given, else the (largest) estimate."""
    if request.gpu_hours is not None:
        return request.gpu_hours, "the GPU-hours you gave"
    if sizing is None:
        return None, ""
    largest = sizing.largest()
    label = largest.hardware.label
    if len(sizing.estimates) == 1:
        return largest.gpu_hours, f"the estimate for {label}"
    return largest.gpu_hours, f"the largest estimate, {label}; name a machine to judge on it"
