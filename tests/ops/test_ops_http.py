"""/health, /ready and /metrics of one bot, in HTTP mode and beside Socket Mode (fake services)."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from fakeslack.services import FakeServices, answer_for
from fakeslack.settings import bot_settings
from opsharness import free_port, get
from prometheus_client.parser import text_string_to_metric_families
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.app import Mode, SlackApp, build_app
from bot.config import Settings, StorageSettings
from bot.http_server import HttpServer, listen_host, start_health_server
from bot.services import LazyAssistant, Services
from knowledge import Assistant, KnowledgeError
from knowledge.queue.errors import QueueUnavailable
from knowledge.queue.model import QueueStatus

READY = {"ready": True, "checks": {"state_db": "ok", "index": "ok", "slack": "ok"}}


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def start(slack: FakeSlack, services: Services, data_dir: Path) -> tuple[SlackApp, HttpServer, str]:
    app = build_app(bot_settings(slack, data_dir), services)
    server = HttpServer(app, port=0, host="127.0.0.1")
    url = f"http://127.0.0.1:{server.start()}"
    slack.deliver_over_http(f"{url}/slack/events")
    return app, server, url


@pytest.fixture
def bot(slack: FakeSlack, tmp_path: Path) -> Iterator[tuple[SlackApp, FakeServices, str]]:
    fake = FakeServices()

    def unavailable(machine: str, partition: str | None, /) -> object:
        raise QueueUnavailable(machine, "no answer within 5 s")

    services = dataclasses.replace(fake.services(), queue=unavailable)  # type: ignore[arg-type]
    app, server, url = start(slack, services, tmp_path)
    yield app, fake, url
    app.wait_idle(5)
    server.stop()
    app.close()


def samples(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    status, body = get(f"{url}/metrics")
    assert status == 200
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(body)
        for s in family.samples
    }


def test_liveness_and_readiness(bot: tuple[SlackApp, FakeServices, str]) -> None:
    _, _, url = bot
    assert get(f"{url}/health") == (200, '{"ok": true}')
    for path in ("/ready", "/health?ready=1"):
        status, body = get(url + path)
        assert (status, json.loads(body)) == (200, READY)


def test_not_ready_while_the_index_loads(slack: FakeSlack, tmp_path: Path) -> None:
    services = dataclasses.replace(FakeServices().services(), readiness=lambda: "still loading")
    app, server, url = start(slack, services, tmp_path)
    try:
        status, body = get(f"{url}/ready")
        assert status == 503
        assert json.loads(body)["checks"]["index"] == "still loading"
        assert get(f"{url}/health")[0] == 200  # alive all the same
        assert samples(url)[("hpcbot_ready", ())] == 0.0
    finally:
        server.stop()
        app.close()


def test_metrics_count_requests_answers_abstentions_feedback_and_queue_errors(
    slack: FakeSlack, bot: tuple[SlackApp, FakeServices, str]
) -> None:
    app, fake, url = bot
    question = slack.mention("what GPUs does LUMI have?")
    answer = slack.wait_for_message(thread_ts=question.ts)
    slack.click(answer, "feedback_helpful")
    fake.answer = lambda q, c: answer_for(q, "I don't know.", abstained=True, citations=())
    second = slack.mention("best lasagne recipe?")
    slack.wait_for_message(thread_ts=second.ts)
    slack.slash_command("/queue", "lumi")
    assert app.wait_idle(5)

    got = samples(url)
    assert got[("hpcbot_requests_total", (("kind", "event"), ("name", "app_mention")))] == 2
    assert got[("hpcbot_requests_total", (("kind", "command"), ("name", "/queue")))] == 1
    assert got[("hpcbot_requests_total", (("kind", "action"), ("name", "block_actions")))] == 1
    assert got[("hpcbot_answers_total", (("outcome", "answered"),))] == 1
    assert got[("hpcbot_answers_total", (("outcome", "abstained"),))] == 1
    assert got[("hpcbot_answer_seconds_count", ())] == 2
    assert got[("hpcbot_feedback_total", (("helpful", "true"),))] == 1
    queue_key = (("error", "QueueUnavailable"), ("machine", "lumi"))
    assert got[("hpcbot_queue_errors_total", queue_key)] == 1
    assert got[("hpcbot_ingest_runs_total", (("outcome", "ok"),))] == 0


def test_socket_mode_serves_health_and_metrics_on_its_port(
    slack: FakeSlack, tmp_path: Path
) -> None:
    app = build_app(bot_settings(slack, tmp_path, "socket"), FakeServices().services())
    handler = SocketModeHandler(app.bolt, slack.app_token)
    handler.connect()  # type: ignore[no-untyped-call]
    server = start_health_server(app, handler, free_port(), host="127.0.0.1")
    url = f"http://127.0.0.1:{server.port}"
    try:
        slack.wait_for(lambda: slack.hub.connected)
        assert json.loads(get(f"{url}/ready")[1]) == READY
        assert get(f"{url}/metrics")[0] == 200
        handler.client.close()  # type: ignore[no-untyped-call]
        status, body = get(f"{url}/ready")
        assert (status, json.loads(body)["checks"]["slack"]) == (503, "disconnected")
    finally:
        server.stop()
        app.close()


def test_readiness_says_what_failed_but_not_the_servers_credentials(
    slack: FakeSlack, tmp_path: Path
) -> None:
    def unreachable_index() -> Assistant:
        raise KnowledgeError(
            "Could not open the vector store at http://hpcbot:s3cret@chroma.internal:8000: "
            "Could not connect to a Chroma server."
        )

    def unreachable_database() -> str | None:
        raise OSError("could not connect to postgresql://hpcbot:pw0rd@db.internal/hpcbot")

    index = LazyAssistant(
        Settings(storage=StorageSettings(data_dir=tmp_path)), opener=unreachable_index
    )
    deadline = time.monotonic() + 10
    while "did not load" not in (index.problem() or ""):  # it fails in its warm-up thread
        assert time.monotonic() < deadline, index.problem()
        time.sleep(0.01)
    services = dataclasses.replace(FakeServices().services(), readiness=index.problem)
    app, server, url = start(slack, services, tmp_path)
    try:
        ops = app.ops
        assert ops is not None
        ops.checks["state_db"] = unreachable_database
        status, body = get(f"{url}/ready")
        assert (status, json.loads(body)["checks"]) == (
            503,
            {
                "state_db": "OSError (the log says why)",
                "index": "the index did not load (KnowledgeError; the log says why)",
                "slack": "ok",
            },
        )
    finally:
        server.stop()
        app.close()


def test_socket_mode_serves_health_and_metrics_on_loopback_only(
    slack: FakeSlack, tmp_path: Path
) -> None:
    app = build_app(bot_settings(slack, tmp_path, "socket"), FakeServices().services())
    handler = SocketModeHandler(app.bolt, slack.app_token)
    server = start_health_server(app, handler, 0)
    try:
        assert [host for host, _ in server.addresses] == ["127.0.0.1"]
        assert get(f"http://127.0.0.1:{server.port}/health")[0] == 200
    finally:
        server.stop()
        app.close()


@pytest.mark.parametrize(
    ("environ", "mode", "host"),
    [
        ({}, "socket", "127.0.0.1"),
        ({}, "http", "0.0.0.0"),  # Slack must reach /slack/events
        ({"HPCBOT_HOST": "0.0.0.0"}, "socket", "0.0.0.0"),  # e.g. Prometheus on another host
        ({"HPCBOT_HOST": "127.0.0.1"}, "http", "127.0.0.1"),  # behind a local reverse proxy
    ],
)
def test_where_the_http_server_listens(
    environ: dict[str, str], mode: Mode, host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HPCBOT_HOST", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)

    assert listen_host(Settings.from_env(), mode) == host


def test_queue_errors_are_counted_by_canonical_machine_not_by_spelling(
    slack: FakeSlack, tmp_path: Path
) -> None:
    def unavailable(machine: str, partition: str | None, /) -> QueueStatus:
        # As the real service does: the name is resolved first, then the site fails.
        raise QueueUnavailable(FakeServices._machine(machine), "no answer within 5 s")

    services = dataclasses.replace(FakeServices().services(), queue=unavailable)
    app, server, url = start(slack, services, tmp_path)
    try:
        for spelling in ("lumi", "LUMI", "Lumi", "lu-mi"):
            slack.slash_command("/queue", spelling)
        assert app.wait_idle(5)
        series = {
            labels: value
            for (name, labels), value in samples(url).items()
            if name == "hpcbot_queue_errors_total"
        }
        assert series == {(("error", "QueueUnavailable"), ("machine", "lumi")): 4.0}
    finally:
        server.stop()
        app.close()
