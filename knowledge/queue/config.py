"""Which live source answers for which machine: the queue YAML file.

Example (`HPCBOT_QUEUE_CONFIG`, default `<data dir>/queue.yaml`)::

    lumi:
      provider: slurmrestd
      url: http://127.0.0.1:6820
      user: slurmtest
      token_env: SLURMRESTD_JWT          # the token itself never goes in this file
      partitions: [standard-g, small-g, dev-g]
    leonardo:
      provider: slurm-cli
      command_prefix: ssh leonardo      # runs `ssh leonardo sinfo --json`, …
    meluxina:
      provider: snapshot
      url: https://example.org/hpcbot/meluxina-queue.json

Unknown keys are errors, so a typo cannot silently switch a setting off. A slurmrestd JWT is
sent only over https:// or to this machine, unless `allow_plain_http: true` says the network
to the site is trusted.
"""

from __future__ import annotations

import ipaddress
import shlex
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationError,
    field_validator,
    model_validator,
)

from knowledge.queue.errors import QueueConfigError

M = TypeVar("M", bound=BaseModel)

# Keys people reach for when they mean to paste a secret; refused with a pointer to *_env.
_SECRET_KEYS = {"token", "jwt", "password", "secret", "api_key"}


class _Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    display_name: str | None = Field(default=None, description="How to print the machine name")
    partitions: list[str] | None = Field(default=None, description="Partitions to report")
    timeout_seconds: float | None = Field(default=None, gt=0, description="Overrides the default")

    @model_validator(mode="before")
    @classmethod
    def _no_inline_secrets(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in data:
                if str(key).lower() in _SECRET_KEYS:
                    raise ValueError(
                        f"'{key}' must not be written in the config file; put the secret in an "
                        "environment variable and name it with token_env"
                    )
        return data


class SlurmRestdSource(_Source):
    provider: Literal["slurmrestd"]
    url: str = Field(description="Base URL, e.g. http://127.0.0.1:6820")
    user: str | None = Field(default=None, description="X-SLURM-USER-NAME (needed by 22.05)")
    token_env: str | None = Field(default=None, description="Env var holding the JWT")
    api_version: str | None = Field(default=None, pattern=r"^v\d+\.\d+\.\d+$")
    unix_socket: Path | None = Field(default=None, description="rest_auth/local socket")
    allow_plain_http: bool = Field(
        default=False,
        description="Send the JWT over http:// to a host other than this one (a trusted network)",
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
            raise ValueError("url must look like http://host:6820 or https://host")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _needs_credentials(self) -> SlurmRestdSource:
        if self.token_env is None and self.unix_socket is None:
            raise ValueError("set token_env (the env var with the JWT) or unix_socket")
        return self

    @model_validator(mode="after")
    def _token_only_encrypted(self) -> SlurmRestdSource:
        """The JWT acts as a Slurm user: over plain http anyone on the path can take it."""
        parts = urlsplit(self.url)
        plain = parts.scheme == "http" and not _is_loopback(parts.hostname)
        if self.token_env and self.unix_socket is None and plain and not self.allow_plain_http:
            raise ValueError(
                f"url {parts.scheme}://{parts.hostname} would send the JWT unencrypted; use "
                "https://, a slurmrestd on this machine (127.0.0.1), unix_socket, or set "
                "allow_plain_http: true if the network to it is trusted"
            )
        return self


class SlurmCliSource(_Source):
    provider: Literal["slurm-cli"]
    command_prefix: list[str] = Field(default_factory=list, description="e.g. `ssh lumi`")
    env: dict[str, str] = Field(default_factory=dict, description="Extra env, e.g. SLURM_CONF")

    @field_validator("command_prefix", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return shlex.split(value) if isinstance(value, str) else value


class SnapshotSource(_Source):
    provider: Literal["snapshot"]
    path: Path | None = None
    url: str | None = None
    max_age_seconds: float = Field(default=900.0, gt=0, description="Older snapshots are stale")

    @field_validator("url")
    @classmethod
    def _https_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme == "https" or (parts.scheme == "http" and _is_loopback(parts.hostname)):
            return value
        raise ValueError("url must be https:// (plain http only for localhost)")

    @model_validator(mode="after")
    def _one_location(self) -> SnapshotSource:
        if (self.path is None) == (self.url is None):
            raise ValueError("set exactly one of path or url")
        return self


def _is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


MachineSource = Annotated[
    SlurmRestdSource | SlurmCliSource | SnapshotSource, Field(discriminator="provider")
]


class QueueConfig(RootModel[dict[str, MachineSource]]):
    """Machine name (as written in the file) -> source. Lookups ignore case."""

    model_config = ConfigDict(frozen=True)

    def get(self, machine: str) -> tuple[str, MachineSource] | None:
        lowered = machine.lower()
        for key, source in self.root.items():
            if key.lower() == lowered:
                return key, source
        return None

    @property
    def machines(self) -> list[str]:
        return list(self.root)

    @classmethod
    def empty(cls) -> QueueConfig:
        return cls({})


def validate_config(model: type[M], data: Any, origin: str, error: type[Exception]) -> M:
    """`data` as `model`, or `error` naming every invalid key (`machines.lumi.url: ...`)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise error(f"{origin} is invalid: {problems}") from None


def read_config_yaml(path: Path, error: type[Exception]) -> Any:
    """The file's YAML; None for a missing file ("nothing configured", not an error)."""
    if not path.is_file():
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise error(f"{path} is not valid YAML: {exc}") from None


def parse_queue_config(data: Any, origin: str = "queue config") -> QueueConfig:
    if data is None:
        return QueueConfig.empty()
    return validate_config(QueueConfig, data, origin, QueueConfigError)


def load_queue_config(path: Path) -> QueueConfig:
    """Read the YAML file; a missing file means "nothing configured", not an error."""
    return parse_queue_config(read_config_yaml(path, QueueConfigError), origin=str(path))
