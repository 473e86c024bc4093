"""Typed shape of the curated data files (machines, calls, AI Factories).

Every group of facts that someone could want to cite inherits `Sourced`: the page that states
it, the day it was last checked and whether an official page confirms it. Only a page on one of
`PRIMARY_DOMAINS` can confirm a fact. Models forbid unknown fields so a typo in the YAML fails
loudly instead of silently dropping a fact.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9+-]*$")]
# A key of topics.yaml ("share", "factory_waves"); which keys exist is checked when the facts
# are matched against the topics.
TopicKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_+-]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Official ("primary") sources: the EU bodies that run the calls, the hosting sites and their
# user documentation, national competence centres and the programmes' own sites. An entry is a
# domain (which covers its subdomains), optionally followed by a path prefix. News sites,
# aggregators and encyclopaedias are not listed, however reliable: facts from them stay
# `confirmed: false`, so the bot tells readers to check the official page.
PRIMARY_DOMAINS: tuple[str, ...] = (
    "europa.eu",  # EuroHPC JU, European Commission
    "lumi-supercomputer.eu",  # LUMI consortium, docs.lumi-supercomputer.eu
    "lumi-ai-factory.eu",
    "github.com/Lumi-supercomputer",  # LUMI's own repositories (LUMI AI Guide)
    "cineca.eu",  # LEONARDO
    "cineca.it",
    "bsc.es",  # MareNostrum 5
    "fz-juelich.de",  # JUPITER
    "lxp.lu",  # MeluXina (LuxProvide)
    "public.lu",  # Luxembourg government
    "it4i.cz",  # Karolina (IT4Innovations)
    "izum.si",  # Vega
    "discoverer.bg",
    "fccn.pt",  # Deucalion (MACC)
    "prace-ri.eu",  # PRACE, which ran EuroHPC's access calls
    "hpc-cc.hr",  # Croatian national competence centre for HPC
    "roncc.ro",  # Romanian national competence centre for HPC
    "ffplus-project.eu",  # FFplus
)


def is_primary_source(url: str) -> bool:
    """True when `url` is on one of `PRIMARY_DOMAINS` (subdomains and path prefixes included)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").casefold()
    path = parts.path.casefold()
    for entry in PRIMARY_DOMAINS:
        domain, _, prefix = entry.casefold().partition("/")
        if host != domain and not host.endswith(f".{domain}"):
            continue
        if not prefix or path == f"/{prefix}" or path.startswith(f"/{prefix}/"):
            return True
    return False


class Sourced(_Model):
    """Provenance shared by every fact group."""

    source: Url
    # The day `source` was checked, not the day the data file was edited.
    as_of: dt.date
    # True only when an official page (see PRIMARY_DOMAINS) states the fact; false when only a
    # third-party document quotes the official page, or the source is not official.
    confirmed: bool
    # Topics (keys of topics.yaml) this fact also answers, beyond the one its place in the file
    # gives it: a machine note saying how the machine's time is split answers "share" too.
    also_answers: list[TopicKey] = Field(default=[], exclude=True)  # matching, not the record

    @field_validator("confirmed")
    @classmethod
    def _confirmed_needs_official_source(cls, value: bool, info: ValidationInfo) -> bool:
        source = info.data.get("source")  # absent when the source itself failed validation
        if value and source is not None and not is_primary_source(source):
            host = urlsplit(source).hostname
            raise ValueError(
                f"confirmed: true, but the source {source} is not an official page ({host} is "
                "not in PRIMARY_DOMAINS in knowledge/catalog/models.py). Set confirmed: false, "
                "or cite the official page that states this fact (add its domain to "
                "PRIMARY_DOMAINS only if it is official)."
            )
        return value


class Fact(Sourced):
    text: Text


class TimeToAccess(Fact):
    """How soon after a cut-off the answer (or the resources) come, in calendar months or in
    working days when the source says so: the day for a given cut-off is worked out from it."""

    months_after_cutoff: int | None = Field(default=None, ge=1)
    working_days_after_cutoff: int | None = Field(default=None, ge=1)


# --- machines -------------------------------------------------------------------------------


class Cpu(_Model):
    model: Text
    count: int | None = Field(default=None, ge=1)
    cores: int | None = Field(default=None, ge=1, description="cores per CPU")
    note: str = ""


class Gpu(_Model):
    model: Text
    count: int | None = Field(default=None, ge=1, description="GPUs (modules) per node")
    memory_gb: int | None = Field(default=None, ge=1, description="memory per GPU module")
    note: str = ""


class Partition(Sourced):
    """A hardware partition (module) of a machine, e.g. LUMI-G or the LEONARDO Booster."""

    id: Ident
    name: Text
    aliases: list[Text] = []
    kind: Literal["gpu", "cpu", "fpga", "large-memory", "visualisation", "mixed"]
    nodes: int | None = Field(default=None, ge=1)
    cpu: Cpu | None = None
    gpu: Gpu | None = None
    memory: str | None = None
    interconnect: str | None = None
    notes: str = ""


class Status(Sourced):
    state: Literal["operational", "being installed", "planned"]
    date: dt.date | None = None
    detail: str = ""


class Performance(Sourced):
    metric: Text
    value: Text
    note: str = ""


class Scheduler(Sourced):
    name: Text
    version: str | None = None
    note: str = ""


class SlurmPartition(Sourced):
    """A Slurm partition users submit to, with its published limits."""

    name: Text
    hardware: Text
    allocation: Literal["whole nodes", "sub-node", "on request"] | None = None
    max_walltime: str | None = None
    max_nodes: int | None = Field(default=None, ge=1)
    max_resources: str | None = None
    max_jobs: str | None = None
    purpose: str = ""


class GpuAccounting(_Model):
    """How Slurm's gres/gpu time converts to the billed unit (the usage reports read it).

    `per_gpu_hour`: billed units per Slurm-GPU-hour; `per_node_hour`: partitions billed by
    whole nodes, units per node-hour. Its source and date are the enclosing billing group's.
    """

    unit: Text
    per_gpu_hour: float = Field(gt=0)
    per_node_hour: dict[str, float] = {}


class Billing(Sourced):
    units: list[Text]
    rules: list[Text] = []
    gpu_accounting: GpuAccounting | None = None


class Login(Sourced):
    host: Text
    note: str = ""


class Docs(Sourced):
    url: Url


class Link(Sourced):
    """A page or portal users go to (a service-status page, a web portal), with what it offers."""

    url: Url
    note: str = ""


class AccountingTools(Sourced):
    """The commands that show a project's remaining allocation and quotas on a machine."""

    commands: list[Text] = Field(min_length=1)
    note: str = ""


class Machine(_Model):
    id: Ident
    name: Text
    aliases: list[Text] = []
    site: Text
    city: str | None = None
    country: Text
    tier: Literal["exascale", "pre-exascale", "petascale", "mid-range"]
    vendor: str | None = None
    overview: Fact
    status: Status
    partitions: list[Partition] = []
    interconnect: Fact | None = None
    performance: list[Performance] = []
    scheduler: Scheduler | None = None
    slurm_partitions: list[SlurmPartition] = []
    billing: Billing | None = None
    login: Login | None = None
    docs: Docs | None = None
    status_page: Link | None = None
    portal: Link | None = None
    accounting: AccountingTools | None = None
    api: Fact | None = None
    notes: list[Fact] = []
    ai_factory: Ident | None = None

    def facts(self) -> list[Sourced]:
        """Every fact group of the machine, for staleness checks and citations."""
        groups: list[Sourced | None] = [
            self.overview,
            self.status,
            *self.partitions,
            self.interconnect,
            *self.performance,
            self.scheduler,
            *self.slurm_partitions,
            self.billing,
            self.login,
            self.docs,
            self.status_page,
            self.portal,
            self.accounting,
            self.api,
            *self.notes,
        ]
        return [g for g in groups if g is not None]

    def partition(self, name: str) -> Partition | None:
        wanted = normalize_name(name)
        for part in self.partitions:
            keys = {part.id, part.name, *part.aliases, f"{self.name} {part.name}"}
            if wanted in {normalize_name(k) for k in keys}:
                return part
        return None

    def slurm_partition(self, name: str) -> SlurmPartition | None:
        wanted = normalize_name(name)
        return next((p for p in self.slurm_partitions if normalize_name(p.name) == wanted), None)


# --- calls ----------------------------------------------------------------------------------


class Offer(Sourced):
    text: Text
    gpu_hours_min: int | None = Field(default=None, ge=0)
    gpu_hours_max: int | None = Field(default=None, ge=0)


class Duration(Sourced):
    text: Text
    months: list[int] = []
    # The day the allocations on record start (FFplus call 2 studies start on 1 Sep 2026):
    # with the longest of `months`, the day they end at the latest.
    starts: dt.date | None = None


class Cost(Sourced):
    text: Text
    # None when the source says nothing specific about start-ups.
    free_for_startups: bool | None = None


class Apply(Sourced):
    url: Url
    text: Text


class CutoffDate(_Model):
    day: dt.date
    time: dt.time | None = None
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _bare_day(cls, value: Any) -> Any:
        # Most entries are a bare date; accept them without the mapping boilerplate.
        return {"day": value} if isinstance(value, str) else value

    @field_validator("time", mode="before")
    @classmethod
    def _time_is_text(cls, value: Any) -> Any:
        return _quoted_time(value)


class CutoffSchedule(Sourced):
    rule: Literal["dated", "continuous"]
    frequency: str = ""
    time: dt.time | None = None
    timezone: str = "Europe/Brussels"
    dates: list[CutoffDate] = []

    @field_validator("time", mode="before")
    @classmethod
    def _time_is_text(cls, value: Any) -> Any:
        return _quoted_time(value)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not an IANA time zone such as Europe/Brussels"
            ) from None
        return value

    @model_validator(mode="after")
    def _dates_match_rule(self) -> CutoffSchedule:
        if self.rule == "continuous" and self.dates:
            raise ValueError("a continuous call cannot list cut-off dates; use rule: dated")
        return self


class Call(_Model):
    id: Ident
    name: Text
    aliases: list[Text] = []
    family: Literal["ai-factories", "eurohpc-access", "programme"]
    summary: Fact
    eligibility: Fact | None = None
    offer: Offer | None = None
    duration: Duration | None = None
    review: Fact | None = None
    time_to_access: TimeToAccess | None = None
    cost: Cost | None = None
    # What the call replaced or grew out of: users still ask by the old name.
    history: Fact | None = None
    obligations: list[Fact] = []
    apply: Apply
    cutoffs: CutoffSchedule
    machines: list[Ident] = []
    # Anything else on record, each with its own provenance ("one applicant reports that the
    # form asked for more than 10,000 GPU-hours"); `also_answers` says which topics it answers.
    notes: list[Fact] = []

    def facts(self) -> list[Sourced]:
        groups: list[Sourced | None] = [
            self.summary,
            self.eligibility,
            self.offer,
            self.duration,
            self.review,
            self.time_to_access,
            self.cost,
            self.history,
            *self.obligations,
            self.apply,
            self.cutoffs,
            *self.notes,
        ]
        return [g for g in groups if g is not None]


# --- AI Factories ---------------------------------------------------------------------------


class FactorySystem(Sourced):
    text: Text
    machine: Ident | None = None


class AIFactory(Sourced):
    id: Ident
    name: Text
    aliases: list[Text] = []
    wave: int = Field(ge=1)
    host: Text
    city: str | None = None
    country: Text
    partners: list[Text] = []
    system: FactorySystem


class Wave(Sourced):
    wave: int = Field(ge=1)
    selected: dt.date


class Antenna(Sourced):
    country: Text
    eu_member: bool
    linked_factory: Ident | None = None


class Antennas(_Model):
    overview: Fact
    members: list[Antenna]


# --- files ----------------------------------------------------------------------------------


class MachinesFile(_Model):
    machines: list[Machine]


class CallsFile(_Model):
    calls: list[Call]


class AIFactoriesFile(_Model):
    overview: Fact
    # The programme's background (its legal basis, budgets, the calls that built it), each
    # with its own provenance and, in `also_answers`, the topics it answers.
    notes: list[Fact] = []
    waves: list[Wave]
    ai_factories: list[AIFactory]
    antennas: Antennas


def _quoted_time(value: Any) -> Any:
    # YAML 1.1 reads an unquoted 10:00 as the base-60 integer 600, which pydantic would
    # accept as 00:10; insist on a quoted "HH:MM" string instead.
    if value is not None and not isinstance(value, str):
        raise ValueError('write the time as a quoted "HH:MM" string, e.g. time: "10:00"')
    return value


def normalize_name(name: str) -> str:
    """Key for name lookups: case, spaces and punctuation don't matter ("MN-5" == "mn5")."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())
