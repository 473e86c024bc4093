"""Which projects hpcbot reports on, and how to reach each machine's accounting: the usage YAML.

Example (`HPCBOT_USAGE_CONFIG`, default `<data dir>/usage.yaml`)::

    machines:                       # same provider shapes as the queue config
      lumi:
        provider: slurmrestd
        url: http://127.0.0.1:6820
        user: slurmtest
        token_env: SLURMRESTD_JWT
    projects:
      alpha:                        # the name people type: /usage alpha
        machine: lumi               # the catalogue's machine: its billing rule converts
        account: project_465000001  # the Slurm account (default: the project's name)
        start: 2026-11-01           # the allocation period (UTC days, end inclusive)
        end: 2027-04-30
        granted: 20000              # optional, in the machine's billing unit; default: the
                                    # account's GrpTRESMins=gres/gpu=N, converted

Unknown keys are errors, as in the queue config.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from knowledge.queue.config import MachineSource, read_config_yaml, validate_config
from knowledge.usage.errors import UsageConfigError
from knowledge.usage.model import Project


class ProjectEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    machine: str
    account: str | None = None
    start: date
    end: date
    granted: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> ProjectEntry:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class UsageConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    machines: dict[str, MachineSource] = Field(default_factory=dict)
    projects: dict[str, ProjectEntry] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _machines_known(self) -> UsageConfig:
        known = {m.lower() for m in self.machines}
        for name, entry in self.projects.items():
            if entry.machine.lower() not in known:
                raise ValueError(f"project {name}: machine {entry.machine} is not under machines")
        return self

    def project(self, name: str) -> Project | None:
        for key, entry in self.projects.items():
            if key.lower() == name.lower():
                return Project(
                    name=key,
                    machine=entry.machine,
                    account=entry.account or key,
                    start=datetime.combine(entry.start, time(), tzinfo=UTC),
                    end=datetime.combine(entry.end + timedelta(days=1), time(), tzinfo=UTC),
                    granted=entry.granted,
                )
        return None

    def source(self, machine: str) -> MachineSource | None:
        for key, source in self.machines.items():
            if key.lower() == machine.lower():
                return source
        return None

    @property
    def project_names(self) -> list[str]:
        return list(self.projects)


def parse_usage_config(data: Any, origin: str = "usage config") -> UsageConfig:
    if data is None:
        return UsageConfig()
    return validate_config(UsageConfig, data, origin, UsageConfigError)


def load_usage_config(path: Path) -> UsageConfig:
    """Read the YAML file; a missing file means "nothing configured", not an error."""
    return parse_usage_config(read_config_yaml(path, UsageConfigError), origin=str(path))
