"""Settings for hpcbot talking to a local Slack peer: its tokens and Web API, nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from bot.config import ServerSettings, Settings, SlackSettings, StorageSettings
from bot.sandbox.peer import FakeSlack


def bot_settings(
    slack: FakeSlack, data_dir: Path, mode: Literal["http", "socket"] = "http"
) -> Settings:
    """HTTP mode (signed requests to /slack/events) or Socket Mode (the app token is set)."""
    return Settings(
        slack=SlackSettings(
            bot_token=slack.bot_token,
            app_token=slack.app_token if mode == "socket" else None,
            signing_secret=slack.signing_secret,
            api_url=slack.api_url,
        ),
        storage=StorageSettings(data_dir=data_dir),
        server=ServerSettings(port=0),
    )
