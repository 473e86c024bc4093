"""`hpcbot doctor` against a fake Slack, an empty and a built index, and a dead database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from typer.testing import CliRunner

from bot.cli import app
from bot.ingest_runs import record_ingest_run
from bot.state import StateStore


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def env(slack: FakeSlack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "SLACK_BOT_TOKEN": slack.bot_token,
        "SLACK_SIGNING_SECRET": slack.signing_secret,
        "SLACK_API_URL": slack.api_url,
        "HPCBOT_DATA_DIR": str(tmp_path / "data"),
    }
    for name in ("HPCBOT_CHROMA_URL", "HPCBOT_STATE_URL", "HPCBOT_QUEUE_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return values


def findings(env: dict[str, str], *args: str) -> tuple[int, dict[str, dict[str, str]]]:
    result = CliRunner().invoke(app, ["doctor", "--json", *args], env=env)
    return result.exit_code, {f["check"]: f for f in json.loads(result.output)}


def test_a_fresh_install_is_told_to_ingest(env: dict[str, str]) -> None:
    code, found = findings(env)
    assert code == 1
    assert found["SLACK_BOT_TOKEN"]["status"] == "ok"
    assert found["index"]["status"] == "fail" and "hpcbot ingest" in found["index"]["fix"]
    assert found["state database"]["status"] == "warn"  # migrations run at start


def test_a_rejected_token_is_a_problem_with_the_fix(env: dict[str, str]) -> None:
    code, found = findings({**env, "SLACK_BOT_TOKEN": "xoxb-revoked"})
    assert code == 1
    assert found["SLACK_BOT_TOKEN"]["status"] == "fail"
    assert "OAuth & Permissions" in found["SLACK_BOT_TOKEN"]["fix"]


def test_a_dead_state_database_is_reported(env: dict[str, str]) -> None:
    dead = "postgresql+psycopg://hpcbot:secret@127.0.0.1:9/x?connect_timeout=2"
    code, found = findings({**env, "HPCBOT_STATE_URL": dead})
    assert code == 1
    assert found["state database"]["status"] == "fail"
    assert "secret" not in found["state database"]["detail"]


def test_a_healthy_deployment_passes(env: dict[str, str], tmp_path: Path) -> None:
    from fakes.embedder import HashEmbedder

    from ingest.pipeline import ingest
    from ingest.sources import local_documents
    from knowledge.store import Index

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# LUMI\n\nLUMI-G nodes have four MI250X GPUs.\n")
    ingest(
        Index(tmp_path / "data" / "index", HashEmbedder("all-MiniLM-L6-v2")),
        [local_documents(docs)],
    )
    store = StateStore.open(f"sqlite:///{tmp_path / 'data' / 'state.db'}")
    record_ingest_run(store, ok=True, chunks=1)
    store.close()
    queue = tmp_path / "data" / "queue.yaml"
    queue.write_text("lumi:\n  provider: snapshot\n  path: /nonexistent/lumi.json\n")
    code, found = findings(env)
    assert {k: v["status"] for k, v in found.items() if v["status"] != "ok"} == {}
    assert code == 0
    code, found = findings(env, "--live")  # the snapshot file isn't there
    assert code == 1 and found["queue lumi"]["status"] == "fail"


def test_a_broken_queue_config_is_a_problem(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "queue.yaml").write_text("lumi:\n  provider: carrier-pigeon\n")
    code, found = findings(env)
    assert code == 1 and found["queue config"]["status"] == "fail"
