"""hpcbot's settings: one typed object in groups, read once from the environment, passed down.

    settings = Settings.from_env()        # the process environment (+ a named settings file)
    settings.slack.bot_token, settings.server.port, settings.storage.data_dir, ...

Each field is read from its group's prefix plus its name (`SLACK_` + `bot_token`, `HPCBOT_` +
`port`, ...: the names the README's configuration table lists; a test keeps the two equal). pydantic-settings
reads and converts them; a value that does not convert becomes a `ConfigError` naming the
variable and what to set (`hpcbot` prints it and exits 2).

A file of `KEY=VALUE` lines is read too, but only when asked for: `hpcbot --env-file PATH ...`
or `HPCBOT_ENV_FILE=PATH`. A `.env` that happens to be in the working directory is never read:
it could point SLACK_API_URL (and so the bot token) or a queue command somewhere else. The
environment wins over the file.

Built in code (tests, the sandbox), a group takes what it is given and its defaults, never the
environment: only `Settings.from_env` reads that. Every default needs no server, so `hpcbot
chat` works on a fresh machine; the same code talks to a Chroma server or PostgreSQL when
`HPCBOT_CHROMA_URL` / `HPCBOT_STATE_URL` are set.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from importlib.util import find_spec
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, cast
from zoneinfo import ZoneInfo, available_timezones

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)


class ConfigError(Exception):
    """A setting is missing or malformed; the message says what to set and where to get it."""


ENV_FILE_VARIABLE = "HPCBOT_ENV_FILE"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("hpcbot", appauthor=False))


def bundled_knowledge_dir() -> Path:
    # Found without importing `knowledge` (which loads the catalogue's models).
    spec = find_spec("knowledge")
    assert spec is not None and spec.submodule_search_locations, "hpcbot is not installed"
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "data"


# What hpcbot can read questions in (knowledge.languages.SUPPORTED); also the bot's words.
Language = Literal["en", "de", "fr", "it", "es", "pl"]


class _Group(BaseSettings):
    """A group of settings; each field is read from the variable `env_prefix` + its name."""

    model_config = SettingsConfigDict(
        env_prefix="HPCBOT_",
        frozen=True,
        extra="ignore",  # a settings file holds every group's variables (and Compose's)
        env_ignore_empty=True,  # `HPCBOT_PORT=` means the default, as an unset variable does
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)  # the environment is read by `Settings.from_env` alone

    @classmethod
    def variable(cls, field: str) -> str:
        """The environment variable a field is read from."""
        return f"{cls.model_config.get('env_prefix', '')}{field}".upper()


class SlackSettings(_Group):
    """The Slack app (bot/manifest.yaml). None set: `hpcbot serve` runs the local sandbox."""

    model_config = SettingsConfigDict(env_prefix="SLACK_")

    bot_token: str | None = None
    app_token: str | None = None
    signing_secret: str | None = None
    api_url: str = "https://slack.com/api/"

    @field_validator("api_url")
    @classmethod
    def _ends_with_slash(cls, value: str) -> str:
        # slack_sdk joins method names with urljoin, which drops a last segment without "/".
        return value if value.endswith("/") else value + "/"


class ServerSettings(_Group):
    """The HTTP port: /slack/events (HTTP mode), /health, /ready, /metrics (both modes)."""

    port: int = 3000
    host: str | None = None  # None: 0.0.0.0 in HTTP mode, 127.0.0.1 in Socket Mode
    # Where batch jobs reach this bot (job notifications), e.g. https://hpcbot.example.org
    public_url: str | None = None


class StorageSettings(_Group):
    """Where hpcbot keeps its index, state database and queue config."""

    data_dir: Path = Field(default_factory=default_data_dir)
    state_url: str | None = None  # None: SQLite under data_dir
    question_retention_days: int = 30  # then what people asked is pruned from the database

    @field_validator("data_dir")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("question_retention_days")
    @classmethod
    def _at_least_a_day(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be at least 1 (days); questions are pruned once that old")
        return value


class KnowledgeSettings(_Group):
    """The curated catalogue and FAQ, and how its dates are read."""

    knowledge_dir: Path = Field(default_factory=bundled_knowledge_dir)
    timezone: str = "Europe/Brussels"  # for cut-offs and schedules
    stale_after_days: int = 90  # facts checked longer ago are flagged as possibly stale
    # Languages questions may be asked in (comma-separated ISO 639-1 codes); English is always
    # understood. Others are detected per question and answered in that language's words.
    languages: Annotated[tuple[Language, ...], NoDecode] = ("en", "de", "fr", "it", "es", "pl")

    @field_validator("languages", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(code.strip().lower() for code in value.split(",") if code.strip())
        return value

    @field_validator("languages")
    @classmethod
    def _with_english(cls, value: tuple[Language, ...]) -> tuple[Language, ...]:
        return value if "en" in value else ("en", *value)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value not in available_timezones():  # the zones zoneinfo can load
            raise ValueError("is not an IANA time zone; use e.g. Europe/Brussels")
        return value


class IndexSettings(_Group):
    """The search index: embedded Chroma under the data directory, or a Chroma server."""

    embedding_model: str = "all-MiniLM-L6-v2"
    chroma_url: str | None = None


class QueueSettings(_Group):
    """Live Slurm status: which provider serves which machine, and how long to wait for it."""

    model_config = SettingsConfigDict(env_prefix="HPCBOT_QUEUE_")

    config: Path | None = None  # None: queue.yaml under the data directory
    cache_seconds: float = 60.0
    timeout_seconds: float = 5.0


class UsageSettings(_Group):
    """Project usage (/usage): projects, their channels and accounting sources, and how long
    figures are reused."""

    model_config = SettingsConfigDict(env_prefix="HPCBOT_USAGE_")

    config: Path | None = None  # None: usage.yaml under the data directory
    cache_seconds: float = 300.0


class NotifySettings(_Group):
    """Job notifications (/hpc notify): the secret that signs each personal URL."""

    model_config = SettingsConfigDict(env_prefix="HPCBOT_NOTIFY_")

    secret: str | None = None


class CrawlSettings(_Group):
    """The documentation crawler (`hpcbot ingest URL`)."""

    # Only for a mirror on a private network: the crawler refuses private addresses otherwise.
    allow_private_urls: bool = False


class LogSettings(_Group):
    """Logs (bot.logs): JSON lines unless on a terminal; never message text unless asked."""

    model_config = SettingsConfigDict(env_prefix="HPCBOT_LOG_")

    level: str = "INFO"
    format: Literal["auto", "json", "text"] = "auto"
    message_text: bool = False

    @field_validator("level")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class ScheduleSettings(_Group):
    """Scheduled posts (bot/schedule/): reminders and digests, each posted once. The names
    follow their variables (HPCBOT_SCHEDULER, HPCBOT_SCHEDULE_SWEEP_SECONDS, ...)."""

    # `hpcbot serve` also runs them; 0 when `hpcbot scheduler` runs as its own process.
    scheduler: bool = True
    quiet_hours: str | None = None  # e.g. "22:00-07:00" (checked by ScheduleConfig)
    digest_grace_hours: float = 6.0
    schedule_sweep_seconds: float = 60.0
    schedule_lease_seconds: float = 120.0
    clock_offset_seconds: float = 0.0  # rehearsals and tests: run as if it were another time


G = TypeVar("G", bound=_Group)


class Settings(BaseModel):
    """Every setting of hpcbot, in groups."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    slack: SlackSettings = SlackSettings()
    server: ServerSettings = ServerSettings()
    storage: StorageSettings = StorageSettings()
    knowledge: KnowledgeSettings = KnowledgeSettings()
    index: IndexSettings = IndexSettings()
    queue: QueueSettings = QueueSettings()
    usage: UsageSettings = UsageSettings()
    notify: NotifySettings = NotifySettings()
    crawl: CrawlSettings = CrawlSettings()
    logs: LogSettings = LogSettings()
    schedule: ScheduleSettings = ScheduleSettings()

    @property
    def index_dir(self) -> Path:
        return self.storage.data_dir / "index"

    @property
    def index_location(self) -> Path | str:
        """The Chroma server's URL if one is set, else the embedded index's directory."""
        return self.index.chroma_url or self.index_dir

    @property
    def state_database_url(self) -> str:
        return self.storage.state_url or f"sqlite:///{self.storage.data_dir / 'state.db'}"

    @property
    def queue_config_path(self) -> Path:
        return self.queue.config or self.storage.data_dir / "queue.yaml"

    @property
    def usage_config_path(self) -> Path:
        return self.usage.config or self.storage.data_dir / "usage.yaml"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.knowledge.timezone)

    def override(self, **groups: Mapping[str, Any]) -> Settings:
        """A copy with some fields of some groups replaced (as given: not validated), e.g.
        `settings.override(slack={"api_url": url}, server={"port": 0})`."""
        changed = {
            name: getattr(self, name).model_copy(update=dict(fields))
            for name, fields in groups.items()
        }
        return self.model_copy(update=changed)

    @classmethod
    def groups(cls) -> dict[str, type[_Group]]:
        return {name: cast(type[_Group], f.annotation) for name, f in cls.model_fields.items()}

    @classmethod
    def variables(cls) -> list[str]:
        """Every environment variable hpcbot reads its settings from."""
        names = [ENV_FILE_VARIABLE]
        for group in cls.groups().values():
            names += [group.variable(field) for field in group.model_fields]
        return names

    @classmethod
    def from_env(cls, env_file: Path | None = None) -> Settings:
        """Settings from the process environment and, only if named by `env_file` or
        HPCBOT_ENV_FILE, a settings file (the environment wins)."""
        named = env_file or (
            Path(os.environ[ENV_FILE_VARIABLE]) if os.environ.get(ENV_FILE_VARIABLE) else None
        )
        if named is not None and not named.is_file():
            raise ConfigError(
                f"The settings file {named} (--env-file or {ENV_FILE_VARIABLE}) is not a file; "
                "fix the path, or leave it unset to use the environment only."
            )
        problems: list[str] = []
        groups: dict[str, _Group] = {}
        for name, group in cls.groups().items():
            try:
                groups[name] = _read(group, named)
            except ValidationError as exc:
                problems += [_explain(error, group) for error in exc.errors()]
        if problems:
            raise ConfigError("\n".join(problems))
        return cls.model_validate(groups)


def _read(group: type[G], env_file: Path | None) -> G:
    values: dict[str, Any] = {}
    if env_file is not None:
        values.update(DotEnvSettingsSource(group, env_file=env_file)())
    values.update(EnvSettingsSource(group)())
    return group(**values)


def _explain(error: ErrorDetails, group: type[_Group]) -> str:
    """One line saying which variable is wrong and what to set it to."""
    field = str(error["loc"][0]) if error["loc"] else ""
    example = group.model_fields[field].default if field in group.model_fields else None
    shown = f"{group.variable(field)}={error['input']!r}"
    kind = error["type"]
    if kind in ("int_parsing", "float_parsing", "int_from_float"):
        return f"{shown} is not a number; set it to e.g. {example}."
    if kind == "bool_parsing":
        return f"{shown} is not a yes/no value; set it to 1 or 0."
    if kind == "literal_error":
        return f"{shown} is not allowed; {error['msg'].lower()}."
    if kind == "value_error":
        return f"{shown} {error['msg'].removeprefix('Value error, ')}."
    return f"{shown}: {error['msg']}."
