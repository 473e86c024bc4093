"""Settings: one typed object read from the environment, documented in the README's table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_variables() -> list[str]:
    """The variables named in the first column of the README's configuration table."""
    section = README.read_text(encoding="utf-8").split("## Configuration", 1)[1]
    rows = [line for line in section.split("\n## ", 1)[0].splitlines() if line.startswith("| `")]
    return [name for row in rows for name in re.findall(r"`([A-Z_]+)`", row.split("|")[1])]


def test_the_readme_table_lists_exactly_the_settings() -> None:
    assert sorted(readme_variables()) == sorted(Settings.variables())


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The process environment without any hpcbot setting, to set some in."""
    for name in Settings.variables():
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_unset_variables_give_the_defaults(environ: pytest.MonkeyPatch) -> None:
    settings = Settings.from_env()

    assert (settings.server.port, settings.knowledge.timezone) == (3000, "Europe/Brussels")
    assert (settings.schedule.scheduler, settings.schedule.schedule_sweep_seconds) == (True, 60.0)
    assert settings.slack.api_url == "https://slack.com/api/"


def test_an_empty_variable_means_its_default(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("HPCBOT_PORT", "")

    assert Settings.from_env().server.port == 3000


def test_values_are_converted_to_their_types(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("HPCBOT_SCHEDULER", "no")
    environ.setenv("HPCBOT_SCHEDULE_LEASE_SECONDS", "30")
    environ.setenv("HPCBOT_LOG_LEVEL", "debug")
    environ.setenv("SLACK_API_URL", "http://127.0.0.1:9000/api")

    settings = Settings.from_env()

    assert (settings.schedule.scheduler, settings.schedule.schedule_lease_seconds) == (False, 30.0)
    assert settings.logs.level == "DEBUG"
    assert settings.slack.api_url == "http://127.0.0.1:9000/api/"  # slack_sdk needs the slash


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("HPCBOT_PORT", "eighty", "HPCBOT_PORT='eighty' is not a number; set it to e.g. 3000."),
        (
            "HPCBOT_SCHEDULE_SWEEP_SECONDS",
            "soon",
            "HPCBOT_SCHEDULE_SWEEP_SECONDS='soon' is not a number; set it to e.g. 60.0.",
        ),
        (
            "HPCBOT_TIMEZONE",
            "Mars/Olympus",
            "HPCBOT_TIMEZONE='Mars/Olympus' is not an IANA time zone; use e.g. Europe/Brussels.",
        ),
        (
            "HPCBOT_LOG_MESSAGE_TEXT",
            "perhaps",
            "HPCBOT_LOG_MESSAGE_TEXT='perhaps' is not a yes/no value; set it to 1 or 0.",
        ),
        (
            "HPCBOT_LOG_FORMAT",
            "xml",
            "HPCBOT_LOG_FORMAT='xml' is not allowed; input should be 'auto', 'json' or 'text'.",
        ),
    ],
)
def test_a_malformed_value_names_the_variable_and_what_to_set(
    environ: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    environ.setenv(name, value)

    with pytest.raises(ConfigError) as error:
        Settings.from_env()

    assert str(error.value) == message


def test_every_malformed_value_is_reported_at_once(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("HPCBOT_PORT", "x")
    environ.setenv("HPCBOT_STALE_AFTER_DAYS", "y")

    with pytest.raises(ConfigError) as error:
        Settings.from_env()

    assert str(error.value).splitlines() == [
        "HPCBOT_PORT='x' is not a number; set it to e.g. 3000.",
        "HPCBOT_STALE_AFTER_DAYS='y' is not a number; set it to e.g. 90.",
    ]


def test_settings_built_in_code_ignore_the_environment(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("HPCBOT_PORT", "4000")

    assert Settings().server.port == 3000
