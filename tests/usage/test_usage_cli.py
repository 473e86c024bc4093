"""`hpcbot usage` on a usage snapshot of project_a on LUMI (see usage_testing.write_usage_files):
alice 48 h x 8 GCDs and bob 24 h x 4 GCDs = 240 LUMI GPU-hours of a 6,000 GCD-minute grant
(50 GPU-hours): already over by 190."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner
from usage_testing import write_usage_files

from bot.cli import app


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = write_usage_files(tmp_path, datetime.now(UTC).date())
    monkeypatch.setenv("HPCBOT_USAGE_CONFIG", str(config))
    monkeypatch.setenv("HPCBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HPCBOT_TIMEZONE", "UTC")
    return tmp_path


def test_json_has_the_figures_in_lumi_gpu_hours(configured: Path) -> None:
    result = CliRunner().invoke(app, ["usage", "alpha", "--json"])

    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["granted"], data["used"], data["left"], data["unit"]) == (
        50.0,
        240.0,
        -190.0,
        "GPU-hours",
    )
    assert data["used_slurm_gpu_seconds"] == 480 * 3600
    assert data["top_users"] == [{"user": "alice", "used": 192.0}, {"user": "bob", "used": 48.0}]
    assert (
        data["billing_rule"]["source"]
        == "https://docs.lumi-supercomputer.eu/runjobs/lumi_env/billing/"
    )


def test_text_says_the_allocation_is_used_up_and_writes_the_chart(configured: Path) -> None:
    chart = configured / "alpha.png"

    result = CliRunner().invoke(app, ["usage", "alpha", "--chart", str(chart)])

    assert result.exit_code == 0, result.output
    assert "granted 50.0 GPU-hours, used 240 (480.0 %), left -190" in result.output
    assert "The allocation is used up." in result.output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_unknown_project_exits_1_naming_the_known_ones(configured: Path) -> None:
    result = CliRunner().invoke(app, ["usage", "gamma"])

    assert result.exit_code == 1
    assert "I know no project called gamma. Projects configured here: alpha" in result.output
