"""`hpcbot serve` without Slack tokens: the sandbox, its HTTP surface, and a real first start."""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fakeslack.services import FakeServices
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.config import (
    ConfigError,
    ServerSettings,
    Settings,
    SlackSettings,
    StorageSettings,
    UsageSettings,
)
from bot.sandbox import Sandbox, wants_sandbox
from bot.sandbox.demo import DEMO_SOURCE, with_demo_fallback
from bot.sandbox.page import TOKEN_HEADER, manifest_commands
from knowledge.queue.errors import QueueNotConfigured, QueueUnavailable
from knowledge.queue.model import QueueStatus

HPCBOT = Path(sys.executable).with_name("hpcbot")
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "sandbox"


@pytest.mark.parametrize(
    ("tokens", "sandbox"),
    [
        ({}, True),
        ({"bot_token": "xoxb-1"}, False),
        ({"app_token": "xapp-1"}, False),  # half configured: report it, don't fall back
        ({"signing_secret": "s"}, False),
    ],
)
def test_the_sandbox_runs_only_without_any_slack_credential(
    tokens: dict[str, str], sandbox: bool
) -> None:
    assert wants_sandbox(Settings(slack=SlackSettings(**tokens))) is sandbox  # type: ignore[arg-type]


def test_serve_with_half_the_tokens_says_what_is_missing(tmp_path: Path) -> None:
    env = {"SLACK_APP_TOKEN": "xapp-1-x", "HPCBOT_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["serve"], env=env)
    assert result.exit_code == 2
    assert "Set SLACK_BOT_TOKEN" in result.output


def test_autocomplete_lists_the_manifest_commands() -> None:
    commands = {c["command"]: c for c in manifest_commands()}
    assert set(commands) == {"/hpc", "/queue", "/deadlines", "/specs", "/usage"}
    assert commands["/queue"]["usage_hint"] == "<machine> [partition]"


def test_machines_without_a_queue_source_get_labelled_demo_numbers() -> None:
    def unconfigured(machine: str, partition: str | None, /) -> QueueStatus:
        raise QueueNotConfigured("LUMI")

    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    status = with_demo_fallback(unconfigured, lambda: now)("lumi", None)
    assert status.machine == "LUMI" and status.source == DEMO_SOURCE
    assert status == with_demo_fallback(unconfigured, lambda: now)("lumi", None)  # stable
    assert [p.name for p in with_demo_fallback(unconfigured)("lumi", "small-g").partitions] == [
        "small-g"
    ]

    def down(machine: str, partition: str | None, /) -> QueueStatus:
        raise QueueUnavailable("LUMI", "no answer within 5 s")

    with pytest.raises(QueueUnavailable):  # a configured source failing is reported, not faked
        with_demo_fallback(down)("lumi", None)


def test_the_demo_projects_run_out_alert_is_posted_by_the_sandboxs_scheduler(
    tmp_path: Path,
) -> None:
    """/hpc subscribe usage demo, then the clock moves on: the demo snapshot (taken 2 Mar 2026,
    moved to today; tests/sandbox/test_sandbox_usage.py) runs out on 4 Apr, 87 days before the
    period ends on 30 Jun."""
    settings = Settings(storage=StorageSettings(data_dir=tmp_path), server=ServerSettings(port=0))
    with Sandbox(settings, FakeServices().services()) as sandbox:
        shift = datetime.fromtimestamp(sandbox.peer.clock.now(), UTC).date() - date(2026, 3, 2)
        sandbox.peer.slash_command("/hpc", "subscribe usage demo")
        sandbox.peer.wait_for(lambda: any("Subscribed" in m.text for m in sandbox.peer.messages()))
        sandbox.fast_forward(60)
        sandbox.peer.wait_for(lambda: any(m.metadata for m in sandbox.peer.messages()))
        # Only the alert: on a Monday just before 09:00 the weekly summary is due too.
        alerts = [
            m.text for m in sandbox.peer.messages() if m.metadata and m.text.startswith(":warning:")
        ]

    assert alerts == [
        ":warning: *demo*: at this rate (329 GPU-hours/day over the last 7 days) you run out on "
        f"{date(2026, 4, 4) + shift}, 87 days before the end of the period "
        f"({date(2026, 6, 30) + shift})."
    ]


def test_projects_in_the_usage_config_replace_the_demo_project(tmp_path: Path) -> None:
    config = tmp_path / "usage.yaml"
    config.write_text(
        "machines:\n"
        f"  lumi: {{provider: snapshot, path: {tmp_path / 'usage.json'}}}\n"
        "projects:\n"
        "  alpha: {machine: lumi, account: project_a, start: 2026-11-01, end: 2027-04-30}\n"
    )
    settings = Settings(
        storage=StorageSettings(data_dir=tmp_path),
        server=ServerSettings(port=0),
        usage=UsageSettings(config=config),
    )
    with Sandbox(settings, FakeServices().services()) as sandbox:
        ack = sandbox.peer.slash_command("/usage", "demo")

    assert (ack.ack_payload or {}).get("text") == (
        "I know no project called demo. Projects configured here: alpha (an admin adds them "
        "to HPCBOT_USAGE_CONFIG)."
    )


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Sandbox]:
    with Sandbox(
        Settings(storage=StorageSettings(data_dir=tmp_path), server=ServerSettings(port=0)),
        FakeServices().services(),
    ) as sandbox:
        yield sandbox


def test_the_page_and_its_assets_are_served(running: Sandbox) -> None:
    page = httpx.get(running.url)
    assert page.status_code == 200 and "hpcbot sandbox" in page.text
    for asset in ("/static/app.js", "/static/app.css"):
        assert httpx.get(running.url + asset).status_code == 200
    meta = httpx.get(running.url + "/sandbox/meta").json()
    assert [c["kind"] for c in meta["channels"]] == ["channel", "dm"]
    state = httpx.get(running.url + "/sandbox/state").json()
    assert state["connected"] is True and state["messages"] == [] and state["status"] is None


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/sandbox/message", {"channel": "C0RANDOM", "text": "hi"}),  # not shown in the sandbox
        ("/sandbox/message", {"text": "   "}),
        ("/sandbox/clock", {"seconds": -5}),
        ("/sandbox/clock", {"seconds": "soon"}),
        ("/sandbox/click", {"channel": "C0GENERAL", "ts": "1.000001", "action_id": "x"}),
    ],
)
def test_bad_requests_are_refused(running: Sandbox, path: str, body: dict[str, Any]) -> None:
    assert page_post(running, path, body).status_code in (400, 404)


def page_post(sandbox: Sandbox, path: str, body: dict[str, Any]) -> httpx.Response:
    """A POST as the page makes it: JSON, with the token the page got from /sandbox/meta."""
    token = httpx.get(sandbox.url + "/sandbox/meta").json()["token"]
    return httpx.post(sandbox.url + path, json=body, headers={TOKEN_HEADER: token})


# --------------------------------------------------------------------------- other web pages
ACTIONS = [
    ("/sandbox/message", {"text": "@hpcbot what GPUs does LUMI have?"}),
    ("/sandbox/command", {"command": "/hpc", "text": "subscribe deadlines"}),
    ("/sandbox/clock", {"seconds": 86400}),
]


def nothing_happened(sandbox: Sandbox, clock_before: float) -> bool:
    peer = sandbox.peer
    return (
        peer.messages() == [] and peer.deliveries() == [] and peer.clock.now() < clock_before + 60
    )


@pytest.mark.parametrize(("path", "body"), ACTIONS)
def test_a_cross_site_post_is_refused(running: Sandbox, path: str, body: dict[str, Any]) -> None:
    """What any page the user visits can make the browser send, no CORS needed."""
    before = running.peer.clock.now()
    response = httpx.post(
        running.url + path,
        content=json.dumps(body),
        headers={
            "Content-Type": "text/plain",
            "Origin": "http://evil.example",
            "Sec-Fetch-Site": "cross-site",
        },
    )
    assert response.status_code == 403
    assert nothing_happened(running, before)


@pytest.mark.parametrize("token", [None, "guessed"])
@pytest.mark.parametrize(("path", "body"), ACTIONS)
def test_posts_without_the_pages_token_are_refused(
    running: Sandbox, path: str, body: dict[str, Any], token: str | None
) -> None:
    before = running.peer.clock.now()
    headers = {TOKEN_HEADER: token} if token else {}
    response = httpx.post(running.url + path, json=body, headers=headers)
    assert (response.status_code, response.text) == (
        403,
        "missing or wrong X-Sandbox-Token; reload the page",
    )
    assert nothing_happened(running, before)


def test_posts_must_be_json(running: Sandbox) -> None:
    token = httpx.get(running.url + "/sandbox/meta").json()["token"]
    response = httpx.post(
        running.url + "/sandbox/message",
        content='{"text": "hi"}',
        headers={"Content-Type": "text/plain", TOKEN_HEADER: token},
    )
    assert response.status_code == 415 and running.peer.messages() == []


def test_posts_from_another_origin_are_refused_even_with_the_token(running: Sandbox) -> None:
    token = httpx.get(running.url + "/sandbox/meta").json()["token"]
    response = httpx.post(
        running.url + "/sandbox/message",
        json={"text": "hi"},
        headers={TOKEN_HEADER: token, "Origin": "http://evil.example"},
    )
    assert response.status_code == 403 and running.peer.messages() == []


def test_the_page_itself_can_post(running: Sandbox) -> None:
    token = httpx.get(running.url + "/sandbox/meta").json()["token"]
    response = httpx.post(
        running.url + "/sandbox/message",
        json={"text": "hi"},
        headers={
            TOKEN_HEADER: token,
            "Origin": running.url,
            "Sec-Fetch-Site": "same-origin",
        },
    )
    assert response.status_code == 200
    assert [m.text for m in running.peer.messages()] == ["hi"]


@pytest.mark.parametrize("path", ["/", "/sandbox/meta", "/sandbox/state", "/static/app.js"])
def test_a_rebound_name_is_not_served(running: Sandbox, path: str) -> None:
    """DNS rebinding: the attacker's name now resolves to 127.0.0.1; `Host` still says it."""
    response = httpx.get(
        running.url + path, headers={"Host": f"rebind.evil.example:{running.peer.port}"}
    )
    assert response.status_code == 421 and "token" not in response.text


def test_every_run_has_its_own_page_token_and_slack_tokens(tmp_path: Path) -> None:
    runs = [
        Sandbox(
            Settings(
                storage=StorageSettings(data_dir=tmp_path / str(i)), server=ServerSettings(port=0)
            ),
            FakeServices().services(),
        )
        for i in range(2)
    ]
    tokens = [
        (s.page.token, s.peer.bot_token, s.peer.app_token, s.peer.signing_secret) for s in runs
    ]
    assert all(a != b for a, b in zip(*tokens, strict=True))
    assert all(len(s.page.token) >= 40 for s in runs)


def test_events_stream_pushes_state_on_change(running: Sandbox) -> None:
    pushed: list[dict[str, Any]] = []

    def listen() -> None:
        with httpx.stream("GET", running.url + "/sandbox/events", timeout=10) as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    pushed.append(json.loads(line.removeprefix("data: ")))
                    if any(m["text"] == "hello" for m in pushed[-1]["messages"]):
                        return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    running.peer.wait_for(lambda: True)
    time.sleep(0.2)  # let the stream connect; the first push is the current state
    page_post(running, "/sandbox/message", {"text": "hello"})
    listener.join(10)
    assert pushed and pushed[-1]["messages"][-1]["user"] == "U0ALICE"


def test_a_busy_port_is_a_config_error(running: Sandbox, tmp_path: Path) -> None:
    other = Sandbox(
        Settings(
            storage=StorageSettings(data_dir=tmp_path),
            server=ServerSettings(port=running.peer.port),
        ),
        FakeServices().services(),
    )
    with pytest.raises(ConfigError, match="HPCBOT_PORT"):
        other.start()


# --------------------------------------------------------------------------- the real thing
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bare_env(tmp_path: Path) -> dict[str, str]:
    """What a user's shell has: no Slack tokens, no settings, a free port."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "HPCBOT_DATA_DIR": str(tmp_path / "data"),
        "HPCBOT_PORT": str(_free_port()),
    }


def _stop(proc: subprocess.Popen[str], how: signal.Signals) -> None:
    proc.send_signal(how)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:  # a loaded machine: these tests are not about shutdown
        proc.kill()
        proc.wait()


def _read_url(proc: subprocess.Popen[str], timeout: float) -> str:
    found: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "open http://" in line:
                found.append(line.split("open ", 1)[1].split()[0])
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    assert found, f"hpcbot serve printed no URL within {timeout} s"
    return found[0]


def test_python_m_bot_without_credentials_serves_the_sandbox_as_hpcbot_serve_does(
    tmp_path: Path,
) -> None:
    env = _bare_env(tmp_path)
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        url = _read_url(proc, 60)
        page = httpx.get(url)
    finally:
        _stop(proc, signal.SIGINT)
    assert page.status_code == 200 and "hpcbot sandbox" in page.text


def test_hpcbot_serve_without_credentials_shows_the_demo_projects_chart(tmp_path: Path) -> None:
    """`hpcbot serve` as a user starts it (no tokens, no usage config): `/usage demo` from the
    page posts the figures, and the burn-down chart in its thread is a PNG the page can load."""
    env = _bare_env(tmp_path)
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [str(HPCBOT), "serve"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=log, text=True
    )
    try:
        url = _read_url(proc, 60)
        token = httpx.get(url + "/sandbox/meta").json()["token"]
        sent = httpx.post(
            url + "/sandbox/command",
            json={"channel": "C0GENERAL", "command": "/usage", "text": "demo"},
            headers={TOKEN_HEADER: token},
        )
        assert sent.status_code == 200, sent.text
        deadline = time.monotonic() + 60
        while not (shared := [m for m in _messages(url) if m["files"]]):
            assert time.monotonic() < deadline, "no chart within 60 s"
            time.sleep(0.5)
        png = httpx.get(url + shared[0]["files"][0]["url"])
        report = next(m for m in _messages(url) if m["ts"] == shared[0]["thread_ts"])
    finally:
        _stop(proc, signal.SIGTERM)
        log.close()
    assert report["text"] == "demo: 9,120 of 20,000 GPU-hours used (46 %), 10,880 left"
    assert (png.status_code, png.headers["content-type"]) == (200, "image/png")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    # the IHDR chunk: 800 x 400 pixels (8 x 4 inches at 100 dpi, knowledge/usage/chart.py)
    assert struct.unpack(">II", png.content[16:24]) == (800, 400)


def _messages(url: str) -> list[dict[str, Any]]:
    return list(httpx.get(url + "/sandbox/state").json()["messages"])


@pytest.mark.slow
def test_make_run_serves_the_page_and_answers_within_a_minute(browser: Any, tmp_path: Path) -> None:
    """What `make run` does on a fresh checkout: no tokens, empty data dir, real knowledge."""
    from sandboxpage import click, find, send, wait
    from selenium.webdriver.common.by import By

    env = _bare_env(tmp_path)
    started = time.monotonic()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [str(HPCBOT), "serve"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=log, text=True
    )
    timings: dict[str, float] = {}
    try:
        url = _read_url(proc, 30)
        timings["page_served_s"] = time.monotonic() - started
        browser.get(url)
        find(browser, "nav li.active")
        send(browser, "@hpcbot What GPUs does a LUMI-G node have?")
        click(browser, "#messages .thread-summary", "1 reply", seconds=60)
        answer = find(browser, "#thread-messages .message.from-bot", "MI250X", seconds=10)
        timings["first_answer_s"] = time.monotonic() - started
        assert timings["first_answer_s"] < 60
        assert answer.find_elements(By.CSS_SELECTOR, "a[href^='http']")  # with sources
        browser.save_screenshot(str(_artifact("first-start-answer.png")))

        # The bundled knowledge is curated facts (nothing to embed but their short texts), so
        # the index is ready at once; a follow-up in the thread is answered too.
        send(browser, "Can we run Docker containers on LUMI?", box="thread-input")
        wait(browser, 400).until(
            lambda d: (
                len(d.find_elements(By.CSS_SELECTOR, "#thread-messages .message.from-bot")) == 2
            )
        )
        timings["index_answer_s"] = time.monotonic() - started
        state = httpx.get(url + "/sandbox/state").json()
        assert state["status"]["phase"] == "ready"
        second = browser.find_elements(By.CSS_SELECTOR, "#thread-messages .message.from-bot")[1]
        assert "Singularity" in second.text or "Apptainer" in second.text
        timings["index_build_s"] = state["status"]["seconds"]
        timings["chunks"] = state["status"]["chunks"]
        browser.save_screenshot(str(_artifact("first-start-index-answer.png")))
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
        log.close()
        _artifact("first-start.json").write_text(json.dumps(timings, indent=2))
    assert code == 0, (tmp_path / "serve.log").read_text()[-3000:]


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def test_artifacts_are_ignored_by_git() -> None:
    assert "artifacts/" in (REPO / ".gitignore").read_text().split()
