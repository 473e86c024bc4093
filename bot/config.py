"""hpcbot's settings: one object, read once from the environment.

A file of `KEY=VALUE` lines is read too, but only when asked for: `hpcbot --env-file PATH ...`
or `HPCBOT_ENV_FILE=PATH`. A `.env` that happens to be in the working directory is never read:
it could point SLACK_API_URL (and so the bot token) or a queue command somewhere else. The
environment wins over the file.

Every knob has a default that needs no server, so `hpcbot chat` works on a fresh machine. The
same code talks to a Chroma server or PostgreSQL when `HPCBOT_CHROMA_URL` / `HPCBOT_STATE_URL`
are set.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs


class ConfigError(Exception):
    """A setting is missing or malformed; the message says what to set and where to get it."""


ENV_FILE_VARIABLE = "HPCBOT_ENV_FILE"


def _env_file_values(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    if not path.is_file():
        raise ConfigError(
            f"The settings file {path} (--env-file or {ENV_FILE_VARIABLE}) is not a file; "
            "fix the path, or leave it unset to use the environment only."
        )
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("hpcbot", appauthor=False))


def bundled_knowledge_dir() -> Path:
    import knowledge

    return Path(knowledge.__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    knowledge_dir: Path = field(default_factory=bundled_knowledge_dir)
    chroma_url: str | None = None
    state_url: str | None = None
    embedding_model: str = "all-MiniLM-L6-v2"
    timezone: str = "Europe/Brussels"
    stale_after_days: int = 90
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    port: int = 3000
    host: str | None = None  # None: 0.0.0.0 in HTTP mode, 127.0.0.1 in Socket Mode (bot.app)
    queue_config: Path | None = None
    queue_cache_seconds: float = 60.0
    queue_timeout_seconds: float = 5.0
    allow_private_urls: bool = False
    log_level: str = "INFO"
    log_format: str = "auto"
    log_message_text: bool = False
    scheduler_enabled: bool = True  # `hpcbot serve` also runs scheduled posts (bot/schedule/)
    quiet_hours: str | None = None  # e.g. "22:00-07:00": scheduled posts wait until it ends
    question_retention_days: int = 30  # then what people asked is pruned from the state database
    usage_config: Path | None = None  # projects and accounting sources (knowledge.usage.config)
    usage_cache_seconds: float = 300.0
    notify_secret: str | None = None  # signs job-notification URLs (bot/notify/)
    public_url: str | None = (
        None  # where batch jobs reach this bot, e.g. https://hpcbot.example.org
    )

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def state_database_url(self) -> str:
        return self.state_url or f"sqlite:///{self.data_dir / 'state.db'}"

    @property
    def queue_config_path(self) -> Path:
        return self.queue_config or self.data_dir / "queue.yaml"

    @property
    def usage_config_path(self) -> Path:
        return self.usage_config or self.data_dir / "usage.yaml"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def override(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = None
    ) -> Settings:
        """Settings from `environ` (default: the process environment) and, only if named by
        `env_file` or HPCBOT_ENV_FILE, a settings file."""
        base = os.environ if environ is None else environ
        named = env_file or (Path(base[ENV_FILE_VARIABLE]) if base.get(ENV_FILE_VARIABLE) else None)
        env = _env_file_values(named) if named is not None else {}
        env.update(base)

        def get(name: str) -> str | None:
            value = env.get(name)
            return value if value not in (None, "") else None

        def number(name: str, default: float, kind: type = float) -> Any:
            value = get(name)
            if value is None:
                return default
            try:
                return kind(value)
            except ValueError:
                raise ConfigError(
                    f"{name}={value!r} is not a number; set it to e.g. {default}."
                ) from None

        timezone = get("HPCBOT_TIMEZONE") or "Europe/Brussels"
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"HPCBOT_TIMEZONE={timezone!r} is not an IANA time zone; use e.g. Europe/Brussels."
            ) from None

        retention = number("HPCBOT_QUESTION_RETENTION_DAYS", 30, int)
        if retention < 1:
            raise ConfigError(
                f"HPCBOT_QUESTION_RETENTION_DAYS={retention} must be at least 1 (days); "
                "questions are pruned once they are that old."
            )

        api_url = get("SLACK_API_URL") or "https://slack.com/api/"
        if not api_url.endswith("/"):
            api_url += "/"  # slack_sdk joins method names with urljoin, which drops a last segment

        data_dir = Path(get("HPCBOT_DATA_DIR") or default_data_dir()).expanduser()
        knowledge_dir = get("HPCBOT_KNOWLEDGE_DIR")
        queue_config = get("HPCBOT_QUEUE_CONFIG")
        usage_config = get("HPCBOT_USAGE_CONFIG")
        return cls(
            data_dir=data_dir,
            knowledge_dir=Path(knowledge_dir) if knowledge_dir else bundled_knowledge_dir(),
            chroma_url=get("HPCBOT_CHROMA_URL"),
            state_url=get("HPCBOT_STATE_URL"),
            embedding_model=get("HPCBOT_EMBEDDING_MODEL") or "all-MiniLM-L6-v2",
            timezone=timezone,
            stale_after_days=number("HPCBOT_STALE_AFTER_DAYS", 90, int),
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_api_url=api_url,
            port=number("HPCBOT_PORT", 3000, int),
            host=get("HPCBOT_HOST"),
            queue_config=Path(queue_config) if queue_config else None,
            queue_cache_seconds=number("HPCBOT_QUEUE_CACHE_SECONDS", 60.0),
            queue_timeout_seconds=number("HPCBOT_QUEUE_TIMEOUT_SECONDS", 5.0),
            allow_private_urls=(get("HPCBOT_ALLOW_PRIVATE_URLS") or "0").lower()
            in ("1", "true", "yes"),
            log_level=(get("HPCBOT_LOG_LEVEL") or "INFO").upper(),
            log_format=get("HPCBOT_LOG_FORMAT") or "auto",
            log_message_text=(get("HPCBOT_LOG_MESSAGE_TEXT") or "0").lower()
            in ("1", "true", "yes"),
            scheduler_enabled=(get("HPCBOT_SCHEDULER") or "1").lower() not in ("0", "false", "no"),
            quiet_hours=get("HPCBOT_QUIET_HOURS"),
            question_retention_days=retention,
            usage_config=Path(usage_config) if usage_config else None,
            usage_cache_seconds=number("HPCBOT_USAGE_CACHE_SECONDS", 300.0),
            notify_secret=get("HPCBOT_NOTIFY_SECRET"),
            public_url=get("HPCBOT_PUBLIC_URL"),
        )
