"""`hpcbot queue` and `hpcbot queue-snapshot` from the command line (snapshot source: no
cluster needed)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from queue_testing import V22
from test_queue_summary import cli_bundle
from typer.testing import CliRunner

queue_cli = pytest.importorskip(
    "bot.cli.queue", reason="bot.cli cannot be imported (a sibling command module is missing)"
)


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    queue_cli.register(app)
    return app


@pytest.fixture
def snapshot_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    snapshot = tmp_path / "lumi-queue.json"
    taken = datetime.now(UTC) - timedelta(seconds=30)
    bundle = replace(cli_bundle(V22), taken_at=taken, host="uan01")
    snapshot.write_text(bundle.dumps())
    config = tmp_path / "queue.yaml"
    config.write_text(f"lumi: {{provider: snapshot, path: {snapshot}, partitions: [small-g]}}\n")
    monkeypatch.setenv("HPCBOT_QUEUE_CONFIG", str(config))
    monkeypatch.setenv("HPCBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HPCBOT_TIMEZONE", "UTC")
    # Explicit, because under pytest `knowledge` can resolve to the tests/knowledge directory.
    repo = Path(queue_cli.__file__).resolve().parents[2]
    monkeypatch.setenv("HPCBOT_KNOWLEDGE_DIR", str(repo / "knowledge" / "data"))
    return snapshot


def test_queue_prints_a_readable_summary(app: typer.Typer, snapshot_config: Path) -> None:
    result = CliRunner().invoke(app, ["queue", "lumi"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("LUMI queue · snapshot · as of ") and lines[0].endswith("(30 s ago)")
    assert "small-g  (max 3 d)" in lines
    assert "  GPUs   1 of 32 mi250 free" in lines
    assert (
        "  jobs   2 running · 4 pending "
        "(JobHeldUser 1, Dependency 1, Priority 1, JobArrayTaskLimit 1)" in lines
    )


def test_queue_json_has_the_documented_shape(app: typer.Typer, snapshot_config: Path) -> None:
    result = CliRunner().invoke(app, ["queue", "LUMI", "small-g", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert (doc["machine"], doc["source"]) == ("LUMI", "snapshot")
    (part,) = doc["partitions"]
    assert part["nodes"] == {
        "idle": 0,
        "mixed": 1,
        "allocated": 2,
        "down": 0,
        "drained": 1,
        "total": 4,
    }
    assert part["jobs"] == {"running": 2, "pending": 4} and part["time_limit_s"] == 259200


def test_unconfigured_machine_exits_1_with_guidance(
    app: typer.Typer, snapshot_config: Path
) -> None:
    result = CliRunner().invoke(app, ["queue", "karolina"])
    assert result.exit_code == 1
    assert "No live queue source is configured for" in result.output


def test_stale_snapshot_shows_last_known_status(app: typer.Typer, snapshot_config: Path) -> None:
    assert CliRunner().invoke(app, ["queue", "lumi"]).exit_code == 0  # remembered on disk
    doc = json.loads(snapshot_config.read_text())
    doc["taken_at"] = (datetime.now(UTC) - timedelta(hours=3)).isoformat()
    snapshot_config.write_text(json.dumps(doc))
    result = CliRunner().invoke(app, ["queue", "lumi", "--json"])
    assert result.exit_code == 1
    out = json.loads(result.output)
    assert out["error"].startswith("LUMI status unavailable (the published snapshot is 3 h old")
    assert "last known status from" in out["error"]
    assert out["last_known"]["partitions"][0]["name"] == "small-g"


def test_the_operator_sees_the_detail_slack_users_do_not(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ssh").write_text("#!/bin/sh\necho 'Permission denied (publickey).' >&2\nexit 255\n")
    (bin_dir / "ssh").chmod(0o755)
    config = tmp_path / "queue.yaml"
    config.write_text(
        f"lumi: {{provider: slurm-cli, command_prefix: ssh lumi-login, "
        f"env: {{PATH: '{bin_dir}:/usr/bin:/bin'}}}}\n"
    )
    monkeypatch.setenv("HPCBOT_QUEUE_CONFIG", str(config))
    monkeypatch.setenv("HPCBOT_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["queue", "lumi", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["error"].startswith("LUMI status unavailable (ssh to the cluster failed).")
    assert report["detail"].endswith("exit 255: Permission denied (publickey).")
    assert report["detail"].startswith("`ssh lumi-login ")
