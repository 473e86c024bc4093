"""Start-up: settings are checked with actionable messages; the factory does no import-time work."""

from __future__ import annotations

import gc
import logging
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from fakeslack.services import FakeServices
from fakeslack.settings import bot_settings
from typer.testing import CliRunner

from bot.app import build_app, check_settings, slack_mode
from bot.cli import app as cli
from bot.config import ENV_FILE_VARIABLE, ConfigError, Settings, SlackSettings, StorageSettings
from bot.logs import RedactSecrets

REPO = Path(__file__).resolve().parents[2]


def settings(**changes: dict[str, object]) -> Settings:
    base = Settings(
        slack=SlackSettings(bot_token="xoxb-1", signing_secret="s"),
        storage=StorageSettings(data_dir=Path("/nonexistent")),
    )
    return base.override(**changes)


def test_mode_follows_the_app_token() -> None:
    assert slack_mode(settings()) == "http"
    assert slack_mode(settings(slack={"app_token": "xapp-1"})) == "socket"


@pytest.mark.parametrize(
    "changes,mode,expected",
    [
        ({"slack": {"bot_token": None}}, "http", "Set SLACK_BOT_TOKEN: the Bot User OAuth Token"),
        ({"slack": {"bot_token": "xoxp-user"}}, "http", "SLACK_BOT_TOKEN must start with xoxb-"),
        ({"slack": {"signing_secret": None}}, "http", "Set SLACK_SIGNING_SECRET: the Signing"),
        ({"slack": {"app_token": "xoxb-wrong"}}, "socket", "SLACK_APP_TOKEN must start with xapp-"),
        ({"server": {"port": 70000}}, "http", "HPCBOT_PORT=70000 is not a TCP port"),
        ({"slack": {"api_url": "slack.com/api/"}}, "http", "SLACK_API_URL='slack.com/api/' must"),
    ],
)
def test_bad_settings_say_what_to_set_and_where(
    changes: dict[str, dict[str, object]], mode: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as err:
        check_settings(settings(**changes), mode)  # type: ignore[arg-type]
    assert expected in str(err.value) and "xoxp-user" not in str(err.value)
    assert (
        "api.slack.com/apps" in str(err.value)
        or "TCP port" in str(err.value)
        or "http(s)" in str(err.value)
    )


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(ConfigError) as err:
        check_settings(settings(slack={"bot_token": None, "app_token": "nope"}))
    assert "SLACK_BOT_TOKEN" in str(err.value) and "SLACK_APP_TOKEN" in str(err.value)


def test_a_token_slack_rejects_fails_at_start(tmp_path: Path) -> None:
    with FakeSlack() as slack:
        bad = settings(
            storage={"data_dir": tmp_path},
            slack={"api_url": slack.api_url, "bot_token": "xoxb-revoked"},
        )
        with pytest.raises(ConfigError, match="Slack did not accept SLACK_BOT_TOKEN"):
            build_app(bad, FakeServices().services())
        good = bad.override(slack={"bot_token": slack.bot_token})
        app = build_app(good, FakeServices().services())
        app.close()
        assert [c.method for c in slack.api_calls()] == ["auth.test", "auth.test"]
        assert (tmp_path / "state.db").exists()


def _seen_by_the_collector(obj: object) -> bool:
    # gc.get_objects() lists generations 0 to 2, never the frozen one. (The frozen count is no
    # measure: a frozen object freed by its reference count leaves it, so the net count after a
    # second freeze can fall short of what was added; that made this test fail in one CI run.)
    return any(o is obj for o in gc.get_objects())


def test_a_serving_bot_hides_its_start_up_objects_from_the_collector_then_again_when_ready(
    tmp_path: Path,
) -> None:
    loaded = threading.Event()
    with FakeSlack() as slack:
        app = build_app(bot_settings(slack, tmp_path), FakeServices().services())
        app.ops.checks["model"] = lambda: None if loaded.is_set() else "loading"
        built_before_start = [[i] for i in range(10)]
        try:
            app.freeze_startup_heap(poll=0.01)
            assert not _seen_by_the_collector(built_before_start)
            model = [[i] for i in range(1000)]  # what the background load builds
            time.sleep(0.2)  # twenty polls of a bot that is not ready yet
            assert _seen_by_the_collector(model), "frozen before the bot was ready"
            loaded.set()
            deadline = time.monotonic() + 30
            while _seen_by_the_collector(model):
                assert time.monotonic() < deadline, "not frozen again once ready"
                time.sleep(0.05)
            assert not _seen_by_the_collector(model[-1])
        finally:
            gc.unfreeze()  # this test process is not a serving bot
            app.close()


def test_importing_the_app_does_no_work() -> None:
    code = "import bot.app, bot.listeners, bot.views.answer, sys; print('slack_bolt.app' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "SLACK_API_URL": "http://127.0.0.1:9/api/"},
    )
    assert out.stdout.strip() == "True" and out.stderr == ""


def test_python_m_bot_fails_fast_with_a_message(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(REPO),
            "HPCBOT_DATA_DIR": str(tmp_path),
            "SLACK_APP_TOKEN": "xapp-1-x",  # half configured: not the sandbox, an error
        },
        timeout=60,
    )
    assert out.returncode == 2
    assert "Set SLACK_BOT_TOKEN" in out.stderr and "Traceback" not in out.stderr


def test_the_redaction_filter_redacts_message_arguments() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, "f", 1, "sent %s and %s", ("xoxb-123-abc", "xapp-1-A-b"), None
    )
    assert RedactSecrets().filter(record)
    assert record.getMessage() == "sent xoxb-[redacted] and xapp-[redacted]"


def test_the_redaction_filter_redacts_tracebacks() -> None:
    try:
        raise ValueError("could not reach postgresql://hpcbot:s3cret@db/hpcbot")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, "f", 1, "failed", None, sys.exc_info())
    assert RedactSecrets().filter(record)
    assert record.exc_text is not None
    assert record.exc_text.endswith("ValueError: could not reach postgresql://[redacted]@db/hpcbot")


# --------------------------------------------------------------------------- settings files
HOSTILE_DOT_ENV = "SLACK_API_URL=http://evil.example/api/\nSLACK_BOT_TOKEN=xoxb-planted\n"


@pytest.fixture
def no_env_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """No HPCBOT_ENV_FILE from outside; one set by the test (or the CLI) is removed after."""
    monkeypatch.delenv(ENV_FILE_VARIABLE, raising=False)


def test_a_dot_env_in_the_working_directory_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_env_file: None
) -> None:
    (tmp_path / ".env").write_text(HOSTILE_DOT_ENV)
    monkeypatch.chdir(tmp_path)
    loaded = Settings.from_env()

    assert loaded.slack.api_url == "https://slack.com/api/"
    assert loaded.slack.bot_token is None


def test_a_settings_file_is_read_when_named_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_env_file: None
) -> None:
    for name in ("HPCBOT_TIMEZONE", "HPCBOT_PORT"):
        monkeypatch.delenv(name, raising=False)
    named = tmp_path / "hpcbot.env"
    named.write_text("HPCBOT_TIMEZONE=Europe/Helsinki\nexport HPCBOT_PORT='3100'\n")
    assert Settings.from_env(env_file=named).server.port == 3100
    monkeypatch.setenv(ENV_FILE_VARIABLE, str(named))
    monkeypatch.setenv("HPCBOT_PORT", "3200")
    loaded = Settings.from_env()
    assert (loaded.knowledge.timezone, loaded.server.port) == ("Europe/Helsinki", 3200)
    monkeypatch.setenv(ENV_FILE_VARIABLE, str(tmp_path / "missing.env"))
    with pytest.raises(ConfigError, match="is not a file"):
        Settings.from_env()


def test_the_cli_reads_a_settings_file_only_with_env_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_env_file: None
) -> None:
    for name in ("HPCBOT_DATA_DIR", "HPCBOT_STATE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(f"HPCBOT_DATA_DIR={tmp_path / 'planted'}\n")
    (tmp_path / "asked.env").write_text(f"HPCBOT_DATA_DIR={tmp_path / 'asked'}\n")
    monkeypatch.setenv("HPCBOT_DATA_DIR", str(tmp_path / "environment"))
    runner = CliRunner()
    assert runner.invoke(cli, ["subscriptions", "list"]).exit_code == 0
    assert (tmp_path / "environment" / "state.db").is_file()
    monkeypatch.delenv("HPCBOT_DATA_DIR")
    result = runner.invoke(cli, ["--env-file", "asked.env", "subscriptions", "list"])
    assert (result.exit_code, result.output) == (0, "No subscriptions.\n")
    assert (tmp_path / "asked" / "state.db").is_file()
    assert not (tmp_path / "planted").exists()
