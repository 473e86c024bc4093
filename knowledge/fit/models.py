"""Typed shape of `sizing.yaml` and `routes.yaml`, the data the fit finder computes and decides with.

Like the catalogue's models, every group someone could cite is `Sourced` and unknown fields are
refused, so a typo fails at load time instead of silently changing an answer.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from knowledge.catalog.models import Ident, Sourced, Text, _Model

CountryClass = Literal["member-state", "associated", "other"]
# ISO 3166-1 alpha-2, plus XK (Kosovo), which the EU uses though ISO has not assigned it.
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


# --- sizing.yaml ----------------------------------------------------------------------------


class Mfu(Sourced):
    default: float = Field(gt=0, le=1)
    low: float = Field(gt=0, le=1)
    high: float = Field(gt=0, le=1)
    text: Text

    @model_validator(mode="after")
    def _ordered(self) -> Mfu:
        if not self.low <= self.default <= self.high:
            raise ValueError("mfu needs low <= default <= high")
        return self


class SequenceLength(Sourced):
    default: int = Field(ge=1)
    text: Text


class BytesPerToken(Sourced):
    value: float = Field(gt=0)
    text: Text


class Shape(Sourced):
    params_per_layer_width_squared: float = Field(gt=0)
    width_per_layer: float = Field(gt=0)
    checkpoint_bytes: float = Field(ge=0)
    layer_bytes: float = Field(ge=0)
    text: Text


class Assumptions(_Model):
    mfu: Mfu
    sequence_length: SequenceLength
    bytes_per_token: BytesPerToken
    shape: Shape


class Task(Sourced):
    id: Ident
    name: Text
    aliases: list[Text] = []
    flops_per_param_token: float = Field(gt=0)
    bytes_per_param: float = Field(gt=0)
    adapter_fraction: float = Field(default=0.0, ge=0, lt=1)
    bytes_per_adapter_param: float = Field(default=0.0, ge=0)
    activations: bool
    text: Text


class Accelerator(Sourced):
    id: Ident
    name: Text
    peak_tflops: float = Field(gt=0, description="dense BF16/FP16 peak of one GPU")
    text: Text


class Billing(Sourced):
    unit: Literal["GPU-hours", "node-hours"]
    per_node_hour: float = Field(gt=0, description="units billed for one node-hour")
    text: Text


class Memory(Sourced):
    gb: float = Field(gt=0, description="memory of one GPU")
    text: Text


class SizedPartition(_Model):
    machine: Ident
    partition: Ident
    accelerator: Ident
    billing: Billing
    memory: Memory | None = None


class SizingFile(_Model):
    assumptions: Assumptions
    tasks: list[Task]
    accelerators: list[Accelerator]
    partitions: list[SizedPartition]


# --- routes.yaml ----------------------------------------------------------------------------


class Named(_Model):
    id: Ident
    name: Text
    aliases: list[Text] = []


class CountryGroup(Sourced):
    name: Text
    codes: list[CountryCode] = []
    names: dict[CountryCode, Text] = {}
    aliases: dict[str, CountryCode] = {}
    text: Text


class Access(Sourced):
    days: int = Field(ge=0, description="calendar days from applying or the cut-off to compute")
    text: Text


class Rule(Sourced):
    kind: Literal["org", "country", "purpose", "gpu-hours"]
    allow: list[str] = []
    conditional: list[Ident] = []
    condition: str = ""
    orgs: list[Ident] = []
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    text: Text

    @model_validator(mode="after")
    def _complete(self) -> Rule:
        if self.kind == "gpu-hours" and self.min is None and self.max is None:
            raise ValueError("a gpu-hours rule needs min or max")
        if self.kind != "gpu-hours" and (self.min is not None or self.max is not None):
            raise ValueError("only a gpu-hours rule has min or max")
        if self.kind in ("org", "country", "purpose") and not (self.allow or self.conditional):
            raise ValueError(f"an {self.kind} rule needs allow (or conditional) values")
        if self.conditional and not self.condition:
            raise ValueError("conditional values need the condition they are allowed under")
        if self.conditional and self.kind == "purpose":
            raise ValueError("a purpose rule has no conditional values: list them in allow")
        if self.orgs and self.kind != "purpose":
            raise ValueError("only a purpose rule can be limited to some organisation types")
        return self


class Route(_Model):
    call: Ident
    access: Access | None = None
    rules: list[Rule]


class RoutesFile(_Model):
    org_types: list[Named]
    purposes: list[Named]
    countries: dict[CountryClass, CountryGroup]
    routes: list[Route]
