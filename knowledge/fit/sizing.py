"""How much compute a workload needs, in FLOPs, GPU-hours, node-hours and memory. Pure arithmetic.

Compute (N parameters, D tokens; the factor per task comes from `sizing.yaml`):

- training (pre-training, full fine-tuning): **6·N·D** FLOPs, the usual estimate: 2·N per token
  for the forward pass and 4·N for the backward pass (weights and activations);
- LoRA fine-tuning: **4·N·D**: the frozen weights need no weight gradients, only the gradients
  that flow back through them to the adapters; the adapters' own FLOPs are negligible;
- inference: **2·N·D**, a forward pass over every token processed or generated.

Time on an accelerator: FLOPs / (dense BF16 peak × MFU) seconds, where MFU is the assumed
share of the peak a run achieves (default and range from `sizing.yaml`, shown in every answer).
GPU-hours divide by the partition's GPUs per node into node-hours, and the site's billing rule
turns node-hours into what the allocation is charged.

Memory (a rough bound, for "does it fit on one node?"): the weights and optimizer state
(bytes per parameter per task: 16 for full training with Adam in mixed precision, 2 for frozen
BF16 weights plus 16 per LoRA adapter parameter) plus the activations of one sequence per GPU
with layer-by-layer recomputation, for a dense transformer of typical shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from knowledge.fit.data import Hardware
from knowledge.fit.models import Assumptions, Shape, Task

SECONDS_PER_HOUR = 3600
TERA = 1e12
GIGA = 1e9


@dataclass(frozen=True)
class Workload:
    """What is to be run: a task over `params` parameters and `tokens` tokens in total."""

    task: Task
    params: float
    tokens: float  # every token processed: dataset tokens × epochs
    seq_len: int
    mfu: float

    @property
    def flops(self) -> float:
        return self.task.flops_per_param_token * self.params * self.tokens


@dataclass(frozen=True)
class MemoryCheck:
    state_gb: float  # weights, gradients, optimizer state, adapters: shared over the node's GPUs
    activations_gb: float  # one sequence on one GPU
    need_gb: float  # on one node: the state plus every GPU's activations
    node_gb: float
    min_nodes: int

    @property
    def fits_one_node(self) -> bool:
        return self.min_nodes == 1


@dataclass(frozen=True)
class Estimate:
    """One partition's share of the answer."""

    hardware: Hardware
    gpu_hours: float  # at the workload's MFU
    gpu_hours_low: float  # at the high end of the MFU range
    gpu_hours_high: float  # at the low end
    node_hours: float
    billed: float  # in hardware.sized.billing.unit
    memory: MemoryCheck


@dataclass(frozen=True)
class Sizing:
    workload: Workload
    assumptions: Assumptions
    estimates: tuple[Estimate, ...]

    @property
    def flops(self) -> float:
        return self.workload.flops

    def largest(self) -> Estimate:
        """The estimate with the most GPU-hours (the slowest GPU): a safe amount to ask for."""
        return max(self.estimates, key=lambda e: e.gpu_hours)


def gpu_hours(flops: float, peak_tflops: float, mfu: float) -> float:
    """Hours one GPU needs for `flops` at `mfu` of its dense peak."""
    return flops / (peak_tflops * TERA * mfu * SECONDS_PER_HOUR)


def model_shape(params: float, shape: Shape) -> tuple[float, float]:
    """(width, layers) of a dense transformer with `params` parameters and the usual aspect.

    From N = k·L·h² and h = a·L: h = (N·a/k)^(1/3), L = h/a.
    """
    width = (params * shape.width_per_layer / shape.params_per_layer_width_squared) ** (1 / 3)
    return width, width / shape.width_per_layer


def memory_check(workload: Workload, hardware: Hardware, assumptions: Assumptions) -> MemoryCheck:
    task, params = workload.task, workload.params
    state = params * task.bytes_per_param + params * task.adapter_fraction * (
        task.bytes_per_adapter_param
    )
    activations = 0.0
    if task.activations:
        shape = assumptions.shape
        width, layers = model_shape(params, shape)
        per_token = width * (shape.checkpoint_bytes * layers + shape.layer_bytes)
        activations = workload.seq_len * per_token
    gpus = hardware.gpus_per_node
    node = hardware.memory_gb * gpus * GIGA
    need = state + activations * gpus
    if need <= node:
        nodes = 1
    elif node > activations * gpus:  # the state spreads over nodes; activations stay per GPU
        nodes = math.ceil(state / (node - activations * gpus))
    else:  # one sequence alone overflows a GPU: no number of nodes helps without a shorter one
        nodes = math.ceil(need / node)
    return MemoryCheck(state / GIGA, activations / GIGA, need / GIGA, node / GIGA, nodes)


def estimate(workload: Workload, hardware: Hardware, assumptions: Assumptions) -> Estimate:
    flops, peak, mfu = workload.flops, hardware.accelerator.peak_tflops, assumptions.mfu
    hours = gpu_hours(flops, peak, workload.mfu)
    node_hours = hours / hardware.gpus_per_node
    return Estimate(
        hardware=hardware,
        gpu_hours=hours,
        gpu_hours_low=gpu_hours(flops, peak, max(mfu.high, workload.mfu)),
        gpu_hours_high=gpu_hours(flops, peak, min(mfu.low, workload.mfu)),
        node_hours=node_hours,
        billed=node_hours * hardware.sized.billing.per_node_hour,
        memory=memory_check(workload, hardware, assumptions),
    )


def size(workload: Workload, hardware: list[Hardware], assumptions: Assumptions) -> Sizing:
    """The workload on each partition in `hardware`, in the order given."""
    return Sizing(
        workload, assumptions, tuple(estimate(workload, h, assumptions) for h in hardware)
    )
