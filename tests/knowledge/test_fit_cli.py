"""`hpcbot fit` on the command line: JSON for scripts, text for people, errors naming the option."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli

NOW = ["--now", "2026-11-30T14:00"]


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HPCBOT_DATA_DIR", str(tmp_path))


def hpcbot(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_has_routes_and_sizing() -> None:
    code, out, _ = hpcbot(
        *"fit --org startup --country DE --params 7B --tokens 1T --machine lumi --json".split(),
        *NOW,
    )
    assert code == 0
    data = json.loads(out)
    assert [(r["call"], r["fits"]) for r in data["routes"]][:2] == [
        ("large-scale", True),
        ("extreme-scale", True),
    ]
    assert {"call", "fits", "reason", "next_cutoff", "source"} <= set(data["routes"][0])
    [lumi] = data["sizing"]
    assert (lumi["machine"], lumi["partition"], lumi["gpu_hours"], lumi["node_hours"]) == (
        "LUMI",
        "LUMI-G",
        87_032,
        21_758,
    )
    assert lumi["assumptions"]["mfu"] == 0.35


def test_text_output_leads_with_the_answer() -> None:
    code, out, _ = hpcbot(
        *"fit --org startup --country DE --params 70B --tokens 20B".split(),
        *"--task finetune --machine leonardo".split(),
        *NOW,
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Apply to AI Factories Fast Lane (continuously open: apply any time), asking for about "
        "21,368 GPU-hours on LEONARDO Booster."
    )
    assert "does not fit on one node, needs at least 5 nodes" in lines[2]
    assert "MFU 0.35 assumed (range 0.25-0.5)" in lines[1]


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--country", "XX", "--params", "7B", "--tokens", "1T"],
            "Error: --country: 'XX' is not a country",
        ),
        (["--country", "DE", "--params", "7B"], "Error: --tokens: Give the training tokens"),
        (
            ["--country", "DE", "--params", "0", "--tokens", "1T"],
            "Error: --params: '0' must be positive",
        ),
        (["--country", "DE", "--gpu-hours", "-5"], "Error: --gpu-hours: '-5' must be positive"),
    ],
)
def test_bad_input_exits_2_naming_the_option(args: list[str], message: str) -> None:
    code, out, err = hpcbot("fit", "--org", "startup", *args, *NOW)
    assert code == 2 and out == ""
    assert err.startswith(message)
